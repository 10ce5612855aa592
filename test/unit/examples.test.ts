// examples/ is what `npm start` opens: each file must show what examples/README.md promises.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planSplit } from '../../server/src/fixes/split/splitStages';
import { PROJECT_ROOT, analyze, folderContext } from './helpers';

const EXAMPLES = path.join(PROJECT_ROOT, 'examples');

/** Findings (warning or error) and whether the split is offered, per example. */
const PROMISED: Record<string, { findings: string[]; split: boolean; fixes?: string[] }> = {
  'go-single-stage': { findings: ['single-stage-build', 'runtime-not-distroless'], split: true },
  'python-single-stage': { findings: ['single-stage-build', 'runtime-not-distroless', 'shell-form-command'], split: true },
  'node-single-stage': { findings: ['single-stage-build', 'runtime-not-distroless', 'dev-dependencies-in-runtime', 'package-cache-in-image'], split: true },
  'java-prebuilt-jar': { findings: ['single-stage-build', 'runtime-not-distroless'], split: false, fixes: ['Use gcr.io/distroless/java21-debian13:nonroot (no shell, Java 21)'] },
  'node-distroless-cmd': { findings: ['cmd-repeats-entrypoint'], split: false, fixes: ['Use CMD ["server.js"]'] },
  'go-multistage': { findings: [], split: false },
};

describe('examples/', () => {
  it('has exactly the examples listed here', () => {
    const folders = fs.readdirSync(EXAMPLES).filter((name) => fs.statSync(path.join(EXAMPLES, name)).isDirectory());
    assert.deepEqual(folders.sort(), Object.keys(PROMISED).sort());
  });

  for (const [name, promise] of Object.entries(PROMISED)) {
    it(`${name}: ${promise.findings.join(', ') || 'no findings'}${promise.split ? ', split offered' : ''}`, () => {
      const folder = path.join(EXAMPLES, name);
      const text = fs.readFileSync(path.join(folder, 'Dockerfile'), 'utf8');
      const analysis = analyze(text, { today: '2026-11-29' });
      // runtime-runs-as-root is left out: every single-stage example runs as root too.
      const shown = analysis.findings.filter((f) => (f.severity === 'warning' || f.severity === 'error') && f.ruleId !== 'runtime-runs-as-root');
      assert.deepEqual([...new Set(shown.map((f) => f.ruleId))], promise.findings);
      const outcome = planSplit({ model: analysis.model!, text, buildContext: folderContext(folder) });
      assert.equal(outcome.results.length > 0, promise.split);
      for (const title of promise.fixes ?? []) {
        assert.ok(analysis.findings.some((f) => f.fixes?.some((fix) => fix.title === title)), `a quick fix "${title}"`);
      }
    });
  }
});
