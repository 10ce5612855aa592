// The bundles the package runs as they are (`dist/server.js`, `dist/cli.js`). Both must be plain
// ASCII: V8 keeps a script's whole source alive for lazy compilation, and a single character
// outside Latin-1 (an arrow in a comment esbuild kept) makes that 2 MB source a two-byte string,
// 4 MB held by the language server for its whole life. esbuild escapes non-ASCII characters in
// strings, not in comments it keeps.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from './lspClient';

const DIST = path.join(PROJECT_ROOT, 'dist');

describe('bundles', () => {
  for (const name of ['server.js', 'cli.js']) {
    it(`${name} is plain ASCII, so V8 holds its source at one byte per character`, () => {
      const text = fs.readFileSync(path.join(DIST, name), 'utf8');
      const lines = text.split('\n');
      const offending = lines.flatMap((line, index) => (/[^\t -~]/.test(line.replace(/\r$/, '')) ? [`line ${index + 1}: ${line.trim().slice(0, 100)}`] : []));
      assert.deepEqual(offending, [], `non-ASCII characters in dist/${name}; write them as ASCII in the source (comments too)`);
    });
  }
});
