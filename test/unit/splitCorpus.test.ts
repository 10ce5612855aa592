// The split on every single-stage application Dockerfile of ../shared/corpus: where it is
// offered, every variant must pass the invariants, and a second application changes nothing.
// The per-ecosystem figures must be the ones the README shows, with the files that build nothing
// (the outcome's `nothingToBuild`) counted apart and the mainstream total. Every mainstream file
// gets a split or a reason: one a recipe does not recognise would leave the user with neither.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeDockerfile } from '../../server/src/core/decode';
import { planSplit, splitIntoStages } from '../../server/src/fixes/split/splitStages';
import { PROJECT_ROOT, SHARED_CORPUS, analyze, applyFix, applyFixVariants, requireSharedCorpus } from './helpers';
import { splitProblems } from './splitInvariants';

const CORPUS = SHARED_CORPUS;
/** README row labels for the manifest's ecosystem names. */
const LABELS: Record<string, string> = { python: 'Python', node: 'Node', java: 'Java', ruby: 'Ruby', php: 'PHP', go: 'Go', dotnet: '.NET', rust: 'Rust', other: 'other' };
/** The ecosystems the README's mainstream row adds up ("other" is apart). */
const MAINSTREAM = ['python', 'node', 'java', 'ruby', 'php', 'go', 'dotnet', 'rust'];

interface Figures {
  files: number;
  recognised: number;
  nothingToBuild: number;
  offered: number;
  sound: number;
  declined: number;
}

describe('split on the corpus (single-stage app files)', function () {
  this.timeout(120_000);
  const figures = new Map<string, Figures>();
  const failures: string[] = [];
  const inputs: string[] = [];
  /** Mainstream files that get neither a split nor a reason. */
  const unexplained: string[] = [];

  before(function () {
    requireSharedCorpus(this);
    const rows = fs.readFileSync(path.join(CORPUS, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
    const singleStageApps = rows.filter((row) => row[4] === '1' && row[6] === 'app');
    assert.equal(singleStageApps.length, 380);
    for (const [file, , , , , ecosystem] of singleStageApps) {
      const input = decodeDockerfile(fs.readFileSync(path.join(CORPUS, 'files', file)));
      inputs.push(input);
      const counts = figures.get(ecosystem) ?? { files: 0, recognised: 0, nothingToBuild: 0, offered: 0, sound: 0, declined: 0 };
      figures.set(ecosystem, counts);
      counts.files++;
      const outcome = planSplit({ model: analyze(input).model!, text: input });
      counts.recognised += outcome.ecosystem ? 1 : 0;
      counts.declined += outcome.declined ? 1 : 0;
      counts.nothingToBuild += outcome.nothingToBuild ? 1 : 0;
      if (MAINSTREAM.includes(ecosystem) && outcome.results.length === 0 && !outcome.declined) {
        unexplained.push(`${file} (${ecosystem})`);
      }
      const variants = applyFixVariants(splitIntoStages, input);
      counts.offered += variants.length > 0 ? 1 : 0;
      let sound = variants.length > 0;
      for (const variant of variants) {
        const problems = splitProblems(input, variant.text);
        if (applyFix(splitIntoStages, variant.text) !== undefined) {
          problems.push('a second application changes the file again');
        }
        sound &&= problems.length === 0;
        failures.push(...problems.map((problem) => `${file} [${variant.title}]: ${problem}`));
      }
      counts.sound += sound ? 1 : 0;
    }
  });

  it('passes every invariant wherever it is offered', () => {
    assert.deepEqual(failures, []);
  });

  it('offers a split or gives a reason on every mainstream file', () => {
    assert.deepEqual(unexplained, []);
  });

  it('never writes an unsound result on damaged copies (a line cut off, dropped or repeated)', () => {
    // Deterministic: the same "random" damage on every run, so a failure can be reproduced.
    let seed = 42;
    const next = (limit: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return Math.floor((seed / 0x7fffffff) * limit);
    };
    const damaged: string[] = [];
    for (const input of inputs) {
      const lines = input.split('\n');
      for (let round = 0; round < 4; round++) {
        const copy = lines.slice();
        const at = next(copy.length);
        const damage = next(3);
        if (damage === 0) copy.length = at;
        else if (damage === 1) copy.splice(at, 1);
        else copy.splice(at, 0, copy[next(copy.length)]);
        const text = copy.join('\n');
        for (const variant of applyFixVariants(splitIntoStages, text)) {
          damaged.push(...splitProblems(text, variant.text).map((problem) => `damage ${damage} at line ${at + 1}: ${problem}`));
        }
      }
    }
    assert.deepEqual(damaged, []);
  });

  it('gives the figures of the README table (files, recognised, nothing to build, offered, offered %, sound, declined)', () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const header = '| Ecosystem | files | recognised | nothing to build | offered | offered of those to split | sound | declined |';
    assert.ok(readme.includes(header), 'README has the no-context table');
    const table = readme.slice(readme.indexOf(header)).split('\n\n')[0];
    const percent = (counts: Figures) => (counts.files === counts.nothingToBuild ? '-' : `${Math.round((100 * counts.offered) / (counts.files - counts.nothingToBuild))}%`);
    const expectRow = (label: string, counts: Figures) => {
      const row = new RegExp(`^\\| ${label.replace(/[.*]/g, '\\$&')} \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+%|-) \\| (\\d+) \\| (\\d+) \\|$`, 'm').exec(table);
      assert.ok(row, `README has a row for ${label}`);
      assert.deepEqual(
        row.slice(1),
        [counts.files, counts.recognised, counts.nothingToBuild, counts.offered, percent(counts), counts.sound, counts.declined].map(String),
        `README row ${label}`,
      );
    };
    const mainstream: Figures = { files: 0, recognised: 0, nothingToBuild: 0, offered: 0, sound: 0, declined: 0 };
    for (const [ecosystem, counts] of figures) {
      expectRow(LABELS[ecosystem] ?? ecosystem, counts);
      if (MAINSTREAM.includes(ecosystem)) {
        for (const key of Object.keys(mainstream) as (keyof Figures)[]) {
          mainstream[key] += counts[key];
        }
      }
    }
    expectRow('**mainstream**', mainstream);
    assert.equal(table.split('\n').length, 2 + figures.size + 1, 'README table has one row per ecosystem and the mainstream row');
  });
});
