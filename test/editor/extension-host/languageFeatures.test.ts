// `stagecraft.languageFeatures` in the real editor: `off` unregisters the everyday features (no
// outline, no formatting) while Stagecraft's hover stays; back to `auto`, with no other Docker
// extension installed here, they return. (The Docker extensions themselves cannot be installed
// offline; the protocol tests cover `auto` with one of them reported active.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFile } from './helper';

const GO = 'FROM golang:1.26 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n';

async function symbolNames(uri: vscode.Uri): Promise<string[]> {
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
  return (symbols ?? []).map((symbol) => symbol.name);
}

/** Polls `read` until `accept` holds: (un)registration reaches the editor a moment after the setting. */
async function eventually<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 100 && !accept(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  assert.ok(accept(value), `${what}: got ${JSON.stringify(value)}`);
  return value;
}

export function registerLanguageFeaturesSuite(): void {
  describe('stagecraft.languageFeatures', () => {
    const configuration = () => vscode.workspace.getConfiguration('stagecraft');

    before(async () => {
      await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    });

    after(async () => {
      await configuration().update('languageFeatures', undefined, vscode.ConfigurationTarget.Global);
    });

    it('off removes the outline and formatting, keeps the image hover; auto brings them back', async () => {
      const document = await openFile('Dockerfile', GO);
      await eventually('the outline with stages', () => symbolNames(document.uri), (names) => names.join() === 'build,stage 1');

      await configuration().update('languageFeatures', 'off', vscode.ConfigurationTarget.Global);
      await eventually('no outline', () => symbolNames(document.uri), (names) => names.length === 0);
      const edits = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', document.uri, { tabSize: 4, insertSpaces: true });
      assert.equal(edits?.length ?? 0, 0, 'no formatter');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(3, 20));
      const text = hovers.flatMap((hover) => hover.contents).map((content) => (typeof content === 'string' ? content : content.value)).join('\n');
      assert.match(text, /Default user \| 65532/, 'Stagecraft\'s image hover stays');

      await configuration().update('languageFeatures', 'auto', vscode.ConfigurationTarget.Global);
      await eventually('the outline again', () => symbolNames(document.uri), (names) => names.join() === 'build,stage 1');
    });
  });
}
