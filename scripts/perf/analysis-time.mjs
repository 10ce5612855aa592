// In-process analysis time per file over the corpus, as the bench measures it (a warm-up pass,
// then N passes; each file's median, then the median over files), in this process without a
// worker: `node scripts/perf/analysis-time.mjs [passes]`. Also the median of each file's fastest
// pass, which varies less on a busy machine. CORPUS and ROOT as in dump-findings.mjs.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
const require = createRequire(import.meta.url);
const root = process.env.ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const passes = Number(process.argv[2] ?? 5);
const { loadCorpus } = await import(root + '/scripts/bench/corpus.mjs');
const { analyzeDockerfile } = require(root + '/out/server/src/core/analyze.js');
const { files } = loadCorpus({ corpus: process.env.CORPUS ?? '/work/shared/corpus', files: Infinity });
const texts = files.map((f) => f.text);
const times = texts.map(() => []);
for (let p = 0; p <= passes; p++) {
  texts.forEach((t, i) => { const s = performance.now(); analyzeDockerfile(t); const ms = performance.now() - s; if (p > 0) times[i].push(ms); });
}
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const per = times.map(med).sort((a, b) => a - b);
const mins = times.map((a) => Math.min(...a)).sort((a, b) => a - b);
const sum = per.reduce((a, b) => a + b, 0);
console.log(`min-median ${med(mins).toFixed(3)} ms  median ${med(per).toFixed(3)} ms  p95 ${per[Math.floor(per.length * 0.95)].toFixed(3)} ms  total ${sum.toFixed(0)} ms  (${texts.length} files, ${passes} passes)`);
