// `npm test`: builds, type-checks and lints, then runs every suite (unit, protocol, editor)
// and ends with one line for all of them: `N passed, N failed`.
// `node scripts/test.mjs unit|protocol|editor` runs one suite.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'test-results');
const requested = process.argv.slice(2);

/** Mocha suites: compiled test files and their timeout. */
const SUITES = [
  { name: 'unit', spec: 'out/test/unit/**/*.test.js', timeout: 10_000 },
  { name: 'protocol', spec: 'out/test/protocol/**/*.test.js', timeout: 60_000 },
  { name: 'editor', spec: 'out/test/editor/*.test.js', timeout: 600_000 },
];
/** The in-editor suite writes its own counts; the editor suite's runner fills this file. */
const EXTENSION_HOST_RESULTS = path.join(resultsDir, 'editor', 'extension-host.json');

function run(command, args, env = {}) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function record(name, counts) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped ?? 0;
  lines.push(`${name.padEnd(24)} ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
}

// Build steps: a failure here counts as one failed check, and the suites still run when possible.
for (const [name, command, args] of [
  ['system packages', 'bash', ['scripts/ensure-system-packages.sh']],
  ['build', process.execPath, ['scripts/build.mjs']],
  ['typecheck + compile tests', process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.']],
  ['lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']],
]) {
  if (!run(command, args)) {
    record(name, { passed: 0, failed: 1 });
  }
}

for (const suite of SUITES.filter((s) => requested.length === 0 || requested.includes(s.name))) {
  const resultsFile = path.join(resultsDir, `${suite.name}.json`);
  fs.rmSync(resultsFile, { force: true });
  if (suite.name === 'editor') {
    fs.rmSync(EXTENSION_HOST_RESULTS, { force: true });
  }
  run(
    process.execPath,
    ['node_modules/mocha/bin/mocha.js', '--reporter', './scripts/mocha-reporter.cjs', '--timeout', String(suite.timeout), suite.spec],
    { STAGECRAFT_RESULTS: resultsFile },
  );
  if (!fs.existsSync(resultsFile)) {
    record(suite.name, { passed: 0, failed: 1 }); // the runner crashed before reporting
    continue;
  }
  const counts = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  // Skipped tests hide untested behaviour: a skipped test counts as failed.
  record(suite.name, { passed: counts.passed, failed: counts.failed + counts.skipped, skipped: counts.skipped });
  if (suite.name === 'editor') {
    const inHost = fs.existsSync(EXTENSION_HOST_RESULTS) ? JSON.parse(fs.readFileSync(EXTENSION_HOST_RESULTS, 'utf8')) : { passed: 0, failed: 1 };
    record('editor (extension host)', inHost);
  }
}

console.log('\nSummary');
for (const line of lines) {
  console.log(`  ${line}`);
}
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = totals.failed === 0 ? 0 : 1;
