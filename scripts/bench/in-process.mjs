// Phase: pure analysis time in-process, Stagecraft's analyzeDockerfile vs dockerfile-utils' validate.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ROOT } from './options.mjs';
import { DOCKER_DIAGNOSTICS_DEFAULTS, OTHER, OTHER_PACKAGE_DIR, readJson, SERVERS, STAGECRAFT } from './servers.mjs';
import { median } from './stats.mjs';

const require = createRequire(import.meta.url);

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

/**
 * Each analyzer runs in a worker thread of its own: Stagecraft's core tunes dockerfile-ast when
 * it loads (it remembers argument scans), and in one module registry that would speed up the
 * other's validator too, which its server does not get.
 */
function startAnalyzer(kind, texts) {
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { kind, texts } });
  const replies = [];
  const waiting = [];
  worker.on('message', (message) => (waiting.length > 0 ? waiting.shift()(message) : replies.push(message)));
  worker.on('error', (error) => waiting.splice(0).forEach((resolve) => resolve({ fatal: String(error?.stack ?? error) })));
  const next = () => new Promise((resolve) => (replies.length > 0 ? resolve(replies.shift()) : waiting.push(resolve)));
  return {
    ready: next(),
    pass: () => {
      worker.postMessage('pass');
      return next();
    },
    stop: () => worker.terminate(),
  };
}

/** Inside a worker: load one analyzer, then time every file once per `pass` message. */
async function analyzerWorker({ kind, texts }) {
  let analyzer;
  try {
    analyzer = kind === STAGECRAFT.id ? await loadStagecraftCore() : loadOtherValidator();
  } catch (error) {
    parentPort.postMessage({ fatal: String(error?.stack ?? error) });
    return;
  }
  const run = kind === STAGECRAFT.id ? (text) => analyzer.analyzeDockerfile(text).findings.length : (text) => analyzer.validate(text).length;
  parentPort.postMessage({ from: analyzer.from });
  parentPort.on('message', () => {
    const results = texts.map((text) => {
      const start = performance.now();
      try {
        const count = run(text);
        return { ms: performance.now() - start, count };
      } catch (error) {
        return { error: String(error?.stack ?? error).slice(0, 2000) };
      }
    });
    parentPort.postMessage({ results });
  });
}

export async function inProcess(files, options, records, crashes) {
  const texts = files.map((file) => file.text);
  const analyzers = SERVERS.map((server) => ({ server, worker: startAnalyzer(server.id, texts) }));
  const from = {};
  for (const { server, worker } of analyzers) {
    const ready = await worker.ready;
    if (ready.fatal) {
      throw new Error(`in-process ${server.id}: ${ready.fatal}`);
    }
    from[server.id] = ready.from;
  }
  const times = files.map(() => Object.fromEntries(SERVERS.map((server) => [server.id, []])));
  // Pass 0 warms the JIT up and is not timed; passes alternate between the two analyzers.
  for (let pass = 0; pass <= options.passes; pass++) {
    for (const { server, worker } of analyzers) {
      const reply = await worker.pass();
      if (reply.fatal) {
        throw new Error(`in-process ${server.id}: ${reply.fatal}`);
      }
      reply.results.forEach((result, index) => {
        const record = records[index][server.id];
        if (result.error !== undefined) {
          if (!record.analysisError) {
            record.analysisError = result.error;
            crashes.push({ server: server.id, phase: 'in-process', file: files[index].name, error: result.error.split('\n')[0] });
          }
          return;
        }
        record.analysisFindings = result.count;
        if (pass > 0) {
          times[index][server.id].push(result.ms);
        }
      });
    }
  }
  for (const { worker } of analyzers) {
    await worker.stop();
  }
  files.forEach((_, index) => {
    for (const server of SERVERS) {
      if (times[index][server.id].length > 0 && !records[index][server.id].analysisError) {
        records[index][server.id].analysisMs = median(times[index][server.id]);
      }
    }
  });
  return { stagecraftCore: from[STAGECRAFT.id], otherValidator: from[OTHER.id] };
}

if (!isMainThread && workerData?.texts) {
  analyzerWorker(workerData);
}
