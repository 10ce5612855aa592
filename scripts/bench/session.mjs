// A minimal LSP client session over stdio (one server process), with process tracking and timeouts.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { pathToFileURL } from 'node:url';
import { ROOT } from './options.mjs';
import { CLIENT_CAPABILITIES } from './servers.mjs';

const require = createRequire(import.meta.url);

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

export class ServerExited extends Error {}
class Timeout extends Error {}

/** Every live server process, so an early exit of the bench does not leave any behind. */
const liveProcesses = new Set();
process.on('exit', () => {
  for (const child of liveProcesses) {
    child.kill('SIGKILL');
  }
});

export class Session {
  constructor(server) {
    this.server = server;
    this.dead = false;
    this.exit = undefined;
    this.stderr = '';
    /** uri → [{ accept(params) → boolean, resolve, reject, timer }] */
    this.waiters = new Map();
    this.spawnedAt = performance.now();
    const [command, ...args] = server.command;
    this.process = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    liveProcesses.add(this.process);
    this.exited = new Promise((resolve) => {
      this.process.on('exit', (code, signal) => {
        liveProcesses.delete(this.process);
        this.dead = true;
        this.exit = { code, signal };
        this.rejectAll(new ServerExited(`${server.label} exited (code ${code}, signal ${signal})`));
        resolve();
      });
    });
    this.process.on('error', (error) => {
      this.stderr += `spawn error: ${error.message}\n`;
    });
    this.process.stderr.on('data', (chunk) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-8000);
    });
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout),
      new StreamMessageWriter(this.process.stdin),
    );
    this.connection.onError(() => undefined);
    this.connection.onClose(() => this.rejectAll(new ServerExited(`${server.label} closed the connection`)));
    this.connection.onRequest('workspace/configuration', (params) =>
      params.items.map((item) => server.configuration[item.section ?? ''] ?? null),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.onRequest('workspace/applyEdit', () => ({ applied: false }));
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('window/showMessage', () => undefined);
    this.connection.onNotification('telemetry/event', () => undefined);
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => this.published(params, performance.now()));
    this.connection.listen();
  }

  /** Spawns the server and completes the handshake; `coldStartMs` is spawn → initialize result. */
  static async start(server, timeoutMs = 10_000) {
    const session = new Session(server);
    try {
      const result = await withTimeout(
        Promise.race([
          session.connection.sendRequest('initialize', {
            processId: process.pid,
            clientInfo: { name: 'stagecraft-bench' },
            rootUri: pathToFileURL(ROOT).href,
            workspaceFolders: [{ uri: pathToFileURL(ROOT).href, name: 'stagecraft' }],
            capabilities: CLIENT_CAPABILITIES,
            initializationOptions: {},
          }),
          session.exited.then(() => {
            throw new ServerExited(`${server.label} exited during initialize:\n${session.stderr}`);
          }),
        ]),
        timeoutMs,
        `${server.label} did not answer initialize`,
      );
      session.coldStartMs = performance.now() - session.spawnedAt;
      session.capabilities = result.capabilities;
      await session.connection.sendNotification('initialized', {});
      return session;
    } catch (error) {
      session.kill();
      throw error;
    }
  }

  published(params, time) {
    const waiters = this.waiters.get(params.uri);
    if (!waiters) {
      return;
    }
    for (const waiter of [...waiters]) {
      if (waiter.accept(params)) {
        this.removeWaiter(params.uri, waiter);
        waiter.resolve({ params, time });
      }
    }
  }

  /** Resolves with the first publishDiagnostics for `uri` that `accept` takes (register before sending). */
  waitForDiagnostics(uri, accept, timeoutMs) {
    if (this.dead) {
      return Promise.reject(new ServerExited(`${this.server.label} is not running`));
    }
    return new Promise((resolve, reject) => {
      const waiter = { accept, resolve, reject };
      waiter.timer = setTimeout(() => {
        this.removeWaiter(uri, waiter);
        reject(new Timeout(`no diagnostics for ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      const list = this.waiters.get(uri) ?? [];
      list.push(waiter);
      this.waiters.set(uri, list);
    });
  }

  removeWaiter(uri, waiter) {
    clearTimeout(waiter.timer);
    const list = this.waiters.get(uri);
    if (list) {
      list.splice(list.indexOf(waiter) >>> 0, 1);
      if (list.length === 0) {
        this.waiters.delete(uri);
      }
    }
  }

  rejectAll(error) {
    for (const [uri, list] of [...this.waiters]) {
      for (const waiter of [...list]) {
        this.removeWaiter(uri, waiter);
        waiter.reject(error);
      }
    }
  }

  notify(method, params) {
    if (this.dead) {
      return Promise.resolve();
    }
    return this.connection.sendNotification(method, params).catch(() => undefined);
  }

  /** VmHWM (peak) and VmRSS of the server process in kB, from /proc; undefined elsewhere. */
  memory() {
    try {
      const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const field = (name) => {
        const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
        return match ? Number(match[1]) : undefined;
      };
      return { peakKb: field('VmHWM'), rssKb: field('VmRSS') };
    } catch {
      return undefined;
    }
  }

  async shutdown() {
    if (!this.dead) {
      try {
        await withTimeout(this.connection.sendRequest('shutdown'), 2000, 'shutdown');
        await this.notify('exit');
        await withTimeout(this.exited, 2000, 'exit');
      } catch {
        this.kill();
      }
    }
    this.connection.dispose();
  }

  kill() {
    if (!this.dead) {
      this.process.kill('SIGKILL');
    }
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Timeout(`${what}: timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
