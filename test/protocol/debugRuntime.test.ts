// Debugging a distroless runtime, through the real server: the hover on the runtime FROM says how
// (with the guide shipped beside the rule pages), and the "Make the runtime debuggable" refactoring
// turns the tag into a build argument, on the stage the `target` setting names.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, Hover, MarkupContent, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';
import { serverPerTest } from './serverPerTest';

const GO = [
  'FROM golang:1.26 AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /app .',
  '',
  'FROM gcr.io/distroless/static-debian13:nonroot AS runtime',
  'COPY --from=build /app /app',
  'USER 65532:65532',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');
const RUNTIME_LINE = 5;

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  return MarkupContent.is(hover.contents) ? hover.contents.value : JSON.stringify(hover.contents);
}

function applied(uri: string, version: number, text: string, action: CodeAction): string {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit;
  assert.deepEqual(change.textDocument, { uri, version });
  return TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', version, text), change.edits.filter((e) => 'newText' in e));
}

function at(line: number) {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

describe('debugging a distroless runtime over stdio', function () {
  this.timeout(20_000);
  let client: LspClient;

  serverPerTest((started) => (client = started));

  it('hovers the runtime FROM with the debug tag, kubectl debug and a link to the shipped guide', async () => {
    const uri = 'file:///work/debug-hover/Dockerfile';
    await client.open(uri, GO);
    await client.diagnostics(uri, 1);
    const hover = hoverText(await client.hover(uri, { line: RUNTIME_LINE, character: 20 }));
    assert.match(hover, /\*\*How to debug this image\*\*/);
    assert.match(hover, /`gcr\.io\/distroless\/static-debian13:debug-nonroot` is the same image with a shell \(`\/busybox\/sh`\)/);
    assert.match(hover, /kubectl debug -it <pod> --image=busybox:[\d.]+ --target=<container>/);
    const link = /\[Debugging distroless images\]\((file:[^)]+)\)/.exec(hover);
    assert.ok(link, hover);
    assert.ok(link[1].endsWith('/docs/debugging-distroless.md'), link[1]);
    assert.ok(fs.existsSync(new URL(link[1])), `${link[1]} exists`);
    // The builder's FROM does not ship: no debugging advice there.
    assert.doesNotMatch(hoverText(await client.hover(uri, { line: 0, character: 8 })), /How to debug this image/);
  });

  it('offers "Make the runtime debuggable" on the runtime FROM, and its edit gives the build-argument file', async () => {
    const uri = 'file:///work/debug-action/Dockerfile';
    await client.open(uri, GO, 4);
    await client.diagnostics(uri, 4);
    const actions = await client.codeActions(uri, at(RUNTIME_LINE), [], ['refactor']);
    const debuggable = actions.find((a) => a.title.startsWith('Make the runtime debuggable'));
    assert.ok(debuggable, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(debuggable.title, 'Make the runtime debuggable (--build-arg RUNTIME_TAG=debug-nonroot)');
    assert.equal(debuggable.kind, 'refactor.rewrite');
    assert.equal(
      applied(uri, 4, GO, debuggable),
      [
        "# The runtime image's tag: the release by default. For a debug image with a shell (/busybox/sh):",
        '#   docker build --build-arg RUNTIME_TAG=debug-nonroot .',
        'ARG RUNTIME_TAG=nonroot',
        '',
        ...GO.split('\n').map((line) => line.replace(':nonroot AS runtime', ':${RUNTIME_TAG} AS runtime')),
      ].join('\n'),
    );
    // Elsewhere in the file: nothing, not even greyed out.
    const onBuild = await client.codeActions(uri, at(3), [], ['refactor']);
    assert.equal(onBuild.find((a) => a.title.startsWith('Make the runtime debuggable')), undefined);
  });

  it('follows the target setting, adding --target to the debug command', async () => {
    const uri = 'file:///work/debug-target/Dockerfile';
    const text = `${GO}FROM runtime AS test\nCOPY testdata /testdata\n`;
    await client.changeSettings({ target: 'runtime' });
    await client.open(uri, text);
    await client.diagnostics(uri, 1);
    const [debuggable] = (await client.codeActions(uri, at(RUNTIME_LINE), [], ['refactor'])).filter((a) => a.title.startsWith('Make the runtime debuggable'));
    assert.ok(debuggable);
    const result = applied(uri, 1, text, debuggable);
    assert.match(result, /^# {3}docker build --build-arg RUNTIME_TAG=debug-nonroot --target runtime \.$/m);
    assert.match(result, /^FROM gcr\.io\/distroless\/static-debian13:\$\{RUNTIME_TAG\} AS runtime$/m);
  });

  it('offers nothing on a runtime image that has a shell, and greys the action out on a debug image', async () => {
    const uri = 'file:///work/debug-slim/Dockerfile';
    await client.open(uri, 'FROM python:3.13-slim-trixie\nCOPY app.py /app.py\nCMD ["python", "/app.py"]\n');
    await client.diagnostics(uri, 1);
    const slim = await client.codeActions(uri, at(0), [], ['refactor']);
    assert.equal(slim.find((a) => a.title.startsWith('Make the runtime debuggable')), undefined, slim.map((a) => a.title).join(', '));
    const debugUri = 'file:///work/debug-debug/Dockerfile';
    await client.open(debugUri, 'FROM gcr.io/distroless/static-debian13:debug-nonroot\nCOPY app /app\nENTRYPOINT ["/app"]\n');
    await client.diagnostics(debugUri, 1);
    const actions = await client.codeActions(debugUri, at(0), [], ['refactor']);
    const debuggable = actions.find((a) => a.title.startsWith('Make the runtime debuggable'));
    assert.ok(debuggable, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(debuggable.edit, undefined);
    assert.equal(debuggable.disabled?.reason, 'gcr.io/distroless/static-debian13:debug-nonroot is already a debug image with a shell.');
  });
});
