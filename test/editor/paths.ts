// Where things are, independent of whether this runs from test/ (ts) or out/test/ (tsc output).
import * as fs from 'node:fs';
import * as path from 'node:path';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'stagecraft') {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`no stagecraft package.json above ${start}`);
    }
  }
}

export const projectRoot = findProjectRoot(__dirname);
/** Screenshots, logs and the in-host results; gitignored. */
export const resultsDir = path.join(projectRoot, 'test-results', 'editor');
export const extensionHostResultsFile = path.join(resultsDir, 'extension-host.json');
export const vsixPath = path.join(projectRoot, 'stagecraft.vsix');
export const goBasicFixture = path.join(projectRoot, 'test', 'fixtures', 'split', 'go-basic');
export const settingsFile = path.join(projectRoot, 'scripts', 'code-server-settings.json');
export const flagsFile = path.join(projectRoot, 'scripts', 'code-server-flags.json');
