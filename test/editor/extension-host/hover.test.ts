// Hover in the real editor: the runtime image shows the catalog's facts (shell, libc, user,
// entrypoint) and its verdict; a stage name shows where it is defined and used; instruction
// keywords keep the documentation of dockerfile-language-service.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFile } from './helper';

const GO = [
  'FROM golang:1.26 AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /out/app .',
  '',
  'FROM gcr.io/distroless/static-debian13:nonroot',
  'COPY --from=build /out/app /app',
  'USER 65532:65532',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

export function registerHoverSuite(): void {
  describe('hover', () => {
    before(async () => {
      await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    });

    it('on the runtime image shows its facts and how it fares against the runtime rules', async () => {
      const document = await openFile('Dockerfile', GO);
      const text = await hoverText(document, new vscode.Position(5, 20));
      assert.match(text, /gcr\.io\/distroless\/static-debian13:nonroot/);
      assert.match(text, /\| Shell \| none/);
      assert.match(text, /\| libc \| none/);
      assert.match(text, /\| Default user \| 65532 \(non-root\)/);
      assert.match(text, /\| Entrypoint \| none/);
      assert.match(text, /✓ distroless/);
    });

    it('on a stage name shows where it is defined and used', async () => {
      const document = await openFile('Dockerfile', GO);
      const text = await hoverText(document, new vscode.Position(6, 14));
      assert.match(text, /Stage `build`/);
      assert.match(text, /Defined on line 1/);
      assert.match(text, /line 7: `COPY --from`/);
    });

    it('on an instruction keeps the instruction documentation, and the outline shows the stages', async () => {
      const document = await openFile('Dockerfile', GO);
      assert.match(await hoverText(document, new vscode.Position(7, 1)), /Set the user name or UID to use when running the image/);
      // The everyday features are registered dynamically right after the server starts.
      let symbols: vscode.DocumentSymbol[] | undefined;
      for (let attempt = 0; attempt < 50 && !symbols?.length; attempt++) {
        symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
        if (!symbols?.length) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.deepEqual(symbols?.map((symbol) => symbol.name), ['build', 'stage 1']);
    });
  });
}
