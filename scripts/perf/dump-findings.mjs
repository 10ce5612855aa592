// Every finding (rule, severity, range, message, fixes with their edits) for every corpus file, as
// JSON, so that a performance change can be checked for unchanged findings:
//   npx tsc -p . && node scripts/perf/dump-findings.mjs before.json   (change, rebuild, again, cmp)
// `today` is fixed so that date-dependent rules do not differ between runs. CORPUS: default
// /work/shared/corpus; ROOT: the checkout whose out/ is analysed (default this one).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const root = process.env.ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { loadCorpus } = await import(root + '/scripts/bench/corpus.mjs');
const { analyzeDockerfile } = require(root + '/out/server/src/core/analyze.js');
const { files } = loadCorpus({ corpus: process.env.CORPUS ?? '/work/shared/corpus', files: Infinity });
const out = {};
for (const file of files) {
  out[file.name] = analyzeDockerfile(file.text, { today: '2026-12-06' }).findings;
}
fs.writeFileSync(process.argv[2], JSON.stringify(out, null, 1));
console.log(files.length, 'files');
