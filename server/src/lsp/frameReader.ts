// Reads LSP messages from a byte stream (stdio), tolerating broken frames. vscode-jsonrpc's own
// stream reader stops reading for good after a header with a negative or non-numeric
// Content-Length, and waits for more data after a header without one, so one bad frame from a
// client (or a stray print on the pipe) silences the server. This reader reports the bad frame,
// skips it, and goes on with the next one.
import { AbstractMessageReader, DataCallback, Disposable, Message, MessageReader } from 'vscode-languageserver/node';

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

/** A header block longer than this is not a header: the bytes are dropped. */
const MAX_HEADER_BYTES = 64 * 1024;

export class TolerantFrameReader extends AbstractMessageReader implements MessageReader {
  /** Bytes received and not yet delivered, in the chunks they came in. */
  private chunks: Buffer[] = [];
  private bufferedBytes = 0;
  /**
   * How many bytes the frame being received needs in all (header and body), once its header has
   * been read. Until they are all here the chunks are only kept, not joined: joining them on every
   * chunk copied a 1 MB didOpen (about 16 chunks of 64 KiB) about 8 MB over.
   */
  private frameBytes = 0;
  /** The received bytes, joined, while `takeFrames` runs. */
  private buffer: Buffer = Buffer.alloc(0);
  private callback: DataCallback | undefined;

  constructor(private readonly input: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string) => this.onData(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('close', onClose);
    this.input.on('end', onClose);
    return Disposable.create(() => {
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('close', onClose);
      this.input.off('end', onClose);
    });
  }

  /** Keeps the chunk; once a whole frame may be here, joins what was kept and delivers every complete frame. */
  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bufferedBytes += chunk.length;
    if (this.bufferedBytes < this.frameBytes) {
      return; // the rest of the body is still on its way
    }
    this.buffer = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.bufferedBytes);
    this.frameBytes = 0;
    this.takeFrames();
    this.chunks = this.buffer.length === 0 ? [] : [this.buffer];
    this.bufferedBytes = this.buffer.length;
  }

  /** Takes every complete frame out of `buffer`; a broken one is reported and skipped. */
  private takeFrames(): void {
    for (;;) {
      const headerEnd = this.buffer.indexOf(HEADER_END);
      if (headerEnd === -1) {
        if (this.buffer.length > MAX_HEADER_BYTES) {
          this.fireError(new Error(`Dropped ${this.buffer.length} bytes without a message header.`));
          this.buffer = Buffer.alloc(0);
        }
        return;
      }
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = contentLength(header);
      if (length === undefined) {
        this.fireError(new Error(`Skipped a message with a broken header (no valid Content-Length): ${JSON.stringify(header.slice(0, 200))}`));
        this.buffer = this.buffer.subarray(headerEnd + HEADER_END.length);
        continue;
      }
      const bodyStart = headerEnd + HEADER_END.length;
      if (this.buffer.length < bodyStart + length) {
        this.frameBytes = bodyStart + length;
        return; // the rest of the body is still on its way
      }
      const body = this.buffer.subarray(bodyStart, bodyStart + length).toString('utf8');
      this.buffer = this.buffer.subarray(bodyStart + length);
      this.deliver(body);
    }
  }

  private deliver(body: string): void {
    let message: unknown;
    try {
      message = JSON.parse(body);
    } catch {
      this.fireError(new Error(`Skipped a message that is not JSON: ${JSON.stringify(body.slice(0, 200))}`));
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.fireError(new Error(`Skipped a message that is not a JSON-RPC object: ${JSON.stringify(body.slice(0, 200))}`));
      return;
    }
    this.callback?.(message as Message);
  }
}

/** The Content-Length of a header block: a whole number of bytes, else undefined. */
export function contentLength(header: string): number | undefined {
  for (const line of header.split('\r\n')) {
    const match = /^content-length\s*:\s*(.*)$/i.exec(line);
    if (match) {
      const value = match[1].trim();
      return /^\d{1,10}$/.test(value) ? Number(value) : undefined;
    }
  }
  return undefined;
}
