// Completion in the real editor: after `FROM gcr.io/distroless/` the server offers the runtime
// images of the catalog (current Debian 13 non-root first, Debian 12 struck through), and stage
// names after `COPY --from=`; the templates come once, from the snippet contribution.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFile } from './helper';

const BUILD = ['FROM golang:1.26 AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/app .', ''];

async function completionsAt(document: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  // A generous limit: VS Code resolves this many items (documentation comes on resolve).
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, trigger, 500);
  return list.items;
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function registerCompletionSuite(): void {
  describe('completion', () => {
    before(async () => {
      await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    });

    it('typing FROM gcr.io/distroless/ offers the runtime images, static-debian13:nonroot first for a Go build', async () => {
      const document = await openFile('Dockerfile', [...BUILD, 'FROM '].join('\n'));
      const editor = await vscode.window.showTextDocument(document);
      const end = document.lineAt(document.lineCount - 1).range.end;
      await editor.edit((edit) => edit.insert(end, 'gcr.io/distroless/'));
      const position = document.lineAt(document.lineCount - 1).range.end;
      const items = (await completionsAt(document, position, '/')).filter((item) => labelOf(item).startsWith('gcr.io/distroless/'));
      const labels = items.map(labelOf);
      for (const expected of ['gcr.io/distroless/static-debian13:nonroot', 'gcr.io/distroless/cc-debian13:nonroot', 'gcr.io/distroless/python3-debian13:nonroot', 'gcr.io/distroless/nodejs24-debian13:nonroot', 'gcr.io/distroless/java21-debian13:nonroot']) {
        assert.ok(labels.includes(expected), `${expected} in [${labels.slice(0, 10).join(', ')}, ...]`);
      }
      const bySort = [...items].sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b)));
      assert.equal(labelOf(bySort[0]), 'gcr.io/distroless/static-debian13:nonroot');
      assert.equal(bySort[0].preselect, true);
      const outdated = items.filter((item) => labelOf(item).includes('-debian12'));
      assert.ok(outdated.length > 0 && outdated.every((item) => item.tags?.includes(vscode.CompletionItemTag.Deprecated)), 'Debian 12 images are marked outdated');
      const range = bySort[0].range as { inserting: vscode.Range } | vscode.Range;
      const inserting = 'inserting' in range ? range.inserting : range;
      assert.equal(document.getText(inserting), 'gcr.io/distroless/', 'the item replaces what was typed of the image');
    });

    it('after COPY --from= offers the earlier stages once', async () => {
      const document = await openFile('Dockerfile', [...BUILD, 'FROM gcr.io/distroless/static-debian13:nonroot', 'COPY --from='].join('\n'));
      const position = document.lineAt(document.lineCount - 1).range.end;
      const items = await completionsAt(document, position, '=');
      assert.deepEqual(items.map(labelOf).filter((label) => label === 'build'), ['build']);
    });

    it('at the start of an empty Dockerfile offers each template once, from the snippet contribution', async () => {
      const document = await openFile('Dockerfile', '');
      const items = await completionsAt(document, new vscode.Position(0, 0));
      const templates = items.filter((item) => item.kind === vscode.CompletionItemKind.Snippet && labelOf(item).startsWith('multistage-go'));
      assert.equal(templates.length, 1, `multistage-go offered ${templates.length} times`);
    });
  });
}
