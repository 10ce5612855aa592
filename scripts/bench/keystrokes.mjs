// Phase: single keystrokes on a generated 1 MB Dockerfile (the size of CI-generated files), each
// timed from the edit to the diagnostics for it, and whether the file was fully analysed.
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';

/** A deterministic ~1 MB multi-stage Dockerfile: ~1,000 stages of ENV, RUN, COPY --from, WORKDIR. */
export function generatedLargeFile(targetBytes = 1_000_000) {
  const lines = ['# syntax=docker/dockerfile:1', 'ARG BASE=debian:bookworm-slim'];
  let size = 0;
  let stage = 0;
  const add = (line) => {
    lines.push(line);
    size += line.length + 1;
  };
  while (size < targetBytes) {
    add(`FROM \${BASE} AS step${stage}`);
    add(`ENV STEP=${stage} PATH=/opt/step${stage}/bin:$PATH`);
    for (let k = 0; k < 6; k++) {
      add(`RUN apt-get update && apt-get install -y --no-install-recommends pkg${stage}-${k} \\`);
      add(`    && rm -rf /var/lib/apt/lists/* && echo built ${stage}-${k} > /opt/marker-${stage}-${k}`);
    }
    if (stage > 0) {
      add(`COPY --from=step${stage - 1} /opt/marker-${stage - 1}-0 /opt/`);
    }
    add(`WORKDIR /work/${stage}`);
    stage++;
  }
  add('FROM gcr.io/distroless/static-debian13:nonroot');
  add(`COPY --from=step${stage - 1} /opt /opt`);
  add('ENTRYPOINT ["/opt/app"]');
  const text = lines.join('\n') + '\n';
  return { name: 'generated-1MB.Dockerfile', uri: 'file:///bench/generated-1MB.Dockerfile', text, bytes: Buffer.byteLength(text), lines: lines.length, stages: stage + 1 };
}

/**
 * Opens `file`, then types `count` characters into a stage in the middle of it, one at a time:
 * each edit waits for its own diagnostics (a server that sends no `version` answers each change
 * in order, so its next publish is the edit's), then a 100 ms pause like a typist's.
 */
export async function keystrokes(session, file, count, timeoutMs) {
  const uri = file.uri;
  const opened = session.waitForDiagnostics(uri, () => true, timeoutMs);
  const openedAt = performance.now();
  await session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: file.text } });
  const first = await opened;
  const result = { openMs: first.time - openedAt, keystrokeMs: [], fullyAnalysed: !notAnalysed(first.params) };
  // The end of the `WORKDIR /work/<n>` line of the middle stage: a one-character path change.
  const lines = file.text.split('\n');
  const line = lines.findIndex((text, index) => index > lines.length / 2 && text.startsWith('WORKDIR '));
  let character = lines[line].length;
  for (let i = 0; i < count; i++) {
    const version = 2 + i;
    const answered = session.waitForDiagnostics(uri, (params) => params.version === undefined || params.version === version, timeoutMs);
    const sentAt = performance.now();
    await session.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }],
    });
    const { params, time } = await answered;
    result.keystrokeMs.push(time - sentAt);
    result.fullyAnalysed &&= !notAnalysed(params);
    character++;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await session.notify('textDocument/didClose', { textDocument: { uri } });
  return result;
}

/** True when the server said it did not analyse the file (Stagecraft's `file-not-analyzed`). */
function notAnalysed(params) {
  return params.diagnostics.some((diagnostic) => diagnostic.code === 'file-not-analyzed' || /did not analyse this file/.test(diagnostic.message));
}
