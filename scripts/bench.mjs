// Benchmarks Stagecraft's language server against dockerfile-language-server-nodejs
// (`docker-langserver`) on the same corpus files in the same run, both over stdio LSP.
//
//   node scripts/bench.mjs [--files N] [--corpus DIR] [--pace MS] [--window N] [--chunk N] [--starts N]
//                          [--burst-rounds N] [--burst-edits N] [--passes N] [--budget SECONDS]
//                          [--file-timeout MS] [--out FILE]
//
// Needs `dist/server.js` (npm run build) and, for the in-process figures, `out/` (npx tsc -p .).
// Measures for each server:
//   - cold start: spawn → `initialize` result;
//   - per file: `didOpen` → first `publishDiagnostics` for that uri (files are paced so that one
//     file's analysis does not queue behind another's; each is closed once measured);
//   - pure analysis time in-process: Stagecraft's `analyzeDockerfile(text)` and the other
//     server's per-document validator, `dockerfile-utils`' `validate(text, settings)`;
//   - change burst: N incremental edits sent back to back, then the time until the diagnostics
//     for the final version arrive;
//   - peak RSS (VmHWM) of the server process.
// Prints a table (median, p95, total, Stagecraft/other ratios) and writes the details as JSON
// to test-results/bench-results.json.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDecoder } from 'node:util';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// Options

const USAGE = `usage: node scripts/bench.mjs [options]
  --files N          measure N corpus files, spread evenly over the manifest (default: all)
  --corpus DIR       corpus directory with manifest.tsv and files/ (default: ../shared/corpus)
  --pace MS          open at most one file every MS milliseconds (default: 20)
  --window N         at most N files waiting for diagnostics at once (default: 32)
  --chunk N          files measured on one server before switching to the other (default: 50)
  --file-timeout MS  give up on a file's diagnostics after MS milliseconds (default: 5000)
  --starts N         cold starts per server (default: 5)
  --passes N         timed in-process passes per file; the median is kept (default: 3)
  --burst-rounds N   change bursts per burst file and server (default: 10)
  --burst-edits N    incremental edits per burst (default: 20)
  --budget SECONDS   hard limit for the whole run; phases are cut short to meet it (default: 150)
  --out FILE         where to write the JSON results (default: test-results/bench-results.json)`;

function parseOptions(argv) {
  const options = {
    files: Infinity,
    corpus: path.resolve(ROOT, '../shared/corpus'),
    pace: 20,
    window: 32,
    chunk: 50,
    fileTimeout: 5000,
    starts: 5,
    passes: 3,
    burstRounds: 10,
    burstEdits: 20,
    budget: 150,
    out: path.join(ROOT, 'test-results', 'bench-results.json'),
  };
  const numeric = {
    '--files': 'files',
    '--pace': 'pace',
    '--window': 'window',
    '--chunk': 'chunk',
    '--file-timeout': 'fileTimeout',
    '--starts': 'starts',
    '--passes': 'passes',
    '--burst-rounds': 'burstRounds',
    '--burst-edits': 'burstEdits',
    '--budget': 'budget',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (flag in numeric) {
      const raw = value();
      const number = Number(raw);
      if (!Number.isFinite(number) || number < 0) {
        fail(`${flag} needs a non-negative number, not ${JSON.stringify(raw)}\n${USAGE}`);
      }
      options[numeric[flag]] = number;
    } else if (flag === '--corpus') {
      options.corpus = path.resolve(value());
    } else if (flag === '--out') {
      options.out = path.resolve(value());
    } else {
      fail(`unknown option ${argv[i]}\n${USAGE}`);
    }
  }
  options.window = Math.max(1, Math.floor(options.window));
  options.chunk = Math.max(1, Math.floor(options.chunk));
  options.burstEdits = Math.max(1, Math.floor(options.burstEdits));
  options.passes = Math.max(1, Math.floor(options.passes));
  return options;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// The two servers and what their clients would configure

const OTHER_PACKAGE_DIR = path.dirname(require.resolve('dockerfile-language-server-nodejs/package.json'));

/** What VS Code answers with the Docker extension's defaults (all "warning", see its README). */
const DOCKER_DIAGNOSTICS_DEFAULTS = {
  deprecatedMaintainer: 'warning',
  directiveCasing: 'warning',
  emptyContinuationLine: 'warning',
  instructionCasing: 'warning',
  instructionCmdMultiple: 'warning',
  instructionEntrypointMultiple: 'warning',
  instructionHealthcheckMultiple: 'warning',
  instructionJSONInSingleQuotes: 'warning',
  instructionWorkdirRelative: 'warning',
};

const SERVERS = [
  {
    id: 'stagecraft',
    label: 'Stagecraft',
    version: readJson(path.join(ROOT, 'package.json')).version,
    command: [process.execPath, path.join(ROOT, 'dist', 'server.js'), '--stdio'],
    debounceMs: 200,
    configuration: { stagecraft: { enable: true, rules: {} } },
  },
  {
    id: 'docker-langserver',
    label: 'docker-langserver',
    version: readJson(path.join(OTHER_PACKAGE_DIR, 'package.json')).version,
    command: [process.execPath, path.join(OTHER_PACKAGE_DIR, 'bin', 'docker-langserver'), '--stdio'],
    debounceMs: 0,
    configuration: {
      'docker.languageserver.diagnostics': DOCKER_DIAGNOSTICS_DEFAULTS,
      'docker.languageserver.formatter': { ignoreMultilineInstructions: false },
    },
  },
];
const [STAGECRAFT, OTHER] = SERVERS;

/** Like VS Code's: pull configuration, dynamic registration, versioned diagnostics, edits. */
const CLIENT_CAPABILITIES = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
    workspaceFolders: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      dynamicRegistration: true,
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.rewrite', 'source'] } },
    },
  },
  window: { workDoneProgress: true, showMessage: {} },
};

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// A minimal LSP client session over stdio

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

class ServerExited extends Error {}
class Timeout extends Error {}

/** Every live server process, so an early exit of the bench does not leave any behind. */
const liveProcesses = new Set();
process.on('exit', () => {
  for (const child of liveProcesses) {
    child.kill('SIGKILL');
  }
});

class Session {
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

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Corpus

function loadCorpus(options) {
  const filesDir = path.join(options.corpus, 'files');
  if (!fs.existsSync(filesDir)) {
    fail(`no corpus at ${filesDir} (use --corpus DIR)`);
  }
  const manifestFile = path.join(options.corpus, 'manifest.tsv');
  let rows;
  if (fs.existsSync(manifestFile)) {
    const [header, ...lines] = fs.readFileSync(manifestFile, 'utf8').split('\n').filter((line) => line.trim() !== '');
    const columns = header.split('\t');
    rows = lines.map((line) => Object.fromEntries(line.split('\t').map((value, i) => [columns[i], value])));
  } else {
    rows = fs.readdirSync(filesDir).sort().map((file) => ({ file }));
  }
  const count = Math.min(rows.length, Math.floor(options.files));
  // Spread a subset evenly over the manifest rather than taking the first N (alphabetical) files.
  const picked = [];
  for (let i = 0; i < count; i++) {
    picked.push(rows[Math.floor((i * rows.length) / count)]);
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const files = [];
  const skipped = [];
  for (const row of picked) {
    const absolute = path.join(filesDir, row.file);
    let bytes;
    try {
      bytes = fs.readFileSync(absolute);
    } catch (error) {
      skipped.push({ file: row.file, reason: `unreadable: ${error.code ?? error.message}` });
      continue;
    }
    let text;
    try {
      text = decoder.decode(bytes);
    } catch {
      skipped.push({ file: row.file, reason: 'not UTF-8' });
      continue;
    }
    files.push({
      name: row.file,
      uri: pathToFileURL(absolute).href,
      text,
      bytes: bytes.length,
      lines: text.split(/\r\n|\r|\n/).length,
      stages: row.stages === undefined ? undefined : Number(row.stages),
      ecosystem: row.ecosystem,
    });
  }
  return { manifestRows: rows.length, picked: picked.length, files, skipped };
}

// ---------------------------------------------------------------------------------------------
// Phases

async function coldStarts(options, deadline) {
  const samples = Object.fromEntries(SERVERS.map((server) => [server.id, { ms: [], rssKb: [] }]));
  for (let round = 0; round < options.starts && performance.now() < deadline; round++) {
    // Alternate which server starts first, so neither always gets the warmer file cache.
    const order = round % 2 === 0 ? SERVERS : [...SERVERS].reverse();
    for (const server of order) {
      const session = await Session.start(server);
      samples[server.id].ms.push(session.coldStartMs);
      const memory = session.memory();
      if (memory?.rssKb !== undefined) {
        samples[server.id].rssKb.push(memory.rssKb);
      }
      await session.shutdown();
    }
  }
  return samples;
}

/** Loads Stagecraft's core as compiled by `tsc -p .` (out/), or bundles it from source if absent. */
async function loadStagecraftCore() {
  const compiled = path.join(ROOT, 'out', 'server', 'src', 'core', 'analyze.js');
  if (fs.existsSync(compiled)) {
    const stale = newestMtime(path.join(ROOT, 'server', 'src')) > fs.statSync(compiled).mtimeMs;
    return {
      analyzeDockerfile: require(compiled).analyzeDockerfile,
      from: path.relative(ROOT, compiled) + (stale ? ' (older than server/src: run npx tsc -p .)' : ''),
    };
  }
  const esbuild = await import('esbuild');
  const bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-bench-')), 'analyze.cjs');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'server', 'src', 'core', 'analyze.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'warning',
  });
  return { analyzeDockerfile: require(bundle).analyzeDockerfile, from: 'server/src/core/analyze.ts (bundled by esbuild; out/ is missing)' };
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The other server's per-document work: dockerfile-utils' validate with the settings it uses. */
function loadOtherValidator() {
  // Resolve from the other server's package, so this is the very copy it loads.
  const requireFromOther = createRequire(path.join(OTHER_PACKAGE_DIR, 'package.json'));
  const utils = requireFromOther('dockerfile-utils');
  const warning = utils.ValidationSeverity.WARNING;
  const settings = Object.fromEntries(Object.keys(DOCKER_DIAGNOSTICS_DEFAULTS).map((key) => [key, warning]));
  const version = readJson(requireFromOther.resolve('dockerfile-utils/package.json')).version;
  return { validate: (text) => utils.validate(text, settings), from: `dockerfile-utils ${version} validate()` };
}

async function inProcess(files, options, records, crashes) {
  const core = await loadStagecraftCore();
  const other = loadOtherValidator();
  const analyzers = [
    { server: STAGECRAFT, run: (text) => core.analyzeDockerfile(text).findings.length },
    { server: OTHER, run: (text) => other.validate(text).length },
  ];
  const times = files.map(() => Object.fromEntries(SERVERS.map((server) => [server.id, []])));
  // Pass 0 warms the JIT up and is not timed; files alternate between the two analyzers.
  for (let pass = 0; pass <= options.passes; pass++) {
    files.forEach((file, index) => {
      for (const { server, run } of analyzers) {
        const record = records[index][server.id];
        if (record.analysisError) {
          continue;
        }
        const start = performance.now();
        try {
          const count = run(file.text);
          const elapsed = performance.now() - start;
          if (pass > 0) {
            times[index][server.id].push(elapsed);
          }
          record.analysisFindings = count;
        } catch (error) {
          record.analysisError = String(error?.stack ?? error).slice(0, 2000);
          crashes.push({ server: server.id, phase: 'in-process', file: file.name, error: String(error?.message ?? error) });
        }
      }
    });
  }
  files.forEach((_, index) => {
    for (const server of SERVERS) {
      if (times[index][server.id].length > 0) {
        records[index][server.id].analysisMs = median(times[index][server.id]);
      }
    }
  });
  return { stagecraftCore: core.from, otherValidator: other.from };
}

/**
 * didOpen → first publishDiagnostics, file by file, each closed once measured. A file is opened
 * only when (a) `pace` ms have passed since the previous one — longer after a file that was slow
 * to analyse in-process — and (b) every file opened more than the server's debounce ago has got
 * its diagnostics. So no file's time includes queueing behind another file's analysis: the other
 * server (no debounce) gets one file at a time; Stagecraft gets new files during its debounce.
 */
class PerFileRunner {
  constructor(server, files, options, records, crashes) {
    Object.assign(this, { server, files, options, records, crashes });
    this.sessions = [];
    this.inflight = new Set();
    this.suspects = new Set();
    this.nextOpenAt = 0;
    this.measured = 0;
  }

  async start() {
    this.session = await Session.start(this.server);
    this.sessions.push(this.session);
  }

  async measure(indexes, deadline) {
    for (const index of indexes) {
      if (performance.now() >= deadline) {
        break;
      }
      await this.waitForTurn();
      if (this.session.dead) {
        await Promise.allSettled([...this.inflight].map((entry) => entry.done));
        await this.start();
      }
      this.open(index);
    }
    await Promise.allSettled([...this.inflight].map((entry) => entry.done));
  }

  async waitForTurn() {
    const debounce = this.server.debounceMs;
    for (;;) {
      const now = performance.now();
      const entries = [...this.inflight];
      const blocking = entries.filter((entry) => now - entry.openedAt >= debounce);
      const full = entries.length >= this.options.window;
      if (blocking.length === 0 && !full && now >= this.nextOpenAt) {
        return;
      }
      const wakeAt = Math.min(this.nextOpenAt, ...entries.map((entry) => entry.openedAt + debounce).filter((at) => at > now));
      const waits = (full ? entries : blocking).map((entry) => entry.done);
      if (Number.isFinite(wakeAt) && wakeAt > now) {
        waits.push(sleep(Math.max(1, wakeAt - now)));
      }
      await Promise.race(waits.length > 0 ? waits : [sleep(1)]);
    }
  }

  open(index) {
    const file = this.files[index];
    const record = this.records[index][this.server.id];
    const session = this.session;
    const waiting = session.waitForDiagnostics(file.uri, () => true, this.options.fileTimeout);
    const openedAt = performance.now();
    // A file that took long in-process delays the next open, so that one does not queue behind it.
    const predicted = Math.max(record.analysisMs ?? 0, this.records[index][STAGECRAFT.id].analysisMs ?? 0, this.records[index][OTHER.id].analysisMs ?? 0);
    this.nextOpenAt = openedAt + Math.max(this.options.pace, 4 * predicted + 5);
    this.measured++;
    void session.notify('textDocument/didOpen', { textDocument: { uri: file.uri, languageId: 'dockerfile', version: 1, text: file.text } });
    const entry = { openedAt };
    entry.done = waiting
      .then(({ params, time }) => {
        record.openToDiagnosticsMs = time - openedAt;
        record.diagnostics = params.diagnostics.length;
      })
      .catch((error) => {
        if (error instanceof ServerExited) {
          record.lspError = 'server exited';
          this.suspects.add(index);
        } else {
          record.lspError = 'timeout';
        }
      })
      .finally(() => {
        void session.notify('textDocument/didClose', { textDocument: { uri: file.uri } });
        this.inflight.delete(entry);
      });
    this.inflight.add(entry);
  }

  /** Peak RSS over the sessions still alive; crash reports; which suspect file crashes it alone. */
  async finish(deadline) {
    let peakKb = 0;
    for (const session of this.sessions) {
      if (!session.dead) {
        peakKb = Math.max(peakKb, session.memory()?.peakKb ?? 0);
      } else {
        this.crashes.push({ server: this.server.id, phase: 'didOpen', exit: session.exit, stderr: session.stderr.slice(-2000) });
      }
    }
    for (const index of [...this.suspects].slice(0, 20)) {
      if (performance.now() >= deadline) {
        break;
      }
      const file = this.files[index];
      const probe = await Session.start(this.server);
      const waiting = probe.waitForDiagnostics(file.uri, () => true, this.options.fileTimeout);
      void probe.notify('textDocument/didOpen', { textDocument: { uri: file.uri, languageId: 'dockerfile', version: 1, text: file.text } });
      const outcome = await waiting.then(
        () => 'ok',
        (error) => (error instanceof ServerExited ? 'server exited' : 'timeout'),
      );
      if (outcome !== 'ok') {
        this.crashes.push({ server: this.server.id, phase: 'didOpen (alone)', file: file.name, outcome, stderr: probe.stderr.slice(-2000) });
      }
      await probe.shutdown();
    }
    return { measured: this.measured, restarts: this.sessions.length - 1, peakKb };
  }
}

/** Opens `file`, waits for its diagnostics, sends `edits` one-character edits back to back and
 *  waits for the diagnostics of the final version. */
async function burst(session, file, round, options) {
  const uri = `${file.uri}.burst-${round}`;
  const opened = session.waitForDiagnostics(uri, () => true, options.fileTimeout);
  await session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: file.text } });
  await opened;

  // Type a comment on a new last line: neutral for both servers' rules.
  const typed = '\n# typing burst 0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, options.burstEdits);
  const lines = file.text.split(/\r\n|\r|\n/);
  let line = lines.length - 1;
  let character = lines[line].length;
  const finalVersion = 1 + typed.length;
  let publishes = 0;
  // A server that does not put `version` in publishDiagnostics (docker-langserver) validates
  // every change in order, so its publish number `edits` is the final version's.
  const final = session.waitForDiagnostics(
    uri,
    (params) => {
      publishes++;
      return params.version === finalVersion || (params.version === undefined && publishes >= typed.length);
    },
    // The other server validates every version, so allow for `edits` analyses of this file.
    options.fileTimeout + typed.length * (4 * (file.predictedMs ?? 0) + 20),
  );
  const firstEditAt = performance.now();
  const sends = [];
  for (let i = 0; i < typed.length; i++) {
    const position = { line, character };
    sends.push(
      session.notify('textDocument/didChange', {
        textDocument: { uri, version: 2 + i },
        contentChanges: [{ range: { start: position, end: position }, text: typed[i] }],
      }),
    );
    if (typed[i] === '\n') {
      line++;
      character = 0;
    } else {
      character++;
    }
  }
  const lastEditAt = performance.now();
  await Promise.all(sends);
  const { params, time } = await final;
  await session.notify('textDocument/didClose', { textDocument: { uri } });
  return {
    afterLastEditMs: time - lastEditAt,
    afterFirstEditMs: time - firstEditAt,
    publishes,
    version: params.version,
  };
}

async function bursts(server, session, burstFiles, options, deadline) {
  const results = Object.fromEntries(burstFiles.map(({ kind }) => [kind, []]));
  for (let round = 0; round < options.burstRounds; round++) {
    for (const { kind, file } of burstFiles) {
      if (performance.now() >= deadline || session.dead) {
        return results;
      }
      try {
        results[kind].push(await burst(session, file, round, options));
      } catch (error) {
        results[kind].push({ error: String(error?.message ?? error) });
      }
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Statistics and output

function sorted(values) {
  return [...values].sort((a, b) => a - b);
}

function median(values) {
  const s = sorted(values);
  if (s.length === 0) {
    return undefined;
  }
  const middle = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[middle] : (s[middle - 1] + s[middle]) / 2;
}

/** Nearest-rank percentile. */
function percentile(values, p) {
  const s = sorted(values);
  return s.length === 0 ? undefined : s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

function summarize(values) {
  const numbers = values.filter((value) => typeof value === 'number' && Number.isFinite(value));
  return {
    n: numbers.length,
    median: median(numbers),
    p95: percentile(numbers, 95),
    max: numbers.length ? Math.max(...numbers) : undefined,
    total: numbers.reduce((sum, value) => sum + value, 0),
  };
}

function format(value, digits = 1) {
  if (value === undefined || value === null || Number.isNaN(value)) {
    return '–';
  }
  if (Math.abs(value) >= 1000) {
    return value.toFixed(0);
  }
  return value.toFixed(Math.abs(value) < 1 ? 3 : Math.abs(value) < 10 ? 2 : digits);
}

function ratio(a, b) {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

function renderTable(rows) {
  const ratioCell = (x, y) => {
    const r = ratio(x, y);
    return r === undefined ? '–' : `${r.toFixed(r < 10 ? 2 : 1)}×`;
  };
  const body = rows.map((row) => {
    const a = row.stagecraft;
    const b = row.other;
    const cells = (s) => [format(s.median), format(s.p95), row.noTotal ? '' : format(s.total)];
    return [
      `${row.label} (n=${a.n === b.n ? a.n : `${a.n}/${b.n}`})`,
      ...cells(a),
      ...cells(b),
      ratioCell(a.median, b.median),
      ratioCell(a.p95, b.p95),
      row.noTotal ? '' : ratioCell(a.total, b.total),
    ];
  });
  const columns = ['Figure', 'median', 'p95', 'total', 'median', 'p95', 'total', 'median', 'p95', 'total'];
  const groups = [`${STAGECRAFT.label} ${STAGECRAFT.version}`, `${OTHER.label} ${OTHER.version}`, 'Stagecraft / other'];
  const all = [columns, ...body];
  const widths = columns.map((_, column) => Math.max(...all.map((row) => String(row[column]).length)));
  // Each group title spans three columns; widen its last column if the title is longer.
  const groupWidth = (group) => widths.slice(1 + 3 * group, 4 + 3 * group).reduce((sum, width) => sum + width, 0) + 4;
  groups.forEach((title, group) => {
    widths[3 + 3 * group] += Math.max(0, title.length - groupWidth(group));
  });
  const line = (row) =>
    row.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[0]) : String(cell).padStart(widths[column]))).join('  ');
  const title = [''.padEnd(widths[0]), ...groups.map((group, index) => group.padStart(groupWidth(index)))].join('  ');
  const header = line(columns);
  return [title, header, '-'.repeat(header.length), ...body.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const deadline = started + options.budget * 1000;
  for (const server of SERVERS) {
    if (!fs.existsSync(server.command[1])) {
      fail(`${server.command[1]} is missing${server === STAGECRAFT ? ' (run npm run build)' : ' (npm install)'}`);
    }
  }

  const corpus = loadCorpus(options);
  const { files } = corpus;
  if (files.length === 0) {
    fail('no UTF-8 corpus files to measure');
  }
  const log = (message) => process.stderr.write(`bench: ${message}\n`);
  log(
    `${files.length} files from ${path.relative(process.cwd(), options.corpus) || '.'}` +
      ` (${corpus.skipped.length} skipped as not UTF-8 / unreadable); budget ${options.budget} s`,
  );
  const records = files.map((file) => ({
    file: file.name,
    bytes: file.bytes,
    lines: file.lines,
    stages: file.stages,
    ecosystem: file.ecosystem,
    ...Object.fromEntries(SERVERS.map((server) => [server.id, {}])),
  }));
  const crashes = [];

  log('cold starts…');
  const cold = await coldStarts(options, started + options.budget * 1000 * 0.1);

  log('in-process analysis…');
  const analysis = await inProcess(files, options, records, crashes);

  // What is left of the budget: both servers' per-file phases, then bursts and shutdowns.
  const bySize = [...files].sort((a, b) => a.bytes - b.bytes);
  const burstFiles = [
    { kind: 'median-size file', file: bySize[Math.floor((bySize.length - 1) / 2)] },
    { kind: 'largest file', file: bySize[bySize.length - 1] },
  ].filter((entry, i, all) => all.findIndex((other) => other.file === entry.file) === i);
  // Expected burst time: per round, Stagecraft waits out its debounce twice (open, burst) and the
  // other server analyses the file once per edit; both also analyse it on open.
  for (const { file } of burstFiles) {
    const index = files.indexOf(file);
    file.predictedMs = Math.max(...SERVERS.map((server) => records[index][server.id].analysisMs ?? 0));
  }
  const burstReserveMs =
    5000 +
    options.burstRounds *
      burstFiles.reduce((sum, { file }) => sum + 2 * STAGECRAFT.debounceMs + 100 + (options.burstEdits + 3) * 2 * file.predictedMs, 0);

  // didOpen: the files in chunks, alternating between the servers (and which goes first), so
  // that noise from the rest of the machine falls on both alike. Each server idles meanwhile.
  const runners = SERVERS.map((server) => new PerFileRunner(server, files, options, records, crashes));
  for (const runner of runners) {
    await runner.start();
  }
  log(`didOpen → diagnostics: ${files.length} files, chunks of ${options.chunk} alternating between the servers…`);
  // Whatever the budget, keep some of what is left for the bursts.
  const burstShareMs = Math.min(burstReserveMs, 0.4 * (deadline - performance.now()));
  const perFileDeadline = deadline - burstShareMs;
  for (let from = 0, chunk = 0; from < files.length && performance.now() < perFileDeadline; from += options.chunk, chunk++) {
    const indexes = files.slice(from, from + options.chunk).map((_, i) => from + i);
    for (const runner of chunk % 2 === 0 ? runners : [...runners].reverse()) {
      await runner.measure(indexes, perFileDeadline);
    }
  }

  const lsp = {};
  for (const [position, runner] of runners.entries()) {
    const server = runner.server;
    // Each server gets an equal share of the time that is left.
    const share = (deadline - performance.now()) / (SERVERS.length - position);
    const run = await runner.finish(performance.now() + share / 4);
    log(`${server.label}: change bursts…`);
    const burstDeadline = deadline - (SERVERS.length - position - 1) * share;
    let session = runner.session;
    if (session.dead) {
      session = await Session.start(server);
    }
    const burstResults = await bursts(server, session, burstFiles, options, burstDeadline);
    const memory = session.memory();
    await session.shutdown();
    lsp[server.id] = {
      measured: run.measured,
      restarts: run.restarts,
      peakRssKb: Math.max(run.peakKb, memory?.peakKb ?? 0) || undefined,
      bursts: burstResults,
    };
  }

  // Figures
  const figure = (label, pick, extra = {}) => ({
    label,
    stagecraft: summarize(pick(STAGECRAFT.id)),
    other: summarize(pick(OTHER.id)),
    ...extra,
  });
  const openLatency = (id) => records.map((record) => record[id].openToDiagnosticsMs);
  const rows = [
    figure('cold start → initialize result, ms', (id) => cold[id].ms),
    figure('RSS after initialize, MB', (id) => cold[id].rssKb.map((kb) => kb / 1024), { noTotal: true }),
    figure('didOpen → first diagnostics, ms', openLatency),
    figure(`  same minus Stagecraft's ${STAGECRAFT.debounceMs} ms debounce, ms`, (id) =>
      openLatency(id).map((ms) => (ms === undefined ? undefined : ms - (id === STAGECRAFT.id ? STAGECRAFT.debounceMs : 0))),
    ),
    figure('in-process analysis per file, ms', (id) => records.map((record) => record[id].analysisMs)),
  ];
  for (const { kind } of burstFiles) {
    const size = burstFiles.find((entry) => entry.kind === kind).file.bytes;
    const pick = (key) => (id) => lsp[id].bursts[kind].map((result) => result[key]);
    rows.push(
      figure(`${options.burstEdits}-edit burst, ${kind} (${(size / 1024).toFixed(1)} KiB): last edit → final diagnostics, ms`, pick('afterLastEditMs'), {
        noTotal: true,
      }),
      figure(`  first edit → final diagnostics, ms`, pick('afterFirstEditMs'), { noTotal: true }),
      figure(`  publishDiagnostics per burst`, pick('publishes'), { noTotal: true }),
    );
  }
  rows.push(figure('peak RSS (VmHWM) of the server process, MB', (id) => [lsp[id].peakRssKb / 1024], { noTotal: true }));

  const timeouts = Object.fromEntries(
    SERVERS.map((server) => [server.id, records.filter((record) => record[server.id].lspError === 'timeout').map((record) => record.file)]),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const notes = [
    `corpus: ${path.relative(process.cwd(), options.corpus) || '.'} — ${corpus.manifestRows} in manifest, ${corpus.picked} selected, ${files.length} measured, ${corpus.skipped.length} skipped (${corpus.skipped.map((s) => `${s.file}: ${s.reason}`).join('; ') || 'none'})`,
    `didOpen measured: ${SERVERS.map((server) => `${server.label} ${lsp[server.id].measured}/${files.length}`).join(', ')}${SERVERS.some((server) => lsp[server.id].measured < files.length) ? ' (cut short by --budget)' : ''}; a file opened at most every ${options.pace} ms and only once the server had answered for every file past its debounce; closed once its diagnostics arrived`,
    `timeouts (> ${options.fileTimeout} ms): ${SERVERS.map((server) => `${server.label} ${timeouts[server.id].length}`).join(', ')}`,
    `server restarts after a crash: ${SERVERS.map((server) => `${server.label} ${lsp[server.id].restarts}`).join(', ')}`,
    `crashes: ${crashes.length === 0 ? 'none' : crashes.map((c) => `${c.server} ${c.phase}${c.file ? ` ${c.file}` : ''}${c.error ? `: ${c.error}` : ''}`).join('; ')}`,
    `in-process: Stagecraft ${analysis.stagecraftCore}; other: ${analysis.otherValidator}; median of ${options.passes} timed passes after 1 warm-up`,
    `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()} ${os.release()}; run took ${elapsedS.toFixed(1)} s`,
  ];

  console.log(renderTable(rows));
  console.log('');
  for (const note of notes) {
    console.log(note);
  }

  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(
    options.out,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        environment: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, platform: `${os.platform()} ${os.release()}` },
        options: { ...options, files: Number.isFinite(options.files) ? options.files : 'all' },
        servers: SERVERS.map(({ id, label, version, command, debounceMs, configuration }) => ({
          id,
          label,
          version,
          command: command.map((part) => (path.isAbsolute(part) ? path.relative(ROOT, part) : part)),
          debounceMs,
          configuration,
        })),
        elapsedSeconds: elapsedS,
        corpus: { dir: path.relative(ROOT, options.corpus), manifestRows: corpus.manifestRows, selected: corpus.picked, measured: files.length, skipped: corpus.skipped },
        summary: rows.map((row) => ({ figure: row.label.trim(), stagecraft: row.stagecraft, other: row.other })),
        coldStarts: cold,
        analysisSources: analysis,
        lsp,
        burstFiles: burstFiles.map(({ kind, file }) => ({ kind, file: file.name, bytes: file.bytes })),
        timeouts,
        crashes,
        files: records,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`results: ${path.relative(process.cwd(), options.out)}`);
}

main().catch((error) => {
  console.error(error?.stack ?? error);
  process.exit(1);
});
