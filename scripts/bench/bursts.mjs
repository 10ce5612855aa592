// Phase: change bursts, N incremental edits back to back → diagnostics for the final version.
import { performance } from 'node:perf_hooks';
import { SERVERS, STAGECRAFT } from './servers.mjs';

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

export async function bursts(server, session, burstFiles, options, deadline) {
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

/** The burst files (median-size and largest, once each), with the slower in-process time of the two
 *  servers as `predictedMs`. */
export function pickBurstFiles(files, records) {
  const bySize = [...files].sort((a, b) => a.bytes - b.bytes);
  const burstFiles = [
    { kind: 'median-size file', file: bySize[Math.floor((bySize.length - 1) / 2)] },
    { kind: 'largest file', file: bySize[bySize.length - 1] },
  ].filter((entry, i, all) => all.findIndex((other) => other.file === entry.file) === i);
  // Expected burst time: per round, both servers analyse the file on open and at least once for the burst;
  // the other server analyses it once per edit.
  for (const { file } of burstFiles) {
    const index = files.indexOf(file);
    file.predictedMs = Math.max(...SERVERS.map((server) => records[index][server.id].analysisMs ?? 0));
  }
  return burstFiles;
}

/** How much of the budget the bursts of both servers are expected to need, in ms. */
export function burstReserveMs(burstFiles, options) {
  return (
    5000 +
    options.burstRounds *
      burstFiles.reduce((sum, { file }) => sum + 2 * STAGECRAFT.debounceMs + 100 + (options.burstEdits + 3) * 2 * file.predictedMs, 0)
  );
}
