// Writes LSP messages to a byte stream (stdio), each frame in one write. vscode-jsonrpc's stream
// writer writes the header and the body separately, so each message wakes the client twice; on a
// busy machine the first wake-up hands the CPU to the client, which can only wait for the body,
// and the diagnostics of a small file arrived about a millisecond later than they needed to.
import { AbstractMessageWriter, Message, MessageWriter } from 'vscode-languageserver/node';

export class SingleWriteFrameWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly output: NodeJS.WritableStream) {
    super();
    output.on('error', (error: Error) => this.fireError(error));
    output.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let body: Buffer;
    try {
      body = Buffer.from(JSON.stringify(message), 'utf8');
    } catch (error) {
      return this.failed(error, message);
    }
    const frame = Buffer.concat([Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body]);
    // `write` queues in order, so frames go out in the order they were given, without a lock.
    return new Promise((resolve, reject) => {
      this.output.write(frame, (error) => (error ? this.failed(error, message).catch(reject) : resolve()));
    });
  }

  end(): void {
    this.output.end();
  }

  private failed(error: unknown, message: Message): Promise<never> {
    this.errorCount++;
    this.fireError(error, message, this.errorCount);
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
