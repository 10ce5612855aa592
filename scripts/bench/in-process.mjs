// Phase: pure analysis time in-process, Stagecraft's analyzeDockerfile vs dockerfile-utils' validate.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
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

export async function inProcess(files, options, records, crashes) {
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
