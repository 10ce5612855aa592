// A minimal LSP client over stdio for protocol tests: spawns `dist/server.js --stdio` and
// speaks JSON-RPC to it exactly as an editor would.
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  CancellationToken,
  ClientCapabilities,
  CodeAction,
  CodeActionRequest,
  CompletionItem,
  CompletionList,
  CompletionRequest,
  CompletionResolveRequest,
  Hover,
  HoverRequest,
  InitializeResult,
  Position,
  Registration,
  RegistrationRequest,
  UnregistrationRequest,
  ConfigurationRequest,
  Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ProtocolRequestType,
  Range,
  ShowMessageRequest,
  ShutdownRequest,
} from 'vscode-languageserver-protocol';
import { ProtocolConnection, StreamMessageReader, StreamMessageWriter, createProtocolConnection } from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_FLAGS } from '../../server/src/nodeFlags';

export const PROJECT_ROOT = path.resolve(__dirname, '../../..');
const SERVER = path.join(PROJECT_ROOT, 'dist', 'server.js');

export class LspClient {
  private readonly process: ChildProcess;
  private readonly connection: ProtocolConnection;
  private readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters: (() => void)[] = [];
  /** Texts of the messages the server asked the editor to show. */
  readonly messages: string[] = [];
  /** What `workspace/configuration` answers for the `stagecraft` section. */
  settings: unknown = { enable: true };
  stderr = '';
  /** Capabilities the server registered dynamically (`client/registerCapability`), by id. */
  readonly registrations = new Map<string, Registration>();
  /** What `initialize` answered. */
  initializeResult?: InitializeResult;

  /**
   * The server runs with the Node.js options the VS Code client gives it (SERVER_NODE_FLAGS);
   * `nodeArgs` go after them, before the server script (e.g. `--require` a preload).
   */
  constructor(options: { nodeArgs?: string[] } = {}) {
    this.process = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(options.nodeArgs ?? []), SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.connection.onRequest(ShowMessageRequest.type, (params) => {
      this.messages.push(params.message);
      return null;
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      params.registrations.forEach((registration) => this.registrations.set(registration.id, registration));
    });
    this.connection.onRequest(UnregistrationRequest.type, (params) => {
      params.unregisterations.forEach((unregistration) => this.registrations.delete(unregistration.id));
    });
    this.connection.listen();
  }

  get exited(): boolean {
    return this.process.exitCode !== null || this.process.signalCode !== null;
  }

  /** The server's process id. */
  get pid(): number | undefined {
    return this.process.pid;
  }

  /** Writes bytes to the server's stdin as they are, e.g. a malformed JSON-RPC frame. */
  writeRaw(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.process.stdin!.write(data, (error) => (error ? reject(error) : resolve())));
  }

  /**
   * `capabilities` replaces the default client capabilities (configuration, versioned
   * diagnostics, code action data); `initializationOptions` is sent as given.
   */
  async initialize(workspaceFolders: string[] = [], options: { capabilities?: ClientCapabilities; initializationOptions?: unknown } = {}): Promise<void> {
    this.initializeResult = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: workspaceFolders.map((uri, index) => ({ uri, name: `folder${index}` })),
      capabilities: options.capabilities ?? {
        workspace: { configuration: true },
        textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { dataSupport: true, disabledSupport: true } },
      },
      initializationOptions: options.initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version, text },
    });
  }

  async replace(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  async configFileChanged(uri: string): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Changed }] });
  }

  async changeSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { stagecraft: settings } });
  }

  /** Waits for diagnostics on `uri` (for `version`, if given) published after `since`. */
  async diagnostics(uri: string, version?: number, timeoutMs = 10_000, since = 0): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.published
        .slice(since)
        .reverse()
        .find((p) => p.uri === uri && (version === undefined || p.version === version));
      if (match) {
        return match.diagnostics;
      }
      if (Date.now() > deadline) {
        throw new Error(`no diagnostics for ${uri} version ${version} within ${timeoutMs} ms; stderr: ${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  get publishedCount(): number {
    return this.published.length;
  }

  allPublished(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, only },
    });
    return (result ?? []).filter((item): item is CodeAction => 'title' in item && !('command' in item && typeof item.command === 'string'));
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    return Array.isArray(result) ? result : ((result as CompletionList | null)?.items ?? []);
  }

  resolveCompletion(item: CompletionItem): Promise<CompletionItem> {
    return this.connection.sendRequest(CompletionResolveRequest.type, item);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  /** Any other request (formatting, symbols, folding...), by its protocol type; `token` cancels it ($/cancelRequest). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each request type has its own params and result
  request<P, R>(type: ProtocolRequestType<P, R, any, any, any>, params: P, token?: CancellationToken): Promise<R> {
    // Only a token passed as the last argument is one: an `undefined` there would be sent as a second parameter.
    return (token ? this.connection.sendRequest(type.method, params, token) : this.connection.sendRequest(type.method, params)) as Promise<R>;
  }

  /** A request by method name, e.g. one the server does not know. */
  requestMethod(method: string, params: unknown, token?: CancellationToken): Promise<unknown> {
    return token ? this.connection.sendRequest(method, params, token) : this.connection.sendRequest(method, params);
  }

  async notify(method: string, params: unknown): Promise<void> {
    await this.connection.sendNotification(method, params);
  }

  /** Stops the server process without the shutdown handshake (e.g. when it no longer reads). */
  kill(): void {
    this.connection.dispose();
    this.process.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }
}
