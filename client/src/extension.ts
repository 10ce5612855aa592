// The client only starts the bundled language server and wires editor commands to it;
// everything Dockerfile-specific lives in the server (see docs/ARCHITECTURE.md).
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  Message,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import type { LanguageFeaturesSetting, StagecraftInitializationOptions } from '../../server/src/lsp/languageFeatures';
import { SERVER_NODE_FLAGS } from '../../server/src/nodeFlags';
import { DOCKERFILE_EXTENSIONS, otherDockerfileExtensions, watchOtherDockerfileExtensions } from './otherExtensions';
import { registerStageCommands } from './stageCommands';

/** Restarts allowed inside the window below before we give up and say so once. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Stagecraft', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6010'] },
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'dockerfile', scheme: 'file' },
      { language: 'dockerfile', scheme: 'untitled' },
      { language: 'dockerfile', scheme: 'vscode-vfs' },
    ],
    synchronize: {
      configurationSection: 'stagecraft',
      // The server rereads a folder's `.stagecraft.json` when it changes, and re-checks the
      // Dockerfiles when an ignore file appears or changes (missing-dockerignore).
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/.stagecraft.json'), vscode.workspace.createFileSystemWatcher('**/{.dockerignore,*.dockerignore}')],
    },
    outputChannel: output,
    traceOutputChannel: output,
    errorHandler: new BoundedRestartHandler(output),
    // `stagecraft.languageFeatures: auto` turns the everyday features off while another Dockerfile
    // extension is installed (the server logs which). A function: read again on each restart.
    initializationOptions: (): StagecraftInitializationOptions => ({
      // The server validates it (and says so once when it is not auto, on or off).
      languageFeatures: vscode.workspace.getConfiguration('stagecraft').get<LanguageFeaturesSetting>('languageFeatures', 'auto'),
      otherDockerfileExtensions: otherDockerfileExtensions(),
      // VS Code shows the templates from the extension's snippet contribution already.
      templateCompletions: false,
    }),
  };

  client = new LanguageClient('stagecraft', 'Stagecraft', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('stagecraft.restartServer', async () => {
      if (!client) {
        return;
      }
      output.info('Restarting the Stagecraft server on request.');
      await client.restart();
    }),
  );

  registerStageCommands(context, () => client);

  // The server decides with the same rule (auto: off while one of them is installed and enabled).
  context.subscriptions.push(
    watchOtherDockerfileExtensions((ids) => {
      output.info(`Dockerfile extensions now active: ${ids.length > 0 ? namesOf(ids) : 'none'}.`);
      client?.sendNotification('stagecraft/otherDockerfileExtensions', { extensions: ids }).catch(() => undefined);
    }),
  );

  await client.start();
}

function namesOf(ids: readonly string[]): string {
  return ids.map((id) => DOCKERFILE_EXTENSIONS.find((extension) => extension.id === id)?.name ?? id).join(', ');
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
}

/**
 * Restarts a crashed server a few times, then stops with one clear message instead of a
 * crash loop. Errors on single messages do not kill the connection.
 */
class BoundedRestartHandler implements ErrorHandler {
  private readonly restarts: number[] = [];

  constructor(private readonly output: vscode.LogOutputChannel) {}

  error(_error: Error, _message: Message | undefined, _count: number | undefined): ErrorHandlerResult {
    return { action: ErrorAction.Continue };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts.push(now);
    while (this.restarts.length > 0 && now - this.restarts[0] > RESTART_WINDOW_MS) {
      this.restarts.shift();
    }
    if (this.restarts.length > MAX_RESTARTS) {
      const message =
        'The Stagecraft server stopped unexpectedly several times and will not be restarted. ' +
        'See the Stagecraft output channel, then run "Stagecraft: Restart Server".';
      this.output.error(message);
      return { action: CloseAction.DoNotRestart, message };
    }
    this.output.warn(`The Stagecraft server stopped; restarting (${this.restarts.length}/${MAX_RESTARTS}).`);
    return { action: CloseAction.Restart, handled: true };
  }
}
