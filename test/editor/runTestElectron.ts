// The same in-extension-host suite, launched the @vscode/test-electron way: it downloads a VS Code
// build, so it serves machines with internet (`npx tsc -p . && node out/test/editor/runTestElectron.js`
// after `npm run build`). The tests here cannot download, so they use code-server instead
// (extensionHost.test.ts); both load dist/test/index.js and write the same results file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { projectRoot } from './paths';

async function main(): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-electron-'));
  try {
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath: path.join(projectRoot, 'dist', 'test', 'index.js'),
      // Only the development copy of Stagecraft; the built-in Docker language support stays on.
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
