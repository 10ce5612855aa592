// Entry point that VS Code loads as extensionTestsPath (the @vscode/test-electron convention):
// runs the suites inside the extension host and writes their results where the runner reads them.
// Bundled by esbuild into dist/test/index.js with mocha left external (resolved from node_modules).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { registerActivationSuite } from './activation.test';
import { registerCodeActionsSuite } from './codeActions.test';
import { registerCommandsSuite } from './commands.test';
import { registerDiagnosticsSuite } from './diagnostics.test';
import { registerCompletionSuite } from './completion.test';
import { registerHoverSuite } from './hover.test';
import { registerLanguageFeaturesSuite } from './languageFeatures.test';
import { registerSnippetsSuite } from './snippets.test';
import { registerStageReferenceSuite } from './stageReference.test';
import { projectRoot } from './helper';

export interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
}

export interface ResultsFile {
  passed: number;
  failed: number;
  tests: TestResult[];
}

/** Overridable so another runner can collect results elsewhere; the host inherits the server's environment. */
function resultsFile(): string {
  return process.env.STAGECRAFT_EXTENSION_HOST_RESULTS ?? path.join(projectRoot(), 'test-results', 'editor', 'extension-host.json');
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  // What mocha does around each file it loads: the bdd globals (describe/it) are bound to this
  // instance while the suites register. The suites are bundled, so they register via functions.
  const file = 'stagecraft-extension-host';
  mocha.suite.emit('pre-require', globalThis, file, mocha);
  registerActivationSuite();
  registerDiagnosticsSuite();
  registerCodeActionsSuite();
  registerCommandsSuite();
  registerCompletionSuite();
  registerHoverSuite();
  registerSnippetsSuite();
  registerLanguageFeaturesSuite();
  registerStageReferenceSuite();
  mocha.suite.emit('post-require', globalThis, file, mocha);

  const results: TestResult[] = [];
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed' }));
    // Also fires for failing hooks, which then count as failures too.
    runner.on('fail', (test, error: Error) => results.push({ title: test.fullTitle(), state: 'failed', error: error.message }));
  });

  const summary: ResultsFile = {
    passed: results.filter((result) => result.state === 'passed').length,
    failed: results.filter((result) => result.state === 'failed').length,
    tests: results,
  };
  const target = resultsFile();
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, `${JSON.stringify(summary, null, 2)}\n`);
  if (summary.failed > 0 || summary.passed === 0) {
    throw new Error(`${summary.failed} of ${results.length} extension-host tests failed (see ${target})`);
  }
}
