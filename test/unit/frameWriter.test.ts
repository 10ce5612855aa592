import * as assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { Message } from 'vscode-languageserver/node';
import { TolerantFrameReader } from '../../server/src/lsp/frameReader';
import { SingleWriteFrameWriter } from '../../server/src/lsp/frameWriter';

/** A stream that keeps each write apart. */
function recordingStream() {
  const writes: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk);
      done();
    },
  });
  return { stream, writes };
}

describe('SingleWriteFrameWriter (stdio frames)', () => {
  const note = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///ü€😀/Dockerfile', diagnostics: [] } };

  it('writes each message as one frame in one write, its length counted in bytes', async () => {
    const { stream, writes } = recordingStream();
    const writer = new SingleWriteFrameWriter(stream);
    await writer.write(note as Message);
    await writer.write({ jsonrpc: '2.0', id: 1, result: null } as Message);
    assert.equal(writes.length, 2);
    const text = writes[0].toString('utf8');
    const body = JSON.stringify(note);
    assert.equal(text, `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    assert.notEqual(Buffer.byteLength(body), body.length, 'the test covers multi-byte characters');
  });

  it('keeps the order of messages, read back by the reader', async () => {
    const pipe = new PassThrough();
    const writer = new SingleWriteFrameWriter(pipe);
    const reader = new TolerantFrameReader(pipe);
    const received: Message[] = [];
    reader.listen((message) => received.push(message));
    const sent = Array.from({ length: 50 }, (_, id) => ({ jsonrpc: '2.0', id, result: 'x'.repeat(id * 100) }) as Message);
    await Promise.all(sent.map((message) => writer.write(message)));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(received, sent);
  });

  it('reports a failed write as an error of the writer and rejects', async () => {
    const stream = new Writable({ write: (_chunk, _encoding, done) => done(new Error('pipe closed')) });
    stream.on('error', () => undefined);
    const writer = new SingleWriteFrameWriter(stream);
    const errors: string[] = [];
    writer.onError(([error]) => errors.push(error.message));
    await assert.rejects(writer.write(note as Message), /pipe closed/);
    assert.ok(errors.includes('pipe closed'), errors.join(', '));
  });

  it('rejects a message that cannot be serialised, without writing', async () => {
    const { stream, writes } = recordingStream();
    const writer = new SingleWriteFrameWriter(stream);
    const cyclic: Record<string, unknown> = { jsonrpc: '2.0', method: 'x' };
    cyclic.params = cyclic;
    await assert.rejects(writer.write(cyclic as unknown as Message));
    assert.equal(writes.length, 0);
  });
});
