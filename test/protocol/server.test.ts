import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { LspClient, PROJECT_ROOT } from './lspClient';
import { serverPerTest } from './serverPerTest';

const SPLIT_FIXTURE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'split', 'go-basic');
const PYTHON_SINGLE_STAGE = 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n';
const GO_MULTISTAGE = [
  'FROM golang:1.26 AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /app ./cmd/app',
  'FROM gcr.io/distroless/static-debian13:nonroot',
  'COPY --from=build /app /app',
  'USER 65532:65532',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

/** LSP 3.18 allows markup in diagnostic messages; ours are plain strings. */
function messageText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** The rules these tests are about; other rules' findings on the same files do not matter here. */
const CONCERNED = new Set(['single-stage-build', 'runtime-not-distroless', 'file-not-analyzed']);

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).filter((code) => CONCERNED.has(code)).sort();
}

describe('language server over stdio', function () {
  this.timeout(20_000);
  let client: LspClient;

  serverPerTest((started) => (client = started));

  it('reports both findings on a single-stage Python file, with version, source, code and docs link', async () => {
    await client.open('file:///work/python/Dockerfile', PYTHON_SINGLE_STAGE, 3);
    const diagnostics = await client.diagnostics('file:///work/python/Dockerfile', 3);
    assert.deepEqual(codes(diagnostics), ['runtime-not-distroless', 'single-stage-build']);
    for (const diagnostic of diagnostics.filter((d) => CONCERNED.has(String(d.code)))) {
      assert.equal(diagnostic.source, 'stagecraft');
      assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
      assert.equal(diagnostic.range.start.line, 0);
      const href = diagnostic.codeDescription?.href ?? '';
      assert.ok(href.startsWith('file://') && href.endsWith(`/docs/rules/${String(diagnostic.code)}.md`), href);
      assert.ok(fs.existsSync(new URL(href)), `${href} exists`);
    }
  });

  it('reports nothing on a correct Go multistage file on distroless static', async () => {
    await client.open('file:///work/go/Dockerfile', GO_MULTISTAGE);
    assert.deepEqual(await client.diagnostics('file:///work/go/Dockerfile', 1), []);
  });

  it('publishes for the latest version after a burst of edits, once', async () => {
    const uri = 'file:///work/burst/Dockerfile';
    await client.open(uri, GO_MULTISTAGE);
    await client.diagnostics(uri, 1);
    const before = client.allPublished(uri).length;
    let text = GO_MULTISTAGE;
    for (let version = 2; version <= 11; version++) {
      text = text.replace('FROM gcr.io/distroless/static-debian13:nonroot', 'FROM ubuntu:24.04');
      await client.replace(uri, text + `# edit ${version}\n`, version);
    }
    const diagnostics = await client.diagnostics(uri, 11);
    assert.deepEqual(codes(diagnostics), ['runtime-not-distroless']);
    // Debounced: the ten edits produced one publication, not ten.
    assert.equal(client.allPublished(uri).length - before, 1);
  });

  it('offers the split as the preferred quick fix, and its edit gives the expected file', async () => {
    // Beside the case's build context, as a user's Dockerfile sits beside its sources.
    const uri = pathToFileURL(path.join(SPLIT_FIXTURE, 'context', 'Dockerfile')).toString();
    const input = fs.readFileSync(path.join(SPLIT_FIXTURE, 'input.Dockerfile'), 'utf8');
    const expected = fs.readFileSync(path.join(SPLIT_FIXTURE, 'expected.Dockerfile'), 'utf8');
    await client.open(uri, input, 7);
    const diagnostics = await client.diagnostics(uri, 7);
    const singleStage = diagnostics.filter((d) => d.code === 'single-stage-build');
    const actions = await client.codeActions(uri, singleStage[0].range, singleStage);
    const split = actions.find((a) => a.title === 'Split into build and distroless runtime stages');
    assert.ok(split, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(split.kind, 'quickfix');
    assert.equal(split.isPreferred, true);
    const change = split.edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 7 });
    const document = TextDocument.create(uri, 'dockerfile', 7, input);
    assert.equal(TextDocument.applyEdits(document, change.edits.filter((e) => 'newText' in e)), expected);
  });

  it('offers the split as a refactoring anywhere in a single-stage Go file', async () => {
    const uri = 'file:///work/refactor/Dockerfile';
    await client.open(uri, fs.readFileSync(path.join(SPLIT_FIXTURE, 'input.Dockerfile'), 'utf8'));
    await client.diagnostics(uri, 1);
    const range = { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } };
    const actions = await client.codeActions(uri, range, [], ['refactor']);
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Split into build and distroless runtime stages', 'refactor.rewrite']]);
  });

  it('shows the split greyed out with the reason when a recipe knows the build but declines it', async () => {
    const uri = 'file:///work/declined/Dockerfile';
    const declinedCase = path.join(SPLIT_FIXTURE, '..', 'go-healthcheck-curl-not-offered');
    await client.open(uri, fs.readFileSync(path.join(declinedCase, 'input.Dockerfile'), 'utf8'));
    await client.diagnostics(uri, 1);
    const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } };
    const actions = await client.codeActions(uri, range, [], ['refactor']);
    const reason = fs.readFileSync(path.join(declinedCase, 'declined.txt'), 'utf8').trim();
    const split = actions.find((a) => a.title.startsWith('Split into build and distroless runtime stages'));
    assert.ok(split, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(split.edit, undefined);
    assert.equal(split.disabled?.reason, reason);
    assert.equal(split.title, `Split into build and distroless runtime stages: not offered. ${reason}`);
  });

  it('applies per-rule severities from settings and re-validates when they change', async () => {
    const uri = 'file:///work/settings/Dockerfile';
    await client.changeSettings({ rules: { 'single-stage-build': 'off', 'runtime-not-distroless': 'error' } });
    await client.open(uri, PYTHON_SINGLE_STAGE);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(codes(diagnostics), ['runtime-not-distroless']);
    assert.equal(diagnostics.find((d) => d.code === 'runtime-not-distroless')?.severity, DiagnosticSeverity.Error);

    const since = client.publishedCount;
    await client.changeSettings({ enable: false });
    assert.deepEqual(await client.diagnostics(uri, 1, 10_000, since), []);
  });

  it('explains invalid settings once and falls back to defaults', async () => {
    const uri = 'file:///work/bad-settings/Dockerfile';
    await client.changeSettings({ enable: 'yes', rules: { 'single-stage-build': 'loud', 'no-such-rule': 'off' } });
    await client.open(uri, PYTHON_SINGLE_STAGE);
    assert.deepEqual(codes(await client.diagnostics(uri, 1)), ['runtime-not-distroless', 'single-stage-build']);
    const texts = [...client.messages];
    assert.ok(texts.some((t) => t.includes('"stagecraft.enable" must be true or false')), texts.join('\n'));
    assert.ok(texts.some((t) => t.includes('"stagecraft.rules.single-stage-build" must be one of')));
    assert.ok(texts.some((t) => t.includes('unknown rule "no-such-rule"')));
    await client.open('file:///work/bad-settings/other.Dockerfile', PYTHON_SINGLE_STAGE);
    await client.diagnostics('file:///work/bad-settings/other.Dockerfile', 1);
    assert.equal(client.messages.length, texts.length, 'each problem is reported once');
  });

  it('survives bad input: empty, binary junk, a 5 MB file, an unterminated heredoc', async () => {
    const inputs: Record<string, string> = {
      empty: '',
      binary: String.fromCharCode(...Array.from({ length: 2048 }, (_, i) => (i * 31) % 256)),
      huge: 'FROM python:3.12\n' + 'RUN echo "some build step that is long enough"\n'.repeat(110_000),
      heredoc: '# syntax=docker/dockerfile:1\nFROM golang:1.26\nRUN <<EOF\ngo build -o /app .\n',
    };
    for (const [name, text] of Object.entries(inputs)) {
      await client.open(`file:///work/bad/${name}`, text);
    }
    assert.deepEqual(await client.diagnostics('file:///work/bad/empty', 1), []);
    const binary = await client.diagnostics('file:///work/bad/binary', 1);
    assert.match(messageText(binary[0]), /binary/);
    assert.equal(binary[0].severity, DiagnosticSeverity.Information);
    const huge = await client.diagnostics('file:///work/bad/huge', 1);
    assert.match(messageText(huge[0]), /more than the limit/);
    assert.deepEqual(codes(await client.diagnostics('file:///work/bad/heredoc', 1)), ['runtime-not-distroless', 'single-stage-build']);
    // Still answering afterwards.
    await client.open('file:///work/bad/after', PYTHON_SINGLE_STAGE);
    assert.equal(codes(await client.diagnostics('file:///work/bad/after', 1)).length, 2);
    assert.equal(client.exited, false);
  });
});
