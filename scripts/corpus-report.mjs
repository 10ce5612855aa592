// `npm run corpus-report`: runs every rule over ../shared/corpus (1,283 real Dockerfiles) and
// prints how many files each rule fires on, by category and by stage count, plus how often the
// split fix is offered on single-stage application files, and whether every variant passes the
// invariants. Needs `npx tsc -p .` first (npm script does it). `--json FILE` also writes the
// numbers; `--declined` lists each file a recipe recognised but declined, with the reason;
// `--reasons-by-ecosystem` lists the declines' reasons grouped by ecosystem (what is left in each).
// "Nothing to build": declined because the file builds nothing (a jar, published app or native
// executable copied in, PHP or Ruby with nothing installed, a development environment whose app is
// mounted, a test image, a base image that neither builds nor starts an app), so
// there is nothing to split by nature; "offered %" is of the files less those. A mainstream file
// with neither a split nor a reason is listed at the end (the unit suite fails on one).
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// Where `tsc -p .` wrote its output (another folder lets parallel work keep its own build).
const out = path.resolve(root, process.env.STAGECRAFT_OUT ?? 'out');
const { analyzeDockerfile } = require(path.join(out, 'server/src/core/analyze.js'));
const { decodeDockerfile } = require(path.join(out, 'server/src/core/decode.js'));
const { ALL_RULES } = require(path.join(out, 'server/src/rules/index.js'));
const { planSplit } = require(path.join(out, 'server/src/fixes/split/splitStages.js'));
const { splitProblems } = require(path.join(out, 'test/unit/splitInvariants.js'));
const { TextDocument } = require('vscode-languageserver-textdocument');

const corpus = process.env.STAGECRAFT_CORPUS ? path.resolve(process.env.STAGECRAFT_CORPUS) : path.resolve(root, '..', 'shared', 'corpus');
const TODAY = '2026-11-29';
const rows = fs.readFileSync(path.join(corpus, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => {
  const [file, repo, commit, filePath, stages, ecosystem, category] = line.split('\t');
  return { file, repo, commit, filePath, stages: Number(stages), ecosystem, category };
});

const categories = [...new Set(rows.map((r) => r.category))].sort();
const stageBuckets = ['1', '2', '3+'];
const bucket = (n) => (n <= 1 ? '1' : n === 2 ? '2' : '3+');
const ruleIds = [...ALL_RULES.map((r) => r.id), 'not-production-image', 'file-not-analyzed'];
const counts = Object.fromEntries(ruleIds.map((id) => [id, { total: 0, byCategory: {}, byStages: {} }]));
const filesPerCategory = {};
const split = {};
const declinedFiles = [];
/** The ecosystems the README's mainstream total adds up ("other" is shown apart). */
const MAINSTREAM = ['python', 'node', 'java', 'ruby', 'php', 'go', 'dotnet', 'rust'];
/** Mainstream files that get neither a split nor a reason. */
const unexplained = [];
/** Decline reasons given for a file that builds nothing (`nothingToBuild`), to mark them in the listings. */
const reasonsNothing = new Set();
let errors = 0;

for (const row of rows) {
  filesPerCategory[row.category] = (filesPerCategory[row.category] ?? 0) + 1;
  const text = decodeDockerfile(fs.readFileSync(path.join(corpus, 'files', row.file)));
  let analysis;
  try {
    analysis = analyzeDockerfile(text, { today: TODAY, documentPath: row.filePath, onRuleError: () => errors++ });
  } catch {
    errors++;
    continue;
  }
  for (const id of new Set(analysis.findings.map((f) => f.ruleId))) {
    const c = counts[id] ?? (counts[id] = { total: 0, byCategory: {}, byStages: {} });
    c.total++;
    c.byCategory[row.category] = (c.byCategory[row.category] ?? 0) + 1;
    c.byStages[bucket(row.stages)] = (c.byStages[bucket(row.stages)] ?? 0) + 1;
  }
  if (row.category === 'app' && row.stages === 1 && analysis.model) {
    const s = (split[row.ecosystem] ??= { files: 0, recognised: 0, nothingToBuild: 0, offered: 0, passed: 0, declined: {} });
    s.files++;
    const outcome = planSplit({ model: analysis.model, text });
    if (outcome.ecosystem) {
      s.recognised++;
    }
    if (outcome.declined) {
      s.declined[outcome.declined] = (s.declined[outcome.declined] ?? 0) + 1;
      declinedFiles.push(`${row.file} (${row.ecosystem}, recipe ${outcome.ecosystem}${outcome.nothingToBuild ? ', nothing to build' : ''}): ${outcome.declined}`);
    }
    if (outcome.nothingToBuild) {
      s.nothingToBuild++;
      reasonsNothing.add(outcome.declined);
    }
    if (outcome.results.length === 0 && !outcome.declined && MAINSTREAM.includes(row.ecosystem)) {
      unexplained.push(`${row.file} (${row.ecosystem})`);
    }
    if (outcome.results.length > 0) {
      s.offered++;
      const document = TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text);
      const sound = outcome.results.every((result) => splitProblems(text, TextDocument.applyEdits(document, result.edits), TODAY).length === 0);
      if (sound) {
        s.passed++;
      }
    }
  }
}

const pad = (value, width) => String(value).padStart(width);
console.log(`Corpus: ${rows.length} files (${categories.map((c) => `${c} ${filesPerCategory[c]}`).join(', ')}); rule errors: ${errors}\n`);
console.log(`Files each rule fires on (today = ${TODAY})`);
const header = `${'rule'.padEnd(36)}${pad('total', 7)}${categories.map((c) => pad(c, 16)).join('')}${stageBuckets.map((b) => pad(`${b} stg`, 8)).join('')}`;
console.log(header);
console.log('-'.repeat(header.length));
for (const id of Object.keys(counts)) {
  const c = counts[id];
  console.log(`${id.padEnd(36)}${pad(c.total, 7)}${categories.map((cat) => pad(c.byCategory[cat] ?? 0, 16)).join('')}${stageBuckets.map((b) => pad(c.byStages[b] ?? 0, 8)).join('')}`);
}
console.log('\nSplit into build and distroless runtime stages, single-stage app files');
console.log('(recognised: a recipe knows the build; nothing: declined as it builds nothing; offered: it splits;');
console.log(' offered %: of the files less those with nothing to build; sound: every variant passes the invariants)');
const percent = (part, whole) => (whole === 0 ? '-' : `${Math.round((100 * part) / whole)}%`);
const line = (label, s, declined) =>
  `${label.padEnd(12)}${pad(s.files, 7)}${pad(s.recognised, 12)}${pad(s.nothingToBuild, 9)}${pad(s.offered, 9)}${pad(percent(s.offered, s.files - s.nothingToBuild), 11)}${pad(s.passed, 7)}${pad(declined, 10)}`;
console.log(`${'ecosystem'.padEnd(12)}${pad('files', 7)}${pad('recognised', 12)}${pad('nothing', 9)}${pad('offered', 9)}${pad('offered %', 11)}${pad('sound', 7)}${pad('declined', 10)}`);
const bySize = Object.entries(split).sort((a, b) => b[1].files - a[1].files);
const declinedCount = (s) => Object.values(s.declined).reduce((sum, n) => sum + n, 0);
const mainstream = { files: 0, recognised: 0, nothingToBuild: 0, offered: 0, passed: 0, declined: 0 };
for (const [ecosystem, s] of bySize) {
  console.log(line(ecosystem, s, declinedCount(s)));
  if (MAINSTREAM.includes(ecosystem)) {
    for (const key of Object.keys(mainstream)) {
      mainstream[key] += key === 'declined' ? declinedCount(s) : s[key];
    }
  }
}
console.log(line('mainstream', mainstream, mainstream.declined));
const reasons = {};
for (const [, s] of bySize) {
  for (const [reason, n] of Object.entries(s.declined)) {
    reasons[reason] = (reasons[reason] ?? 0) + n;
  }
}
if (Object.keys(reasons).length > 0) {
  console.log('\nWhy recognised files are declined (files: reason)');
  for (const [reason, n] of Object.entries(reasons).sort((a, b) => b[1] - a[1])) {
    console.log(`${pad(n, 4)}: ${reason}`);
  }
}
if (unexplained.length > 0) {
  console.log(`\nMainstream files with neither a split nor a reason: ${unexplained.length}\n${unexplained.join('\n')}`);
}
if (process.argv.includes('--reasons-by-ecosystem')) {
  for (const [ecosystem, s] of bySize) {
    const entries = Object.entries(s.declined).sort((a, b) => b[1] - a[1]);
    if (entries.length === 0) {
      continue;
    }
    console.log(`\n${ecosystem}: ${declinedCount(s)} declined of ${s.files} files (${s.nothingToBuild} with nothing to build)`);
    for (const [reason, n] of entries) {
      console.log(`${pad(n, 4)}${reasonsNothing.has(reason) ? ' [nothing to build]' : ''}: ${reason}`);
    }
  }
}
if (process.argv.includes('--declined')) {
  console.log(`\n${declinedFiles.join('\n')}`);
}
const jsonIndex = process.argv.indexOf('--json');
if (jsonIndex > 0) {
  fs.writeFileSync(process.argv[jsonIndex + 1], JSON.stringify({ counts, split, mainstream, filesPerCategory, errors }, null, 2));
}
