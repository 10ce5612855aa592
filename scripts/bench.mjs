// Benchmarks Stagecraft's language server against dockerfile-language-server-nodejs
// (`docker-langserver`) on the same corpus files in the same run, both over stdio LSP.
//
//   node scripts/bench.mjs [--files N] [--corpus DIR] [--pace MS] [--window N] [--chunk N] [--starts N]
//                          [--burst-rounds N] [--burst-edits N] [--passes N] [--budget SECONDS]
//                          [--file-timeout MS] [--keystrokes N] [--large-timeout MS] [--out FILE]
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
//   - keystrokes on a generated 1 MB file: one edit at a time, each until its diagnostics;
//   - peak RSS (VmHWM) of the server process.
// Prints a table (median, p95, total, Stagecraft/other ratios) and writes the details as JSON
// to test-results/bench-results.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { burstReserveMs, bursts, pickBurstFiles } from './bench/bursts.mjs';
import { coldStarts } from './bench/cold-starts.mjs';
import { loadCorpus } from './bench/corpus.mjs';
import { inProcess } from './bench/in-process.mjs';
import { generatedLargeFile, keystrokes } from './bench/keystrokes.mjs';
import { fail, parseOptions } from './bench/options.mjs';
import { measureInChunks, PerFileRunner } from './bench/per-file.mjs';
import { figureRows, renderTable, runNotes, targetLines, timeoutsByServer, writeResults } from './bench/report.mjs';
import { SERVERS, STAGECRAFT } from './bench/servers.mjs';
import { Session } from './bench/session.mjs';

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const deadline = started + options.budget * 1000;
  for (const server of SERVERS) {
    if (!fs.existsSync(server.script)) {
      fail(`${server.script} is missing${server === STAGECRAFT ? ' (run npm run build)' : ' (npm install)'}`);
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
  const large = generatedLargeFile();

  log('cold starts…');
  const cold = await coldStarts(options, started + options.budget * 1000 * 0.1);

  log('in-process analysis…');
  const analysis = await inProcess(files, options, records, crashes);

  // What is left of the budget: both servers' per-file phases, then bursts and shutdowns.
  const burstFiles = pickBurstFiles(files, records);
  const reserveMs = burstReserveMs(burstFiles, options);

  // didOpen: the files in chunks, alternating between the servers (and which goes first), so
  // that noise from the rest of the machine falls on both alike. Each server idles meanwhile.
  const runners = SERVERS.map((server) => new PerFileRunner(server, files, options, records, crashes));
  for (const runner of runners) {
    await runner.start();
  }
  log(`didOpen → diagnostics: ${files.length} files, chunks of ${options.chunk} alternating between the servers…`);
  // Whatever the budget, keep some of what is left for the bursts.
  const burstShareMs = Math.min(reserveMs, 0.4 * (deadline - performance.now()));
  const perFileDeadline = deadline - burstShareMs;
  await measureInChunks(runners, files, options, perFileDeadline);

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
    const memoryBeforeLarge = session.memory();
    log(`${server.label}: ${options.keystrokes} keystrokes on a generated ${(large.bytes / 1e6).toFixed(1)} MB file…`);
    let keystrokeResults;
    try {
      keystrokeResults = await keystrokes(session, large, options.keystrokes, options.largeTimeout);
    } catch (error) {
      keystrokeResults = { error: String(error?.message ?? error), keystrokeMs: [] };
    }
    const memory = session.memory();
    await session.shutdown();
    lsp[server.id] = {
      measured: run.measured,
      restarts: run.restarts,
      peakRssKb: Math.max(run.peakKb, memory?.peakKb ?? 0) || undefined,
      peakRssBeforeLargeKb: Math.max(run.peakKb, memoryBeforeLarge?.peakKb ?? 0) || undefined,
      bursts: burstResults,
      keystrokes: keystrokeResults,
    };
  }

  const rows = figureRows({ options, records, cold, lsp, burstFiles, large });
  const timeouts = timeoutsByServer(records);
  const elapsedS = (performance.now() - started) / 1000;
  const notes = runNotes({ options, corpus, files, lsp, timeouts, crashes, analysis, elapsedS });

  console.log(renderTable(rows));
  console.log('');
  for (const line of targetLines(rows, lsp)) {
    console.log(line);
  }
  console.log('');
  for (const note of notes) {
    console.log(note);
  }

  writeResults({ options, elapsedS, corpus, files, rows, cold, analysis, lsp, burstFiles, timeouts, crashes, records });
  console.log(`results: ${path.relative(process.cwd(), options.out)}`);
}

main().catch((error) => {
  console.error(error?.stack ?? error);
  process.exit(1);
});
