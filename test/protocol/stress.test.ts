// The language server under hostile traffic (issue #12): malformed JSON-RPC frames, unknown
// methods, absurd positions, a 5 MB document, 1,000 incremental edits with cancelled requests in
// between. After each step the process must be alive and answer; after the edits it must publish
// diagnostics for the last version, computed from the same text the client has. One server for
// all steps, in order, as an editor session would be. About 15 s.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  HoverRequest,
  Position,
  ResponseError,
} from 'vscode-languageserver-protocol';
import { analyzeDockerfile } from '../../server/src/core/analyze';
import { argDoublingInFrom, chainedStages, envDoubling, generated } from '../fuzz/hostileShapes';
import { prng } from '../fuzz/mutate';
import { LspClient } from './lspClient';

const PYTHON = 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n';
const METHOD_NOT_FOUND = -32601;
const REQUEST_CANCELLED = -32800;

/** `promise`, or a rejection naming `what` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))),
  ]);
}

/** A request's outcome: its result, or the code of the error it was answered with. */
async function outcome(promise: Promise<unknown>): Promise<{ result?: unknown; error?: number }> {
  try {
    return { result: await promise };
  } catch (error) {
    if (error instanceof ResponseError) {
      return { error: error.code };
    }
    throw error;
  }
}

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;

describe('language server under stress', function () {
  this.timeout(30_000);
  const uri = 'file:///work/stress/Dockerfile';
  let client: LspClient;

  /** A document no step changes. */
  const probe = 'file:///work/stress/probe.Dockerfile';

  /** The server is alive and answers a normal request on a normal document. */
  async function assertAnswers(step: string): Promise<void> {
    assert.ok(!client.exited, `the server process exited after ${step}; stderr: ${client.stderr}`);
    const hover = await within(client.hover(probe, { line: 0, character: 2 }), 5_000, `hover after ${step}`);
    assert.ok(hover, `hover on FROM after ${step}`);
  }

  before(async () => {
    client = new LspClient();
    await client.initialize();
    await client.open(uri, PYTHON);
    await client.open(probe, PYTHON);
    await client.diagnostics(uri, 1);
    await client.diagnostics(probe, 1);
  });

  after(async () => {
    if (client && !client.exited) {
      await within(client.stop(), 5_000, 'shutdown').catch((error: unknown) => {
        client.kill();
        throw error;
      });
    }
  });

  it('survives malformed JSON-RPC frames', async () => {
    for (const raw of [
      frame('{not json'),
      frame('{"foo": 1}'),
      frame('[1, 2, 3]'),
      frame('null'),
      frame('{"jsonrpc": "2.0", "id": 900001, "method": "textDocument/hover", "params": null}'),
      frame('{"jsonrpc": "2.0", "id": 900002, "method": "textDocument/hover", "params": {"textDocument": {"uri": 42}, "position": "here"}}'),
      frame('{"jsonrpc": "2.0", "id": 900003, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///work/stress/Dockerfile"}}}'),
      frame('{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///nowhere"}, "contentChanges": 7}}'),
      frame('{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {}}'),
      `Content-Length: 9\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\n\r\n{"id": 1}`,
    ]) {
      await client.writeRaw(raw);
    }
    // The server reads the frames in order: its answer to this request comes after them.
    await assertAnswers('malformed frames');
  });

  it('answers unknown requests with MethodNotFound and ignores unknown notifications', async () => {
    assert.deepEqual(await within(outcome(client.requestMethod('stagecraft/noSuchMethod', { a: 1 })), 5_000, 'unknown request'), { error: METHOD_NOT_FOUND });
    assert.deepEqual(await within(outcome(client.requestMethod('$/noSuchRequest', {})), 5_000, 'unknown $/ request'), { error: METHOD_NOT_FOUND });
    await client.notify('stagecraft/noSuchNotification', { a: 1 });
    await client.notify('$/noSuchNotification', null);
    await assertAnswers('unknown methods');
  });

  it('answers hover, completion and codeAction at absurd positions', async () => {
    const positions: Position[] = [
      { line: 1e9, character: 0 },
      { line: 0, character: 1e9 },
      { line: 2 ** 31, character: 2 ** 31 },
      { line: -1, character: -1 },
      { line: 1.5, character: 0.5 },
    ];
    for (const position of positions) {
      const range = { start: position, end: position };
      const label = JSON.stringify(position);
      // A result or an error answer are both fine; no answer, or a dead server, is not.
      await within(outcome(client.request(HoverRequest.type, { textDocument: { uri }, position })), 5_000, `hover at ${label}`);
      await within(outcome(client.request(CompletionRequest.type, { textDocument: { uri }, position })), 5_000, `completion at ${label}`);
      await within(outcome(client.request(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } })), 5_000, `codeAction at ${label}`);
      // The end before the start, and a document the server never saw.
      await within(outcome(client.request(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 3, character: 0 }, end: position }, context: { diagnostics: [] } })), 5_000, `codeAction up to ${label}`);
      await within(outcome(client.request(HoverRequest.type, { textDocument: { uri: 'file:///never/opened' }, position })), 5_000, `hover on an unknown document at ${label}`);
    }
    await assertAnswers('absurd positions');
  });

  it('takes a 5 MB didOpen: says it is not analysed, and keeps answering', async () => {
    const big = 'file:///work/stress/big.Dockerfile';
    const text = generated(5_000_000);
    const started = Date.now();
    await client.open(big, text);
    const diagnostics = await client.diagnostics(big, 1, 15_000);
    const published = Date.now() - started;
    assert.deepEqual(diagnostics.map((d) => d.code), ['file-not-analyzed']);
    await within(client.hover(big, { line: 4, character: 2 }), 5_000, 'hover on the 5 MB document');
    await within(client.completion(big, { line: 10_000, character: 0 }), 5_000, 'completion in the 5 MB document');
    await assertAnswers('the 5 MB document');
    console.log(`      5 MB document: diagnostics ${published} ms after didOpen`);
  });

  it("analyses each of the issue's hostile shapes and answers their code actions, each within 2 s", async () => {
    const shapes = { envDoubling: envDoubling(26), argDoublingInFrom: argDoublingInFrom(26), chainedStages: chainedStages(5000) };
    for (const [name, text] of Object.entries(shapes)) {
      const shape = `file:///work/stress/${name}.Dockerfile`;
      let started = Date.now();
      await client.open(shape, text);
      const diagnostics = await client.diagnostics(shape, 1, 10_000);
      const analysedMs = Date.now() - started;
      started = Date.now();
      const lines = text.split('\n').length;
      await within(client.codeActions(shape, { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } }, diagnostics), 10_000, `code actions on ${name}`);
      const actionsMs = Date.now() - started;
      console.log(`      ${name}: diagnostics ${analysedMs} ms after didOpen, code actions ${actionsMs} ms`);
      assert.ok(analysedMs < 2_000, `${name}: diagnostics after ${analysedMs} ms`);
      assert.ok(actionsMs < 2_000, `${name}: code actions after ${actionsMs} ms`);
    }
    await assertAnswers('the hostile shapes');
  });

  it('after 1,000 incremental edits with $/cancelRequest in between, publishes for the last version, from the same text', async () => {
    const random = prng(1012);
    const below = (limit: number) => Math.floor(random() * limit);
    const snippets = ['a', ' ', '\n', 'RUN echo hi\n', '\\\n', '${', '}', 'é', '\u{1F433}', 'FROM alpine:3.20 AS x\n', 'COPY --from=x / /\n', '"', '# c\n'];
    let document = TextDocument.create(uri, 'dockerfile', 1, PYTHON);
    const pending: Promise<{ result?: unknown; error?: number }>[] = [];
    const since = client.publishedCount;
    const publishedBefore = client.allPublished(uri).length;
    const started = Date.now();
    const LAST = 1001;
    for (let version = 2; version <= LAST; version++) {
      const text = document.getText();
      const at = below(text.length + 1);
      // Mostly insertions, some deletions, so the text grows slowly.
      const change =
        random() < 0.3 && text.length > 0
          ? { range: { start: document.positionAt(at), end: document.positionAt(Math.min(text.length, at + 1 + below(5))) }, text: '' }
          : { range: { start: document.positionAt(at), end: document.positionAt(at) }, text: snippets[below(snippets.length)] };
      document = TextDocument.update(document, [change], version);
      await client.notify(DidChangeTextDocumentNotification.method, { textDocument: { uri, version }, contentChanges: [change] });
      if (version % 5 === 0) {
        // A request the editor gives up on: cancelled right away, or after the next edit.
        const source = new CancellationTokenSource();
        const position = document.positionAt(below(document.getText().length + 1));
        const kind = below(3);
        pending.push(
          outcome(
            kind === 0
              ? client.request(HoverRequest.type, { textDocument: { uri }, position }, source.token)
              : kind === 1
                ? client.request(CompletionRequest.type, { textDocument: { uri }, position }, source.token)
                : client.request(CodeActionRequest.type, { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }, source.token),
          ),
        );
        if (random() < 0.5) {
          source.cancel();
        } else {
          setImmediate(() => source.cancel());
        }
      }
    }
    const sent = Date.now() - started;
    const answers = await within(Promise.all(pending), 15_000, 'the cancelled requests');
    const unexpected = answers.filter((answer) => answer.error !== undefined && answer.error !== REQUEST_CANCELLED);
    assert.deepEqual(unexpected, [], 'cancelled requests are answered with a result or RequestCancelled');

    const diagnostics = await client.diagnostics(uri, LAST, 15_000, since);
    const finalText = document.getText();
    // The server's text after the edits is the client's: it finds the same as an analysis here.
    const expected = analyzeDockerfile(finalText).findings.map((finding) => finding.ruleId).sort();
    assert.deepEqual(diagnostics.map((d) => String(d.code)).sort(), expected);

    // Nothing for an older version may arrive after the last version's diagnostics.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const burst = client.allPublished(uri).slice(publishedBefore);
    const firstLast = burst.findIndex((p) => p.version === LAST);
    assert.ok(firstLast >= 0);
    assert.deepEqual(burst.slice(firstLast).map((p) => p.version), burst.slice(firstLast).map(() => LAST), 'publications after the last version');
    assert.equal(burst[burst.length - 1].version, LAST);
    console.log(
      `      1,000 edits sent in ${sent} ms; ${pending.length} cancelled requests (${answers.filter((a) => a.error === REQUEST_CANCELLED).length} answered RequestCancelled); ` +
        `${burst.length} publication(s) for the document, for versions ${[...new Set(burst.map((p) => p.version))].join(', ')}`,
    );
    await assertAnswers('the edits');
  });

  it('is still the same live process at the end', async () => {
    assert.ok(!client.exited);
    assert.ok(client.pid !== undefined);
    process.kill(client.pid, 0); // throws when the process is gone
    await assertAnswers('everything');
    assert.equal(client.stderr.match(/uncaught|unhandled/i), null, client.stderr);
  });
});

// A header the reader cannot use (vscode-jsonrpc's StreamMessageReader, inside the server). Each
// case on its own server: one that stops reading must not take the other steps down with it.
describe('language server after a frame with a broken header', function () {
  this.timeout(15_000);
  let client: LspClient;
  const probe = 'file:///work/stress/probe.Dockerfile';

  beforeEach(async () => {
    client = new LspClient();
    await client.initialize();
    await client.open(probe, PYTHON);
    await client.diagnostics(probe, 1);
  });

  afterEach(() => {
    client.kill();
  });

  for (const header of ['X-Garbage: yes\r\n\r\n', 'Content-Length: many\r\n\r\n', 'Content-Length: -5\r\n\r\n', 'Content-Length: 1.5e3x\r\n\r\n']) {
    it(`keeps answering after ${JSON.stringify(header)}`, async () => {
      await client.writeRaw(header);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(!client.exited, `the server exited; stderr: ${client.stderr}`);
      assert.ok(await within(client.hover(probe, { line: 0, character: 2 }), 5_000, 'hover'));
    });
  }

  it('handles a message that arrives in the same chunk as a broken header', async () => {
    // The didOpen is visible by its diagnostics; nothing else is written after it.
    const uri = 'file:///work/stress/same-chunk.Dockerfile';
    const didOpen = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockerfile', version: 1, text: PYTHON } } });
    await client.writeRaw('X-Garbage: yes\r\n\r\n' + frame(didOpen));
    await client.diagnostics(uri, 1, 5_000);
  });
});
