// Completion, hover and the everyday features over stdio, as an editor uses them: capabilities,
// the `stagecraft.languageFeatures` modes and their dynamic registration, templates as completion
// items, runtime images and stage names, merged answers, and no network access while doing so.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  ClientCapabilities,
  CompletionItem,
  CompletionItemKind,
  CompletionItemTag,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  DocumentLink,
  DocumentLinkRequest,
  DocumentLinkResolveRequest,
  DocumentOnTypeFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbol,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  Hover,
  InsertTextFormat,
  Location,
  MarkupContent,
  PrepareRenameRequest,
  RenameRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  SymbolInformation,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { LspClient, PROJECT_ROOT } from './lspClient';

const NO_NETWORK = path.join(PROJECT_ROOT, 'out', 'test', 'protocol', 'noNetwork.js');

const EVERYDAY = ['formatting', 'rangeFormatting', 'onTypeFormatting', 'documentSymbol', 'foldingRange', 'documentHighlight', 'rename', 'documentLink', 'signatureHelp', 'definition', 'semanticTokens'] as const;

/** What VS Code announces, in short: snippets, markdown, tags, and dynamic registration when `dynamic`. */
function editorCapabilities(dynamic: boolean): ClientCapabilities {
  const textDocument: Record<string, unknown> = {
    publishDiagnostics: { versionSupport: true },
    completion: {
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], insertReplaceSupport: true, tagSupport: { valueSet: [CompletionItemTag.Deprecated] } },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    rename: { prepareSupport: true },
    semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
  };
  for (const feature of EVERYDAY) {
    textDocument[feature] = { ...(textDocument[feature] as object | undefined), dynamicRegistration: dynamic };
  }
  return { workspace: { configuration: true }, textDocument };
}

const GO = [
  'ARG GO_VERSION=1.26',
  'FROM golang:${GO_VERSION} AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /out/app .',
  '',
  'FROM gcr.io/distroless/static-debian12:nonroot',
  'COPY --from=build /out/app /app',
  'USER 65532:65532',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

function labels(items: CompletionItem[]): string[] {
  return items.map((item) => item.label);
}

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  return MarkupContent.is(hover.contents) ? hover.contents.value : JSON.stringify(hover.contents);
}

function methods(client: LspClient): string[] {
  return [...client.registrations.values()].map((r) => r.method).filter((m) => m !== 'workspace/didChangeConfiguration').sort();
}

async function until(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('language features over stdio', function () {
  this.timeout(20_000);
  let client: LspClient;

  afterEach(async () => {
    await client?.stop();
  });

  describe('with the everyday features on (an editor without another Dockerfile extension)', () => {
    const uri = 'file:///work/go/Dockerfile';

    beforeEach(async () => {
      client = new LspClient({ nodeArgs: ['--require', NO_NETWORK] });
      await client.initialize([], { capabilities: editorCapabilities(false) });
      await client.open(uri, GO);
    });

    afterEach(() => {
      assert.doesNotMatch(client.stderr, /NETWORK ACCESS/, 'the server never touched the network');
    });

    it('announces completion, hover and every everyday feature statically to a client without dynamic registration', () => {
      const capabilities = client.initializeResult?.capabilities ?? {};
      assert.deepEqual(capabilities.completionProvider?.triggerCharacters?.filter((c) => ['/', ':', '='].includes(c)), ['=', '/', ':']);
      assert.equal(capabilities.completionProvider?.resolveProvider, true);
      assert.equal(capabilities.hoverProvider, true);
      for (const key of ['documentFormattingProvider', 'documentRangeFormattingProvider', 'documentOnTypeFormattingProvider', 'documentSymbolProvider', 'foldingRangeProvider', 'documentHighlightProvider', 'renameProvider', 'documentLinkProvider', 'signatureHelpProvider', 'definitionProvider', 'semanticTokensProvider'] as const) {
        assert.ok(capabilities[key], key);
      }
    });

    it('offers runtime images after FROM gcr.io/distroless/, current Debian 13 non-root first and Debian 12 marked outdated', async () => {
      const text = GO.replace('FROM gcr.io/distroless/static-debian12:nonroot', 'FROM gcr.io/distroless/');
      await client.replace(uri, text, 2);
      const items = (await client.completion(uri, { line: 6, character: 23 })).filter((item) => item.kind === CompletionItemKind.Module);
      const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
      assert.equal(sorted[0].label, 'gcr.io/distroless/static-debian13:nonroot', 'the runtime for a Go build comes first');
      assert.equal(sorted[0].preselect, true);
      const debian12 = sorted.filter((item) => item.label.includes('-debian12'));
      assert.ok(debian12.length > 0);
      for (const item of debian12) {
        assert.deepEqual(item.tags, [CompletionItemTag.Deprecated], item.label);
        assert.match(item.detail ?? '', /outdated since/);
      }
      const lastCurrent = sorted.findIndex((item) => item.tags?.includes(CompletionItemTag.Deprecated));
      assert.ok(sorted.slice(0, lastCurrent).every((item) => !item.label.includes('-debian12')), 'Debian 12 after every current image');
      const edit = sorted[0].textEdit as { insert: unknown; replace: unknown; newText: string };
      assert.deepEqual(edit.insert, { start: { line: 6, character: 5 }, end: { line: 6, character: 23 } });
      assert.equal(edit.newText, 'gcr.io/distroless/static-debian13:nonroot');
      for (const label of ['gcr.io/distroless/nodejs24-debian13:nonroot', 'gcr.io/distroless/java21-debian13:debug-nonroot', 'cgr.dev/chainguard/static:latest', 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled']) {
        assert.ok(labels(items).includes(label), label);
      }
      assert.equal(sorted[0].documentation, undefined, 'image documentation comes on resolve');
      const documentation = (await client.resolveCompletion(sorted[0])).documentation as MarkupContent;
      assert.match(documentation.value, /Default user \| 65532 \(non-root\)/);
    });

    it('offers earlier stage names after COPY --from=, RUN --mount=...,from= and FROM, once each', async () => {
      const text = GO.replace('COPY --from=build /out/app /app', 'COPY --from=\nRUN --mount=type=bind,from=,target=/x true');
      await client.replace(uri, text, 2);
      const copy = await client.completion(uri, { line: 7, character: 12 });
      assert.deepEqual(labels(copy), ['build'], 'ours and the service\'s merged into one');
      assert.equal(copy[0].kind, CompletionItemKind.Reference);
      assert.match((copy[0].documentation as MarkupContent).value, /Defined on line 2/);
      const mount = await client.completion(uri, { line: 8, character: 27 });
      assert.deepEqual(labels(mount), ['build']);
      const from = await client.completion(uri, { line: 6, character: 5 });
      assert.equal(from[0].label, 'build', 'a stage name comes before the images');
    });

    it('offers the templates and the instructions at the start of a line, as snippets', async () => {
      await client.open('file:///work/empty/Dockerfile', '');
      const items = await client.completion('file:///work/empty/Dockerfile', { line: 0, character: 0 });
      const templates = items.filter((item) => item.kind === CompletionItemKind.Snippet && item.label.startsWith('multistage'));
      assert.ok(templates.length >= 9, labels(items).join(', '));
      const go = templates.find((item) => item.label === 'multistage-go');
      assert.equal(go?.insertTextFormat, InsertTextFormat.Snippet);
      assert.match((go?.textEdit as { newText: string }).newText, /^# syntax=docker\/dockerfile:1\nFROM golang:\$\{1:1\.26\} AS build/);
      assert.ok(labels(items).some((label) => label.startsWith('FROM')), 'and the service\'s FROM');
      const midFile = await client.completion(uri, { line: 5, character: 0 });
      assert.ok(labels(midFile).includes('copyfrom') && labels(midFile).some((label) => label.startsWith('RUN')));
    });

    it('merges hovers: the image facts on a runtime image, the instruction docs on its keyword', async () => {
      const image = hoverText(await client.hover(uri, { line: 6, character: 20 }));
      assert.match(image, /gcr\.io\/distroless\/static-debian12:nonroot/);
      assert.match(image, /\| Shell \| none/);
      assert.match(image, /\| libc \| none/);
      assert.match(image, /\| Default user \| 65532 \(non-root\)/);
      assert.match(image, /\| Entrypoint \| none/);
      assert.match(image, /✗ no longer updated since 2026-09-30 \(an estimate\): move to gcr\.io\/distroless\/static-debian13/);
      assert.match(image, /Stagecraft reports on this FROM:\n- `outdated-runtime-image`/);
      assert.match(hoverText(await client.hover(uri, { line: 6, character: 1 })), /Set the `baseImage`/);
      const builder = hoverText(await client.hover(uri, { line: 1, character: 10 }));
      assert.match(builder, /golang:1\.26/, 'the ARG default substituted');
      assert.match(builder, /this stage does not ship/);
    });

    it('hovers a stage name with where it is defined and used', async () => {
      for (const position of [{ line: 1, character: 33 }, { line: 7, character: 14 }]) {
        const text = hoverText(await client.hover(uri, position));
        assert.match(text, /\*\*Stage `build`\*\* \(index 0, 1st of 2 stages\)/);
        assert.match(text, /Defined on line 2: `FROM \$\{GO_VERSION\} AS build`|Defined on line 2: `FROM golang:\$\{GO_VERSION\} AS build`/);
        assert.match(text, /line 8: `COPY --from` in stage 1/);
      }
    });

    it('formats the document, a range, and on typing a line continuation', async () => {
      const messy = 'FROM golang:1.26 AS build\n   RUN a \\\nb\n';
      await client.replace(uri, messy, 2);
      const edits = await client.request(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
      assert.ok(edits && edits.length >= 2, JSON.stringify(edits));
      const range = await client.request(DocumentRangeFormattingRequest.type, { textDocument: { uri }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } }, options: { tabSize: 4, insertSpaces: true } });
      assert.deepEqual(range, [TextEdit.del({ start: { line: 1, character: 0 }, end: { line: 1, character: 3 } })]);
      const onType = await client.request(DocumentOnTypeFormattingRequest.type, { textDocument: { uri }, position: { line: 1, character: 10 }, ch: '\\', options: { tabSize: 4, insertSpaces: true } });
      assert.deepEqual(onType, [TextEdit.insert({ line: 2, character: 0 }, '    ')]);
    });

    it('outlines the stages by name, folds each stage, and highlights, renames and finds a stage', async () => {
      const symbols = (await client.request(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
      assert.deepEqual(symbols.map((s) => s.name), ['GO_VERSION', 'build', 'stage 1']);
      assert.deepEqual(symbols[1].children?.map((s) => s.name), ['WORKDIR', 'COPY', 'RUN']);
      const folds = await client.request(FoldingRangeRequest.type, { textDocument: { uri } });
      assert.ok(folds?.some((f) => f.startLine === 1 && f.endLine === 4), JSON.stringify(folds));
      assert.ok(folds?.some((f) => f.startLine === 6 && f.endLine === 9), JSON.stringify(folds));
      const highlights = await client.request(DocumentHighlightRequest.type, { textDocument: { uri }, position: { line: 1, character: 33 } });
      assert.deepEqual(highlights?.map((h) => h.range.start.line).sort(), [1, 7]);
      const prepared = await client.request(PrepareRenameRequest.type, { textDocument: { uri }, position: { line: 7, character: 14 } });
      assert.ok(prepared);
      const rename = await client.request(RenameRequest.type, { textDocument: { uri }, position: { line: 7, character: 14 }, newName: 'builder' });
      assert.deepEqual(rename?.changes?.[uri]?.map((e) => [e.range.start.line, e.newText]).sort(), [[1, 'builder'], [7, 'builder']]);
      const renameArg = await client.request(RenameRequest.type, { textDocument: { uri }, position: { line: 0, character: 5 }, newName: 'GO' });
      assert.deepEqual(renameArg?.changes?.[uri]?.map((e) => e.range.start.line).sort(), [0, 1]);
      const definition = (await client.request(DefinitionRequest.type, { textDocument: { uri }, position: { line: 7, character: 14 } })) as Location;
      assert.deepEqual(definition.range.start, { line: 1, character: 29 });
    });

    it('links images to their real home page (not Docker Hub for gcr.io), with signature help and semantic tokens', async () => {
      const text = 'FROM python:3.13-slim-trixie AS build\nFROM gcr.io/distroless/python3-debian13:nonroot\nHEALTHCHECK --\n';
      await client.replace(uri, text, 2);
      const links = (await client.request(DocumentLinkRequest.type, { textDocument: { uri } })) ?? [];
      const resolved: DocumentLink[] = [];
      for (const link of links) {
        resolved.push(link.target ? link : await client.request(DocumentLinkResolveRequest.type, link));
      }
      assert.deepEqual(resolved.map((l) => [l.range.start.line, l.target]), [
        [0, 'https://hub.docker.com/_/python/'],
        [1, 'https://github.com/GoogleContainerTools/distroless/blob/main/python3/README.md'],
      ]);
      const help = await client.request(SignatureHelpRequest.type, { textDocument: { uri }, position: { line: 2, character: 14 } });
      assert.ok(help && help.signatures.length > 0);
      const tokens = await client.request(SemanticTokensRequest.type, { textDocument: { uri } });
      assert.ok(tokens && tokens.data.length > 0 && tokens.data.length % 5 === 0);
      const legend = client.initializeResult?.capabilities.semanticTokensProvider?.legend;
      assert.equal(legend?.tokenTypes[0], 'keyword');
      assert.ok(Math.max(...tokens.data.filter((_, i) => i % 5 === 3)) < (legend?.tokenTypes.length ?? 0), 'every token type is in the legend');
    });

    it('answers nothing, and at once, on a file too large to analyse', async () => {
      const huge = 'FROM python:3.13\n' + 'RUN echo "a build step long enough to make this file large"\n'.repeat(12_000);
      await client.replace(uri, huge, 2);
      // The diagnostics first: the file is still analysed (up to 5 MB); the editing features
      // (completion, hover, formatting) refuse it without parsing it again.
      await client.diagnostics(uri, 2);
      const start = Date.now();
      assert.deepEqual(await client.completion(uri, { line: 1, character: 0 }), []);
      assert.equal(await client.hover(uri, { line: 0, character: 8 }), null);
      assert.equal(await client.request(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }), null);
      assert.ok(Date.now() - start < 2_000, `${Date.now() - start} ms`);
    });

    it('completes image tags from the catalog, without asking a registry', async () => {
      await client.replace(uri, 'FROM node:2\nFROM python:\n', 2);
      await client.completion(uri, { line: 0, character: 11 });
      await client.completion(uri, { line: 1, character: 12 });
      await client.replace(uri, GO.replace('FROM gcr.io/distroless/static-debian12:nonroot', 'FROM gcr.io/distroless/'), 3);
      // The catalog's distroless images, offline (the bench measures speed, not this test).
      const labels = (await client.completion(uri, { line: 6, character: 23 })).map((item) => item.label);
      assert.ok(labels.some((label) => label.includes('static-debian13')), labels.join(', '));
    });
  });

  describe('stagecraft.languageFeatures', () => {
    const uri = 'file:///work/mode/Dockerfile';

    it('off: no everyday capability, no instruction completion or docs; templates, images and image hovers stay', async () => {
      client = new LspClient();
      await client.initialize([], { capabilities: editorCapabilities(false), initializationOptions: { languageFeatures: 'off' } });
      await client.open(uri, GO);
      const capabilities = client.initializeResult?.capabilities ?? {};
      assert.equal(capabilities.documentFormattingProvider, undefined);
      assert.equal(capabilities.semanticTokensProvider, undefined);
      assert.ok(capabilities.completionProvider && capabilities.hoverProvider);
      const lineStart = await client.completion(uri, { line: 5, character: 0 });
      assert.ok(labels(lineStart).includes('multistage-go'));
      assert.ok(!labels(lineStart).some((label) => label.startsWith('RUN')), 'no instruction keywords');
      assert.equal(await client.hover(uri, { line: 6, character: 1 }), null, 'no instruction docs');
      assert.match(hoverText(await client.hover(uri, { line: 6, character: 20 })), /Default user/);
      // The Docker extensions propose COPY --from= stage names themselves; RUN --mount from= they do not.
      await client.replace(uri, GO.replace('COPY --from=build /out/app /app', 'COPY --from=\nRUN --mount=from=,target=/x true'), 2);
      assert.deepEqual(await client.completion(uri, { line: 7, character: 12 }), []);
      assert.deepEqual(labels(await client.completion(uri, { line: 8, character: 17 })), ['build']);
      assert.equal(await client.request(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }), null);
    });

    it('auto: registers the everyday features while no other Dockerfile extension is active, and unregisters them when one is', async () => {
      client = new LspClient();
      client.settings = { enable: true, languageFeatures: 'auto' };
      await client.initialize([], { capabilities: editorCapabilities(true), initializationOptions: { otherDockerfileExtensions: ['ms-azuretools.vscode-containers'] } });
      await client.open(uri, GO);
      assert.equal(client.initializeResult?.capabilities.documentFormattingProvider, undefined, 'dynamic: nothing static');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(methods(client), [], 'Container Tools is active: nothing registered');

      await client.notify('stagecraft/otherDockerfileExtensions', { extensions: [] });
      await until('the everyday features to be registered', () => methods(client).length === 11);
      assert.deepEqual(methods(client), [
        'textDocument/definition',
        'textDocument/documentHighlight',
        'textDocument/documentLink',
        'textDocument/documentSymbol',
        'textDocument/foldingRange',
        'textDocument/formatting',
        'textDocument/onTypeFormatting',
        'textDocument/rangeFormatting',
        'textDocument/rename',
        'textDocument/semanticTokens',
        'textDocument/signatureHelp',
      ]);
      assert.ok(labels(await client.completion(uri, { line: 5, character: 0 })).some((label) => label.startsWith('RUN')));

      await client.notify('stagecraft/otherDockerfileExtensions', { extensions: ['docker.docker'] });
      await until('the everyday features to be unregistered', () => methods(client).length === 0);
      assert.ok(!labels(await client.completion(uri, { line: 5, character: 0 })).some((label) => label.startsWith('RUN')));
    });

    it('on and off from the settings, read again when they change; an invalid value is auto, said once', async () => {
      client = new LspClient();
      client.settings = { enable: true, languageFeatures: 'on' };
      await client.initialize([], { capabilities: editorCapabilities(true), initializationOptions: { otherDockerfileExtensions: ['docker.docker'] } });
      await until('on despite Docker DX', () => methods(client).length === 11);
      await client.changeSettings({ enable: true, languageFeatures: 'off' });
      await until('off', () => methods(client).length === 0);
      await client.changeSettings({ enable: true, languageFeatures: 'loud' });
      await client.changeSettings({ enable: true, languageFeatures: 'loud' });
      await client.notify('stagecraft/otherDockerfileExtensions', { extensions: [] });
      await until('auto, without other extensions now: on', () => methods(client).length === 11);
      assert.equal(client.messages.filter((m) => m.includes('"stagecraft.languageFeatures" must be one of auto, on, off')).length, 1, client.messages.join('\n'));
    });
  });

  describe('for clients without snippets, markdown or hierarchical symbols', () => {
    it('inserts templates as plain text with the defaults, documents in plain text and lists symbols flat', async () => {
      const uri = 'file:///work/plain/Dockerfile';
      client = new LspClient();
      await client.initialize([], { capabilities: { workspace: { configuration: true } } });
      await client.open(uri, '');
      const items = await client.completion(uri, { line: 0, character: 0 });
      const node = items.find((item) => item.label === 'multistage-node');
      assert.equal(node?.insertTextFormat, InsertTextFormat.PlainText);
      const text = (node?.textEdit as TextEdit).newText;
      assert.match(text, /^FROM node:24-trixie-slim AS build$/m);
      assert.match(text, /^FROM gcr\.io\/distroless\/nodejs24-debian13:nonroot$/m);
      assert.doesNotMatch(text, /\$\{|\$\d/);
      assert.equal(typeof node?.documentation, 'string');
      await client.replace(uri, GO, 2);
      const symbols = (await client.request(DocumentSymbolRequest.type, { textDocument: { uri } })) as SymbolInformation[];
      assert.ok(symbols.length > 0 && symbols.every((s) => 'location' in s));
    });

    it('offers no templates when the client shows them itself (templateCompletions: false)', async () => {
      const uri = 'file:///work/vscode/Dockerfile';
      client = new LspClient();
      await client.initialize([], { capabilities: editorCapabilities(false), initializationOptions: { templateCompletions: false } });
      await client.open(uri, '');
      const items = await client.completion(uri, { line: 0, character: 0 });
      assert.deepEqual(items.filter((item) => item.kind === CompletionItemKind.Snippet && item.label.startsWith('multistage')), []);
    });
  });
});
