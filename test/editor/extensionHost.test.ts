// Runs the in-extension-host suite (dist/test/index.js) inside code-server's extension host.
// code-server refuses --extensionDevelopmentPath/--extensionTestsPath on its command line, but its
// web workbench reads both from the `payload` URL parameter and, when run() settles, calls
// window.codeAutomationExit(code) in the page, which is how we learn the outcome.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResultsFile } from './extension-host/index';
import { sharedBrowser, sharedCodeServer, useEditorHarness } from './codeServer';
import { runOrThrow, scratchDir } from './setup';
import { poll } from './poll';
import { extensionHostResultsFile, projectRoot, resultsDir } from './paths';

const RUN_TIMEOUT_MS = 5 * 60_000;

useEditorHarness();

describe('in-extension-host suite inside code-server', function () {
  this.timeout(RUN_TIMEOUT_MS + 180_000);

  it('runs dist/test/index.js with the project as development extension, and every test passes', async () => {
    // The development build: it bundles test/editor/extension-host into dist/test/index.js.
    runOrThrow('npm', ['run', 'build']);
    fs.rmSync(extensionHostResultsFile, { force: true });

    // No installed vsix here, so the development copy is the only Stagecraft that runs.
    const server = await sharedCodeServer('development', () => undefined);
    const workspace = scratchDir('extension-host-workspace');
    const url = server.workbenchUrl(workspace, [
      ['extensionDevelopmentPath', server.remoteUri(projectRoot)],
      ['extensionTestsPath', server.remoteUri(path.join(projectRoot, 'dist', 'test', 'index.js'))],
    ]);

    const context = await (await sharedBrowser()).newContext();
    try {
      const page = await context.newPage();
      let exitCode: number | undefined;
      // Must exist before the workbench loads: it checks for the function when the tests end.
      await page.exposeFunction('codeAutomationExit', (code: number) => {
        exitCode = code;
      });
      await page.goto(url);
      await poll(() => exitCode, { what: 'the extension-host run to end (codeAutomationExit)', timeoutMs: RUN_TIMEOUT_MS, intervalMs: 500 });
      await page.screenshot({ path: path.join(resultsDir, 'extension-host.png') }).catch(() => undefined);

      const results = readResults();
      for (const test of results.tests) {
        console.log(`      [extension host] ${test.state === 'passed' ? 'ok  ' : 'FAIL'} ${test.title}${test.error ? ` -- ${test.error}` : ''}`);
      }
      console.log(`      [extension host] ${results.passed} passed, ${results.failed} failed`);
      assert.equal(exitCode, 0, 'the extension-host run exited with 0');
      assert.equal(results.failed, 0, 'no extension-host test failed');
      assert.ok(results.passed >= 4, `at least 4 extension-host tests passed (got ${results.passed})`);
      assert.ok(results.tests.every((test) => test.state === 'passed'));
    } finally {
      await context.close();
    }
  });
});

function readResults(): ResultsFile {
  assert.ok(fs.existsSync(extensionHostResultsFile), `the extension host wrote ${extensionHostResultsFile}`);
  return JSON.parse(fs.readFileSync(extensionHostResultsFile, 'utf8')) as ResultsFile;
}
