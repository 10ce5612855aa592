// Loads the corpus: manifest rows, an evenly spread subset of --files, UTF-8 texts (others skipped).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDecoder } from 'node:util';
import { fail } from './options.mjs';

export function loadCorpus(options) {
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
