// Mocha's spec output for people, plus a small JSON file of counts for scripts/test.mjs, which
// adds up all suites into the one summary line (mocha's own "N passing" is not read).
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, () => counts.passed++);
    runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, () => counts.skipped++);
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, error) => {
      counts.failed++;
      counts.failures.push({ title: test.fullTitle(), error: String(error && error.message) });
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.STAGECRAFT_RESULTS;
      if (file) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(counts, null, 2));
      }
    });
  }
}

module.exports = CountingReporter;
