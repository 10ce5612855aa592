// Command-line options of the benchmark (usage, defaults, parsing), the repository root and `fail`.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

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
  --keystrokes N     single edits on the generated 1 MB file, each waited for (default: 5)
  --large-timeout MS give up on the 1 MB file's diagnostics after MS milliseconds (default: 60000)
  --budget SECONDS   hard limit for the whole run; phases are cut short to meet it (default: 180)
  --out FILE         where to write the JSON results (default: test-results/bench-results.json)`;

export function parseOptions(argv) {
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
    keystrokes: 5,
    largeTimeout: 60_000,
    budget: 180,
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
    '--keystrokes': 'keystrokes',
    '--large-timeout': 'largeTimeout',
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

export function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}
