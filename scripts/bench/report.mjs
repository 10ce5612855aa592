// Output: the figures (table rows), the table, the notes under it and the JSON results file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './options.mjs';
import { OTHER, SERVERS, STAGECRAFT } from './servers.mjs';
import { summarize } from './stats.mjs';

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

export function renderTable(rows) {
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

/** The table's rows: each figure summarized for both servers. */
export function figureRows({ options, records, cold, lsp, burstFiles, large }) {
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
    figure('didOpen → first diagnostics, ms', openLatency, { key: 'didOpen' }),
    figure('in-process analysis per file, ms', (id) => records.map((record) => record[id].analysisMs), { key: 'analysis' }),
  ];
  for (const { kind } of burstFiles) {
    const size = burstFiles.find((entry) => entry.kind === kind).file.bytes;
    const pick = (key) => (id) => lsp[id].bursts[kind].map((result) => result[key]);
    rows.push(
      figure(`${options.burstEdits}-edit burst, ${kind} (${(size / 1024).toFixed(1)} KiB): last edit → final diagnostics, ms`, pick('afterLastEditMs'), {
        noTotal: true,
        key: `burst ${kind}`,
      }),
      figure(`  first edit → final diagnostics, ms`, pick('afterFirstEditMs'), { noTotal: true }),
      figure(`  publishDiagnostics per burst`, pick('publishes'), { noTotal: true }),
    );
  }
  rows.push(
    figure(
      `keystroke on a generated ${(large.bytes / 1e6).toFixed(1)} MB file (${large.lines} lines, ${large.stages} stages): edit → its diagnostics, ms`,
      (id) => lsp[id].keystrokes.keystrokeMs,
      { noTotal: true, key: 'keystroke' },
    ),
    figure('  didOpen → first diagnostics, same file, ms', (id) => [lsp[id].keystrokes.openMs], { noTotal: true }),
  );
  rows.push(
    figure('peak RSS (VmHWM) of the server process, MB', (id) => [lsp[id].peakRssKb / 1024], { noTotal: true, key: 'memory' }),
    figure('  the same before the 1 MB file (corpus and bursts only), MB', (id) => [lsp[id].peakRssBeforeLargeKb / 1024], { noTotal: true, key: 'memory-corpus' }),
  );
  return rows;
}

/** Issue #12's targets, each said plainly: holds or misses, with the figures compared. */
export function targetLines(rows, lsp) {
  const row = (key) => rows.find((candidate) => candidate.key === key);
  const ms = (value) => format(value);
  const check = (label, holds, detail) => `target ${holds ? 'holds ' : 'MISSED'}  ${label}: ${detail}`;
  const notSlower = (key, label, withP95) => {
    const found = row(key);
    if (!found) {
      return check(label, false, 'not measured');
    }
    const { stagecraft: a, other: b } = found;
    const holds = a.median <= b.median && (!withP95 || a.p95 <= b.p95);
    const p95 = withP95 ? `, p95 ${ms(a.p95)} vs ${ms(b.p95)}` : '';
    return check(label, holds, `median ${ms(a.median)} vs ${ms(b.median)}${p95}`);
  };
  const keystroke = row('keystroke');
  const fully = SERVERS.every((server) => lsp[server.id].keystrokes.fullyAnalysed);
  const memory = row('memory');
  const memoryCorpus = row('memory-corpus');
  return [
    'Targets of issue #12 (Stagecraft vs the other server, same run):',
    notSlower('didOpen', 'didOpen → diagnostics no slower, median and p95 (ms)', true),
    notSlower('burst median-size file', '20-edit burst on the median file no slower, median and p95 (ms)', true),
    notSlower('analysis', 'in-process analysis per file no slower at the median (ms)', false),
    keystroke
      ? check(
          'a keystroke on the generated 1 MB file at most 1/10 of the other\'s, fully analysed',
          keystroke.stagecraft.median <= keystroke.other.median / 10 && fully,
          `median ${ms(keystroke.stagecraft.median)} vs ${ms(keystroke.other.median)} ms (${ms(keystroke.stagecraft.median / keystroke.other.median)}×), fully analysed: ${fully ? 'yes' : 'no'}`,
        )
      : check('keystroke on the generated 1 MB file', false, 'not measured'),
    memory
      ? check('peak memory no higher', memory.stagecraft.median <= memory.other.median, `${ms(memory.stagecraft.median)} vs ${ms(memory.other.median)} MB`)
      : check('peak memory no higher', false, 'not measured'),
    memoryCorpus
      ? check(
          'peak memory no higher before the 1 MB file',
          memoryCorpus.stagecraft.median <= memoryCorpus.other.median,
          `${ms(memoryCorpus.stagecraft.median)} vs ${ms(memoryCorpus.other.median)} MB`,
        )
      : check('peak memory no higher before the 1 MB file', false, 'not measured'),
  ];
}

/** The files whose diagnostics did not arrive within --file-timeout, per server id. */
export function timeoutsByServer(records) {
  return Object.fromEntries(
    SERVERS.map((server) => [server.id, records.filter((record) => record[server.id].lspError === 'timeout').map((record) => record.file)]),
  );
}

/** The lines printed under the table. */
export function runNotes({ options, corpus, files, lsp, timeouts, crashes, analysis, elapsedS }) {
  return [
    `corpus: ${path.relative(process.cwd(), options.corpus) || '.'} — ${corpus.manifestRows} in manifest, ${corpus.picked} selected, ${files.length} measured, ${corpus.skipped.length} skipped (${corpus.skipped.map((s) => `${s.file}: ${s.reason}`).join('; ') || 'none'})`,
    `didOpen measured: ${SERVERS.map((server) => `${server.label} ${lsp[server.id].measured}/${files.length}`).join(', ')}${SERVERS.some((server) => lsp[server.id].measured < files.length) ? ' (cut short by --budget)' : ''}; a file opened at most every ${options.pace} ms and only once the server had answered for every file opened before; closed once its diagnostics arrived`,
    `generated 1 MB file fully analysed (no file-not-analyzed): ${SERVERS.map((server) => `${server.label} ${lsp[server.id].keystrokes.error ? `error: ${lsp[server.id].keystrokes.error}` : lsp[server.id].keystrokes.fullyAnalysed ? 'yes' : 'no'}`).join(', ')}`,
    `timeouts (> ${options.fileTimeout} ms): ${SERVERS.map((server) => `${server.label} ${timeouts[server.id].length}`).join(', ')}`,
    `server restarts after a crash: ${SERVERS.map((server) => `${server.label} ${lsp[server.id].restarts}`).join(', ')}`,
    `crashes: ${crashes.length === 0 ? 'none' : crashes.map((c) => `${c.server} ${c.phase}${c.file ? ` ${c.file}` : ''}${c.error ? `: ${c.error}` : ''}`).join('; ')}`,
    `in-process: Stagecraft ${analysis.stagecraftCore}; other: ${analysis.otherValidator}; median of ${options.passes} timed passes after 1 warm-up`,
    `servers started as: ${SERVERS.map((server) => `${server.label}: ${commandLine(server)}`).join('; ')}`,
    `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()} ${os.release()}; run took ${elapsedS.toFixed(1)} s`,
  ];
}

/** Writes the details of the run as JSON to --out. */
export function writeResults({ options, elapsedS, corpus, files, rows, cold, analysis, lsp, burstFiles, timeouts, crashes, records }) {
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
}

/** The server's command line, relative to the project: Stagecraft's includes the Node.js options the VS Code client passes. */
function commandLine(server) {
  return server.command.map((part) => (part === process.execPath ? 'node' : path.isAbsolute(part) ? path.relative(ROOT, part) : part)).join(' ');
}
