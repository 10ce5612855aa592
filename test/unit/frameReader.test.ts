import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { Message } from 'vscode-languageserver/node';
import { TolerantFrameReader, contentLength } from '../../server/src/lsp/frameReader';

function frame(body: string, header = `Content-Length: ${Buffer.byteLength(body)}`): string {
  return `${header}\r\n\r\n${body}`;
}

/** Writes `chunks` to a reader and collects the messages and errors it reports. */
function read(chunks: (string | Buffer)[]) {
  const input = new PassThrough();
  const reader = new TolerantFrameReader(input);
  const messages: Message[] = [];
  const errors: string[] = [];
  reader.onError((error) => errors.push(error.message));
  reader.listen((message) => messages.push(message));
  for (const chunk of chunks) {
    input.write(chunk);
  }
  return { messages, errors };
}

describe('TolerantFrameReader (stdio frames)', () => {
  const ping = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });

  it('reads whole frames, frames split across chunks and several frames in one chunk', async () => {
    const whole = frame(ping);
    const { messages } = read([whole, whole.slice(0, 10), whole.slice(10) + whole]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(messages.length, 3);
    assert.deepEqual(messages[0], JSON.parse(ping));
  });

  it('reads a large frame that comes in many chunks, split inside characters, with the next frame in its last chunk', async () => {
    const text = 'RUN echo ü€😀\n'.repeat(20_000);
    const large = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { text } });
    const bytes = Buffer.from(frame(large) + frame(ping));
    const chunks: Buffer[] = [];
    for (let start = 0; start < bytes.length; start += 4093) {
      chunks.push(bytes.subarray(start, start + 4093)); // 4093: a prime, so the cuts fall inside multi-byte characters too
    }
    const { messages, errors } = read(chunks);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(errors, []);
    assert.equal(messages.length, 2);
    assert.equal((messages[0] as { params?: { text: string } }).params?.text, text);
    assert.deepEqual(messages[1], JSON.parse(ping));
  });

  it('counts the body in bytes, not characters', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'note', params: { text: 'ü€😀' } });
    const { messages } = read([frame(body)]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal((messages[0] as { params?: { text: string } }).params?.text, 'ü€😀');
  });

  it('skips a frame with a missing, negative or non-numeric length, and reads the next one in the same chunk', async () => {
    for (const header of ['X-Garbage: yes', 'Content-Length: -5', 'Content-Length: 1.5e3x', 'Content-Length: many']) {
      const { messages, errors } = read([`${header}\r\n\r\n` + frame(ping)]);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(messages.length, 1, header);
      assert.equal(errors.length, 1, header);
    }
  });

  it('skips bodies that are not JSON-RPC objects', async () => {
    const { messages, errors } = read([frame('{not json'), frame('[1,2]'), frame(ping)]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(messages.length, 1);
    assert.equal(errors.length, 2);
  });

  it('reads Content-Length case-insensitively, beside other headers', () => {
    assert.equal(contentLength('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 42'), 42);
    assert.equal(contentLength('Content-Length: 4.2'), undefined);
    assert.equal(contentLength('Content-Type: x'), undefined);
  });
});
