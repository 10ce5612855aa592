// The in-process figure of the bench for several analyzers at once, each in a worker of its own,
// passes alternating between them as the bench does, so a busy machine slows them alike:
//   node scripts/perf/compare-in-process.mjs [--rounds N] [--passes N] [--warm N] other /path/to/checkout ...
// `other` is dockerfile-utils' validate() as the bench runs it; a path is a checkout whose out/
// (npx tsc -p .) is analysed (to compare with an older commit: git archive it into a folder,
// link node_modules, build). Each round starts fresh workers, runs --warm untimed passes (the
// bench: 1), then --passes timed ones (the bench: 3); each file's median, then the median over
// files. Prints every round and the median of the rounds. More --warm shows the steady state:
// Stagecraft's code needs several corpus passes before V8 has optimised it all.
// A checkout path may end in `@group,group` to turn rule groups off, to see what each costs:
// `validator` (dockerfile-syntax, dockerfile-utils' checks), `buildkit` (BuildKit's checks),
// `own` (the other rules); e.g. `. .@validator,buildkit .@validator,buildkit,own other`.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { DOCKER_DIAGNOSTICS_DEFAULTS, OTHER_PACKAGE_DIR } from '../bench/servers.mjs';

const HERE = fileURLToPath(import.meta.url);
const RULE_GROUPS = ['validator', 'buildkit', 'own'];
const ROOT = path.resolve(path.dirname(HERE), '..', '..');

if (isMainThread) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at === -1 ? fallback : Number(args.splice(at, 2)[1]);
  };
  const rounds = option('--rounds', 3);
  const passes = option('--passes', 3);
  const warm = option('--warm', 1);
  const kinds = args.length > 0 ? args : ['other', ROOT];
  const { loadCorpus } = await import(path.join(ROOT, 'scripts', 'bench', 'corpus.mjs'));
  const { median, percentile } = await import(path.join(ROOT, 'scripts', 'bench', 'stats.mjs'));
  const texts = loadCorpus({ corpus: process.env.CORPUS ?? '/work/shared/corpus', files: Infinity }).files.map((file) => file.text);
  const medians = new Map(kinds.map((kind) => [kind, []]));
  for (let round = 0; round < rounds; round++) {
    const workers = kinds.map((kind) => startWorker(kind, texts));
    await Promise.all(workers.map((worker) => worker.next()));
    const times = workers.map(() => texts.map(() => []));
    for (let pass = 0; pass < warm + passes; pass++) {
      for (const [index, worker] of workers.entries()) {
        worker.thread.postMessage('pass');
        const { ms } = await worker.next();
        if (pass >= warm) ms.forEach((value, file) => times[index][file].push(value));
      }
    }
    const line = workers.map((worker, index) => {
      const perFile = times[index].map(median);
      medians.get(worker.kind).push(median(perFile));
      const total = perFile.reduce((sum, value) => sum + value, 0);
      return `${label(worker.kind)} ${median(perFile).toFixed(3)} (p95 ${percentile(perFile, 95).toFixed(2)}, total ${total.toFixed(0)})`;
    });
    console.log(`round ${round + 1}: ${line.join(' | ')} ms`);
    await Promise.all(workers.map((worker) => worker.thread.terminate()));
  }
  console.log(`median of ${rounds} rounds (${warm} untimed + ${passes} timed passes): ${kinds.map((kind) => `${label(kind)} ${median(medians.get(kind)).toFixed(3)}`).join(' | ')} ms`);
} else {
  const analyse = loadAnalyzer(workerData.kind);
  parentPort.postMessage('ready');
  parentPort.on('message', () => {
    const ms = workerData.texts.map((text) => {
      const start = performance.now();
      analyse(text);
      return performance.now() - start;
    });
    parentPort.postMessage({ ms });
  });
}

function label(kind) {
  if (kind === 'other') {
    return 'other';
  }
  const { checkout, without } = checkoutOf(kind);
  return path.basename(checkout) + (without.length > 0 ? ` without ${without.join('+')}` : '');
}


/** `path[@group,group]`: the checkout, and the rule groups to turn off. */
function checkoutOf(kind) {
  const at = kind.lastIndexOf('@');
  const without = at > 0 ? kind.slice(at + 1).split(',').filter(Boolean) : [];
  const unknown = without.filter((group) => !RULE_GROUPS.includes(group));
  if (unknown.length > 0) {
    console.error(`unknown rule group ${unknown.join(', ')}: use ${RULE_GROUPS.join(', ')}`);
    process.exit(2);
  }
  return { checkout: path.resolve(at > 0 ? kind.slice(0, at) : kind), without };
}

function startWorker(kind, texts) {
  const thread = new Worker(HERE, { workerData: { kind, texts } });
  const replies = [];
  const waiting = [];
  thread.on('message', (message) => (waiting.length > 0 ? waiting.shift()(message) : replies.push(message)));
  thread.on('error', (error) => {
    console.error(`${kind}: ${error?.stack ?? error}`);
    process.exit(1);
  });
  return { kind, thread, next: () => new Promise((resolve) => (replies.length > 0 ? resolve(replies.shift()) : waiting.push(resolve))) };
}

/** As the bench loads each (scripts/bench/in-process.mjs): the other's validator from its own package. */
function loadAnalyzer(kind) {
  if (kind === 'other') {
    const utils = createRequire(path.join(OTHER_PACKAGE_DIR, 'package.json'))('dockerfile-utils');
    const settings = Object.fromEntries(Object.keys(DOCKER_DIAGNOSTICS_DEFAULTS).map((check) => [check, utils.ValidationSeverity.WARNING]));
    return (text) => utils.validate(text, settings);
  }
  const { checkout, without } = checkoutOf(kind);
  const requireFrom = createRequire(path.join(checkout, 'package.json'));
  const compiled = (module) => requireFrom(path.join(checkout, 'out', 'server', 'src', ...module.split('/')));
  const { analyzeDockerfile } = compiled('core/analyze.js');
  if (without.length === 0) {
    return analyzeDockerfile;
  }
  const { ALL_RULES } = compiled('rules/index.js');
  const buildKitIds = new Set(compiled('rules/buildkit/index.js').BUILDKIT_RULES.map((rule) => rule.id));
  const groupOf = (rule) => (rule.id === 'dockerfile-syntax' ? 'validator' : buildKitIds.has(rule.id) ? 'buildkit' : 'own');
  const ruleSeverities = Object.fromEntries(ALL_RULES.filter((rule) => without.includes(groupOf(rule))).map((rule) => [rule.id, 'off']));
  return (text) => analyzeDockerfile(text, { ruleSeverities });
}
