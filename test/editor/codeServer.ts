// Runs code-server (VS Code 1.100.3 as a web app) and headless Chromium for the editor tests.
// Each configuration (one extensions folder) is started once and shared by every test that asks
// for it by name; shutdownEditorHarness() stops them all, from a root `after` hook or on Ctrl+C.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { poll } from './poll';
import { flagsFile, resultsDir } from './paths';
import { codeServerEntry, removeScratch, scratchDir, writeUserSettings } from './setup';

const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;

export interface CodeServer {
  readonly name: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly extensionsDir: string;
  readonly userDataDir: string;
  /** The vscode-remote URI the web workbench uses for a path on this machine. */
  remoteUri(absolutePath: string): string;
  /** Workbench URL opening `folder`, with optional `payload` entries (openFile, extensionTestsPath...). */
  workbenchUrl(folder: string, payload?: ReadonlyArray<readonly [string, string]>): string;
}

class CodeServerProcess implements CodeServer {
  readonly origin: string;
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly port: number,
    readonly extensionsDir: string,
    readonly userDataDir: string,
    readonly child: ChildProcess,
  ) {
    this.origin = `http://127.0.0.1:${port}`;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  remoteUri(absolutePath: string): string {
    return `vscode-remote://127.0.0.1:${this.port}${absolutePath}`;
  }

  workbenchUrl(folder: string, payload: ReadonlyArray<readonly [string, string]> = []): string {
    const url = new URL(this.origin);
    url.searchParams.set('folder', folder);
    if (payload.length > 0) {
      url.searchParams.set('payload', JSON.stringify(payload));
    }
    return url.toString();
  }

  /** The whole process group: code-server, its VS Code server, extension hosts, language servers. */
  killGroup(signal: NodeJS.Signals): void {
    // Never kill(-0): that would be our own process group.
    if (this.child.pid === undefined) {
      return;
    }
    try {
      process.kill(-this.child.pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
        throw error;
      }
    }
  }

  hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  async stop(): Promise<void> {
    if (!this.hasExited()) {
      this.killGroup('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)));
      await Promise.race([this.exited, grace]);
      clearTimeout(timer);
    }
    // Children that ignored SIGTERM or outlived code-server itself.
    this.killGroup('SIGKILL');
    if (this.child.pid !== undefined) {
      liveGroups.delete(this.child.pid);
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const servers = new Map<string, Promise<CodeServerProcess>>();
/** Process groups still running, for the synchronous kill on exit and signals. */
const liveGroups = new Set<number>();

/**
 * The code-server named `name`, started on first use with a fresh extensions folder that
 * `prepareExtensions` fills (e.g. installs the vsix), then reused by later callers.
 */
export function sharedCodeServer(name: string, prepareExtensions: (extensionsDir: string, userDataDir: string) => void): Promise<CodeServer> {
  let server = servers.get(name);
  if (!server) {
    server = launch(name, prepareExtensions);
    servers.set(name, server);
  }
  return server;
}

async function launch(name: string, prepareExtensions: (extensionsDir: string, userDataDir: string) => void): Promise<CodeServerProcess> {
  installSignalHandlers();
  const home = scratchDir(`code-server-${name}`);
  const userDataDir = path.join(home, 'user-data');
  const extensionsDir = path.join(home, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(path.join(home, 'empty'), { recursive: true });
  writeUserSettings(userDataDir);
  prepareExtensions(extensionsDir, userDataDir);

  fs.mkdirSync(resultsDir, { recursive: true });
  const logFile = path.join(resultsDir, `code-server-${name}.log`);
  // The free port can be taken between our probe and code-server's bind; then try another.
  for (let attempt = 1; ; attempt++) {
    const server = spawnCodeServer(name, await freePort(), home, extensionsDir, userDataDir, logFile);
    try {
      await poll(
        async () => ((await fetch(`${server.origin}/healthz`)).ok ? true : undefined),
        {
          what: `code-server ${name} on ${server.origin}/healthz (log: ${logFile})`,
          timeoutMs: START_TIMEOUT_MS,
          abort: () => (server.hasExited() ? new Error(`code-server exited early; log:\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}`) : undefined),
        },
      );
      return server;
    } catch (error) {
      await server.stop();
      if (attempt >= 3 || !fs.readFileSync(logFile, 'utf8').includes('EADDRINUSE')) {
        throw error;
      }
    }
  }
}

/** The flags `npm start` uses too (scripts/code-server-flags.json), so both launch the same editor. */
function codeServerFlags(): string[] {
  return (JSON.parse(fs.readFileSync(flagsFile, 'utf8')) as { flags: string[] }).flags;
}

function spawnCodeServer(name: string, port: number, home: string, extensionsDir: string, userDataDir: string, logFile: string): CodeServerProcess {
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      codeServerEntry(),
      ...codeServerFlags(),
      '--bind-addr', `127.0.0.1:${port}`,
      // Keeps code-server from writing ~/.config/code-server/config.yaml.
      '--config', path.join(home, 'config.yaml'),
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      // The folder opened without ?folder=; every test names its own in the URL.
      path.join(home, 'empty'),
    ],
    // Its own process group, so stop() reaches every descendant and a terminal's Ctrl+C does not.
    { detached: true, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  if (child.pid !== undefined) {
    liveGroups.add(child.pid);
  }
  return new CodeServerProcess(name, port, extensionsDir, userDataDir, child);
}

let browser: Promise<Browser> | undefined;
/** One headless Debian Chromium for all editor tests; pages get their own contexts. */
export function sharedBrowser(): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return browser;
}

/**
 * Root-level mocha hooks for every editor test file (registering them twice is harmless):
 * install code-server first, with its own generous timeout (a cold install takes minutes on two
 * cores), and stop everything after the last test of the run.
 */
export function useEditorHarness(): void {
  before(function () {
    this.timeout(20 * 60_000);
    codeServerEntry();
  });
  after(shutdownEditorHarness);
}

/** Stops Chromium and every code-server; safe to call more than once. */
export async function shutdownEditorHarness(): Promise<void> {
  const closing = browser;
  browser = undefined;
  // A browser that never launched has nothing to close; its error was reported where it was used.
  await closing?.then((launched) => launched.close(), () => undefined);
  const starting = [...servers.values()];
  servers.clear();
  for (const result of await Promise.allSettled(starting)) {
    if (result.status === 'fulfilled') {
      await result.value.stop();
    }
  }
  removeScratch();
}

let handlersInstalled = false;
/** Ctrl+C or a kill must not leave detached code-servers behind. */
function installSignalHandlers(): void {
  if (handlersInstalled) {
    return;
  }
  handlersInstalled = true;
  const killAllNow = (): void => {
    for (const pid of liveGroups) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    removeScratch();
  };
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAllNow();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}
