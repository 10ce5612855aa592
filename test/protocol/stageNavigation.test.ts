// Stages you can navigate, over stdio as an editor asks: references, highlights, rename and
// definition for every form of stage use, the code lens over each FROM, the target directive,
// and the stage graph request. References, code lens and the graph stay on when another
// Dockerfile extension answers the everyday features.
import * as assert from 'node:assert/strict';
import {
  CodeLensRequest,
  DefinitionRequest,
  DocumentHighlightRequest,
  Location,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
} from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';

const TEXT = [
  '# stagecraft: target=runtime', // 0
  'FROM golang:1.26 AS deps', // 1
  'COPY go.mod go.sum ./', // 2
  'RUN go mod download', // 3
  'FROM deps AS build', // 4
  'COPY . .', // 5
  'RUN --mount=type=cache,target=/root/.cache,from=deps go build -o /out/app .', // 6
  'FROM gcr.io/distroless/static-debian13:nonroot AS runtime', // 7
  'COPY --from=build /out/app /app', // 8
  'COPY --from=0 /go/pkg/mod/cache/download /cache', // 9
  'ENTRYPOINT ["/app"]', // 10
  'FROM build AS test', // 11
  'RUN go test ./...', // 12
  '',
].join('\n');

function lineAndText(locations: { range: Location['range'] }[] | null | undefined): string[] {
  const lines = TEXT.split('\n');
  return (locations ?? []).map(({ range }) => `${range.start.line}:${lines[range.start.line].slice(range.start.character, range.end.character)}`).sort();
}

describe('stage navigation over stdio', function () {
  this.timeout(20_000);
  const uri = 'file:///work/nav/Dockerfile';
  let client: LspClient;

  afterEach(async () => {
    await client?.stop();
  });

  async function start(initializationOptions?: unknown): Promise<void> {
    client = new LspClient();
    await client.initialize([], { capabilities: { workspace: { configuration: true }, textDocument: { rename: { prepareSupport: true } } }, initializationOptions });
    await client.open(uri, TEXT);
  }

  it('finds the references of a stage from its name, FROM, COPY --from, RUN --mount from= and --from=<index>', async () => {
    await start();
    assert.equal(client.initializeResult?.capabilities.referencesProvider, true);
    const expected = ['1:deps', '4:deps', '6:deps', '9:0'];
    for (const position of [{ line: 1, character: 21 }, { line: 4, character: 6 }, { line: 6, character: 50 }, { line: 9, character: 12 }]) {
      const found = await client.request(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration: true } });
      assert.deepEqual(lineAndText(found), expected, JSON.stringify(position));
    }
    const withoutDeclaration = await client.request(ReferencesRequest.type, { textDocument: { uri }, position: { line: 8, character: 14 }, context: { includeDeclaration: false } });
    assert.deepEqual(lineAndText(withoutDeclaration), ['11:build', '8:build']);
    assert.equal(await client.request(ReferencesRequest.type, { textDocument: { uri }, position: { line: 7, character: 10 }, context: { includeDeclaration: true } }), null);
  });

  it('goes to the definition from COPY --from=<name>, --from=<index> and RUN --mount from=, and highlights every use', async () => {
    await start();
    const fromName = (await client.request(DefinitionRequest.type, { textDocument: { uri }, position: { line: 8, character: 14 } })) as Location;
    assert.deepEqual(fromName.range, { start: { line: 4, character: 13 }, end: { line: 4, character: 18 } });
    const fromIndex = (await client.request(DefinitionRequest.type, { textDocument: { uri }, position: { line: 9, character: 12 } })) as Location;
    assert.deepEqual(fromIndex.range.start, { line: 1, character: 20 });
    const fromMount = (await client.request(DefinitionRequest.type, { textDocument: { uri }, position: { line: 6, character: 50 } })) as Location;
    assert.deepEqual(fromMount.range.start, { line: 1, character: 20 });
    const highlights = await client.request(DocumentHighlightRequest.type, { textDocument: { uri }, position: { line: 6, character: 50 } });
    assert.deepEqual(lineAndText(highlights), ['1:deps', '4:deps', '6:deps', '9:0']);
  });

  it('renames a stage everywhere, the directive included, and refuses index references and invalid names', async () => {
    await start();
    const prepared = await client.request(PrepareRenameRequest.type, { textDocument: { uri }, position: { line: 0, character: 23 } });
    assert.deepEqual(prepared, { range: { start: { line: 0, character: 21 }, end: { line: 0, character: 28 } }, placeholder: 'runtime' });
    const rename = await client.request(RenameRequest.type, { textDocument: { uri }, position: { line: 7, character: 52 }, newName: 'release' });
    assert.deepEqual(lineAndText(rename?.changes?.[uri]), ['0:runtime', '7:runtime']);
    assert.ok(rename?.changes?.[uri]?.every((edit) => edit.newText === 'release'));
    await assert.rejects(
      client.request(PrepareRenameRequest.type, { textDocument: { uri }, position: { line: 9, character: 12 } }),
      (error: ResponseError<void>) => /referred to by its index/.test(error.message),
    );
    await assert.rejects(
      client.request(RenameRequest.type, { textDocument: { uri }, position: { line: 4, character: 15 }, newName: 'Deps' }),
      (error: ResponseError<void>) => /already exists/.test(error.message),
    );
  });

  it('shows a code lens over each FROM: references, the shipped stage from the directive, and a stage it does not need', async () => {
    await start();
    assert.ok(client.initializeResult?.capabilities.codeLensProvider);
    const lenses = (await client.request(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    assert.deepEqual(
      lenses.map((lens) => `${lens.range.start.line}: ${lens.command?.title}`),
      ['1: 3 references', '4: 2 references', '7: no references', '7: shipped (stagecraft: target)', '11: no references', '11: not used by the shipped stage "runtime"'],
    );
    const first = lenses[0].command;
    assert.equal(first?.command, 'stagecraft.showReferences');
    const [lensUri, position, locations] = first?.arguments ?? [];
    assert.equal(lensUri, uri);
    assert.deepEqual(position, { line: 1, character: 20 });
    assert.deepEqual(lineAndText(locations as Location[]), ['4:deps', '6:deps', '9:0']);
  });

  it('checks the directive\'s stage as the shipped one and reports a directive naming no stage', async () => {
    await start();
    const diagnostics = await client.diagnostics(uri, 1);
    // The test stage on golang is last, but the directive ships the distroless runtime.
    assert.ok(!diagnostics.some((d) => d.code === 'runtime-not-distroless'), JSON.stringify(diagnostics.map((d) => d.code)));
    await client.replace(uri, TEXT.replace('target=runtime', 'target=runtim'), 2);
    const unknown = (await client.diagnostics(uri, 2)).find((d) => d.code === 'unknown-stage-reference');
    assert.ok(unknown, 'the unknown target is reported');
    assert.equal(unknown.range.start.line, 0);
    assert.match(String(unknown.message), /did you mean "runtime"/);
  });

  it('answers the stage graph request with Mermaid and SVG', async () => {
    await start();
    const graph = (await client.requestMethod('stagecraft/stageGraph', { uri })) as { svg: string; mermaid: string; stageCount: number };
    assert.equal(graph.stageCount, 4);
    assert.match(graph.mermaid, /^flowchart TD\n/);
    assert.match(graph.mermaid, /s2\[\["runtime<br\/>gcr\.io\/distroless\/static-debian13:nonroot"\]\]/);
    assert.match(graph.mermaid, /class s3 unused/);
    assert.equal((graph.svg.match(/<rect /g) ?? []).length, 4);
  });

  it('keeps references and the code lens when another Dockerfile extension answers the everyday features', async () => {
    await start({ languageFeatures: 'off' });
    assert.equal(client.initializeResult?.capabilities.definitionProvider, undefined);
    const found = await client.request(ReferencesRequest.type, { textDocument: { uri }, position: { line: 8, character: 14 }, context: { includeDeclaration: true } });
    assert.deepEqual(lineAndText(found), ['11:build', '4:build', '8:build']);
    const lenses = await client.request(CodeLensRequest.type, { textDocument: { uri } });
    assert.equal(lenses?.length, 6);
  });
});
