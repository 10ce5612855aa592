// `npm run context-corpus-report`: the split on real projects WITH their build context (the
// projects listed in test/context-corpus/manifest.tsv: repository, commit, context folder,
// Dockerfile). The projects' files are not in this repository (they are other people's code):
// a session brings them onto its machine (see test/context-corpus/README.md) into the folder
// STAGECRAFT_CONTEXT_CORPUS names (default ../context-corpus, beside the project), laid out as
// `files/<slug>/<context_dir>/<dockerfile>`. Prints per ecosystem how many files a recipe
// recognises, offers a split for, and declines (with the reasons), and whether every offered
// variant passes the invariants. `--declined` lists each declined file with its reason;
// `--offered DIR` writes each preferred split to DIR/<slug>.Dockerfile for reading. The
// "prebuilt" column comes from the manifest's notes; the files where the split itself finds
// nothing to build (the outcome's `nothingToBuild`) are compared with it below the table.
// Needs `npx tsc -p .` first (the npm script does it).
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = path.resolve(root, process.env.STAGECRAFT_OUT ?? 'out');
const { analyzeDockerfile } = require(path.join(out, 'server/src/core/analyze.js'));
const { decodeDockerfile } = require(path.join(out, 'server/src/core/decode.js'));
const { planSplit } = require(path.join(out, 'server/src/fixes/split/splitStages.js'));
const { folderBuildContext } = require(path.join(out, 'server/src/fixes/folderContext.js'));
const { splitProblems } = require(path.join(out, 'test/unit/splitInvariants.js'));
const { TextDocument } = require('vscode-languageserver-textdocument');

const TODAY = '2026-12-06';
const corpus = path.resolve(root, process.env.STAGECRAFT_CONTEXT_CORPUS ?? path.join('..', 'context-corpus'));
const manifest = path.join(root, 'test', 'context-corpus', 'manifest.tsv');
if (!fs.existsSync(path.join(corpus, 'files'))) {
  console.error(`No projects at ${corpus}/files: bring them onto this machine first (test/context-corpus/README.md), or set STAGECRAFT_CONTEXT_CORPUS.`);
  process.exit(2);
}
const rows = fs.readFileSync(manifest, 'utf8').trim().split('\n').slice(1).map((line) => {
  const [slug, repo, commit, contextDir, dockerfile, ecosystem, notes] = line.split('\t');
  return { slug, repo, commit, contextDir, dockerfile, ecosystem, notes: notes ?? '' };
});

const offeredDir = process.argv.includes('--offered') ? process.argv[process.argv.indexOf('--offered') + 1] : undefined;
if (offeredDir) {
  fs.mkdirSync(offeredDir, { recursive: true });
}
const table = {};
const declinedFiles = [];
/** Files the manifest calls prebuilt while the split finds something to build, and the other way round. */
const prebuiltOnlyInNotes = [];
const nothingToBuildOnlyInSplit = [];
let missing = 0;
for (const row of rows) {
  const contextFolder = path.join(corpus, 'files', row.slug, row.contextDir);
  const file = path.join(contextFolder, row.dockerfile);
  if (!fs.existsSync(file)) {
    missing++;
    continue;
  }
  // Files that only copy in what was built elsewhere have nothing to split: counted apart.
  const prebuilt = /no RUN step|prebuilt/.test(row.notes);
  const s = (table[row.ecosystem] ??= { files: 0, prebuilt: 0, nothingToBuild: 0, recognised: 0, offered: 0, sound: 0, declined: {} });
  s.files++;
  if (prebuilt) {
    s.prebuilt++;
  }
  const text = decodeDockerfile(fs.readFileSync(file));
  const analysis = analyzeDockerfile(text, { today: TODAY });
  if (!analysis.model) {
    continue;
  }
  const outcome = planSplit({ model: analysis.model, text, buildContext: folderBuildContext(path.dirname(file)), today: TODAY });
  if (outcome.ecosystem) {
    s.recognised++;
  }
  if (outcome.nothingToBuild) {
    s.nothingToBuild++;
  }
  if (prebuilt && !outcome.nothingToBuild) {
    prebuiltOnlyInNotes.push(`${row.slug} (${row.ecosystem}): ${outcome.declined ?? (outcome.results.length > 0 ? 'offered' : 'no recipe')}`);
  } else if (!prebuilt && outcome.nothingToBuild) {
    nothingToBuildOnlyInSplit.push(`${row.slug} (${row.ecosystem}): ${outcome.declined}`);
  }
  if (outcome.declined) {
    s.declined[outcome.declined] = (s.declined[outcome.declined] ?? 0) + 1;
    declinedFiles.push(`${row.slug} (${row.ecosystem}, recipe ${outcome.ecosystem}${prebuilt ? ', prebuilt' : ''}${outcome.nothingToBuild ? ', nothing to build' : ''}): ${outcome.declined}`);
  } else if (outcome.results.length === 0) {
    declinedFiles.push(`${row.slug} (${row.ecosystem}, no recipe${prebuilt ? ', prebuilt' : ''})`);
  }
  if (outcome.results.length > 0) {
    s.offered++;
    const document = TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text);
    const variants = outcome.results.map((result) => TextDocument.applyEdits(document, result.edits));
    if (variants.every((variant) => splitProblems(text, variant, TODAY).length === 0)) {
      s.sound++;
    }
    if (offeredDir) {
      fs.writeFileSync(path.join(offeredDir, `${row.slug}.Dockerfile`), variants[0]);
    }
  }
}

const pad = (value, width) => String(value).padStart(width);
const percent = (part, whole) => (whole === 0 ? '-' : `${Math.round((100 * part) / whole)}%`);
console.log(`Context corpus: ${rows.length} projects in the manifest, ${rows.length - missing} on this machine (${corpus})`);
console.log('(to split: files less those that only copy in a prebuilt artifact; offered %: of those to split)');
console.log(`${'ecosystem'.padEnd(16)}${pad('files', 7)}${pad('prebuilt', 10)}${pad('recognised', 12)}${pad('offered', 9)}${pad('offered %', 11)}${pad('sound', 7)}${pad('declined', 10)}`);
const totals = { files: 0, prebuilt: 0, recognised: 0, offered: 0, sound: 0, declined: 0 };
for (const [ecosystem, s] of Object.entries(table).sort((a, b) => b[1].files - a[1].files)) {
  const declined = Object.values(s.declined).reduce((sum, n) => sum + n, 0);
  console.log(`${ecosystem.padEnd(16)}${pad(s.files, 7)}${pad(s.prebuilt, 10)}${pad(s.recognised, 12)}${pad(s.offered, 9)}${pad(percent(s.offered, s.files - s.prebuilt), 11)}${pad(s.sound, 7)}${pad(declined, 10)}`);
  for (const key of Object.keys(totals)) {
    totals[key] += key === 'declined' ? declined : s[key];
  }
}
const nothingToBuild = Object.values(table).reduce((sum, s) => sum + s.nothingToBuild, 0);
console.log(`${'all'.padEnd(16)}${pad(totals.files, 7)}${pad(totals.prebuilt, 10)}${pad(totals.recognised, 12)}${pad(totals.offered, 9)}${pad(percent(totals.offered, totals.files - totals.prebuilt), 11)}${pad(totals.sound, 7)}${pad(totals.declined, 10)}`);
console.log(`\nPrebuilt (manifest notes): ${totals.prebuilt}; nothing to build (the split's nothingToBuild): ${nothingToBuild}; ${prebuiltOnlyInNotes.length + nothingToBuildOnlyInSplit.length} differ`);
for (const line of prebuiltOnlyInNotes) {
  console.log(`  prebuilt in the notes only: ${line}`);
}
for (const line of nothingToBuildOnlyInSplit) {
  console.log(`  nothing to build in the split only: ${line}`);
}
const reasons = {};
for (const s of Object.values(table)) {
  for (const [reason, n] of Object.entries(s.declined)) {
    reasons[reason] = (reasons[reason] ?? 0) + n;
  }
}
console.log('\nWhy recognised files are declined (files: reason)');
for (const [reason, n] of Object.entries(reasons).sort((a, b) => b[1] - a[1])) {
  console.log(`${pad(n, 4)}: ${reason}`);
}
if (process.argv.includes('--declined')) {
  console.log(`\n${declinedFiles.join('\n')}`);
}
