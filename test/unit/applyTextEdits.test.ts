// Applying several fixes' edits at once, as `stagecraft check --fix` does.
import * as assert from 'node:assert/strict';
import { fixAllEdits } from '../../server/src/fixes/fixAll';
import { applyTextEdits } from '../../server/src/fixes/textEdits';
import { analyze, dockerfile } from './helpers';

const at = (line: number, character: number) => ({ line, character });

describe('applyTextEdits', () => {
  it('puts inserts at one position in the order of the edits, as LSP does', () => {
    const edits = [
      { range: { start: at(0, 11), end: at(0, 11) }, newText: ' --omit=dev' },
      { range: { start: at(0, 11), end: at(0, 11) }, newText: ' && npm cache clean --force' },
    ];
    assert.equal(applyTextEdits('npm install\n', edits), 'npm install --omit=dev && npm cache clean --force\n');
    assert.equal(applyTextEdits('npm install\n', [...edits].reverse()), 'npm install && npm cache clean --force --omit=dev\n');
  });

  it('applies edits anywhere in the text from the end, so earlier offsets stay right', () => {
    const edits = [{ range: { start: at(0, 0), end: at(0, 4) }, newText: 'FROM' }, { range: { start: at(1, 0), end: at(1, 3) }, newText: 'RUN' }];
    assert.equal(applyTextEdits('from x\nrun y\n', edits), 'FROM x\nRUN y\n');
  });

  it('fixes a production npm install and its cache in one pass: the flag on npm install, the cleanup after it', () => {
    const text = dockerfile('FROM node:22-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm install', 'CMD ["node", "server.js"]');
    const fixed = applyTextEdits(text, fixAllEdits(analyze(text).findings));
    assert.match(fixed, /^RUN npm install --omit=dev && npm cache clean --force$/m);
  });
});
