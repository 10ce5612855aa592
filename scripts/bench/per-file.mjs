// Phase: didOpen → first publishDiagnostics per file, paced, in chunks alternating between the servers.
import { performance } from 'node:perf_hooks';
import { OTHER, STAGECRAFT } from './servers.mjs';
import { ServerExited, Session, sleep } from './session.mjs';

/**
 * didOpen → first publishDiagnostics, file by file, each closed once measured. A file is opened
 * only when (a) `pace` ms have passed since the previous one — longer after a file that was slow
 * to analyse in-process — and (b) every file opened more than the server's debounce ago has got
 * its diagnostics. So no file's time includes queueing behind another file's analysis: the other
 * server (no debounce) gets one file at a time; Stagecraft gets new files during its debounce.
 */
export class PerFileRunner {
  constructor(server, files, options, records, crashes) {
    Object.assign(this, { server, files, options, records, crashes });
    this.sessions = [];
    this.inflight = new Set();
    this.suspects = new Set();
    this.nextOpenAt = 0;
    this.measured = 0;
  }

  async start() {
    this.session = await Session.start(this.server);
    this.sessions.push(this.session);
  }

  async measure(indexes, deadline) {
    for (const index of indexes) {
      if (performance.now() >= deadline) {
        break;
      }
      await this.waitForTurn();
      if (this.session.dead) {
        await Promise.allSettled([...this.inflight].map((entry) => entry.done));
        await this.start();
      }
      this.open(index);
    }
    await Promise.allSettled([...this.inflight].map((entry) => entry.done));
  }

  async waitForTurn() {
    const debounce = this.server.debounceMs;
    for (;;) {
      const now = performance.now();
      const entries = [...this.inflight];
      const blocking = entries.filter((entry) => now - entry.openedAt >= debounce);
      const full = entries.length >= this.options.window;
      if (blocking.length === 0 && !full && now >= this.nextOpenAt) {
        return;
      }
      const wakeAt = Math.min(this.nextOpenAt, ...entries.map((entry) => entry.openedAt + debounce).filter((at) => at > now));
      const waits = (full ? entries : blocking).map((entry) => entry.done);
      if (Number.isFinite(wakeAt) && wakeAt > now) {
        waits.push(sleep(Math.max(1, wakeAt - now)));
      }
      await Promise.race(waits.length > 0 ? waits : [sleep(1)]);
    }
  }

  open(index) {
    const file = this.files[index];
    const record = this.records[index][this.server.id];
    const session = this.session;
    const waiting = session.waitForDiagnostics(file.uri, () => true, this.options.fileTimeout);
    const openedAt = performance.now();
    // A file that took long in-process delays the next open, so that one does not queue behind it.
    const predicted = Math.max(record.analysisMs ?? 0, this.records[index][STAGECRAFT.id].analysisMs ?? 0, this.records[index][OTHER.id].analysisMs ?? 0);
    this.nextOpenAt = openedAt + Math.max(this.options.pace, 4 * predicted + 5);
    this.measured++;
    void session.notify('textDocument/didOpen', { textDocument: { uri: file.uri, languageId: 'dockerfile', version: 1, text: file.text } });
    const entry = { openedAt };
    entry.done = waiting
      .then(({ params, time }) => {
        record.openToDiagnosticsMs = time - openedAt;
        record.diagnostics = params.diagnostics.length;
      })
      .catch((error) => {
        if (error instanceof ServerExited) {
          record.lspError = 'server exited';
          this.suspects.add(index);
        } else {
          record.lspError = 'timeout';
        }
      })
      .finally(() => {
        void session.notify('textDocument/didClose', { textDocument: { uri: file.uri } });
        this.inflight.delete(entry);
      });
    this.inflight.add(entry);
  }

  /** Peak RSS over the sessions still alive; crash reports; which suspect file crashes it alone. */
  async finish(deadline) {
    let peakKb = 0;
    for (const session of this.sessions) {
      if (!session.dead) {
        peakKb = Math.max(peakKb, session.memory()?.peakKb ?? 0);
      } else {
        this.crashes.push({ server: this.server.id, phase: 'didOpen', exit: session.exit, stderr: session.stderr.slice(-2000) });
      }
    }
    for (const index of [...this.suspects].slice(0, 20)) {
      if (performance.now() >= deadline) {
        break;
      }
      const file = this.files[index];
      const probe = await Session.start(this.server);
      const waiting = probe.waitForDiagnostics(file.uri, () => true, this.options.fileTimeout);
      void probe.notify('textDocument/didOpen', { textDocument: { uri: file.uri, languageId: 'dockerfile', version: 1, text: file.text } });
      const outcome = await waiting.then(
        () => 'ok',
        (error) => (error instanceof ServerExited ? 'server exited' : 'timeout'),
      );
      if (outcome !== 'ok') {
        this.crashes.push({ server: this.server.id, phase: 'didOpen (alone)', file: file.name, outcome, stderr: probe.stderr.slice(-2000) });
      }
      await probe.shutdown();
    }
    return { measured: this.measured, restarts: this.sessions.length - 1, peakKb };
  }
}

/** Measures the files in chunks of --chunk, alternating between the servers (and which goes first),
 *  so that noise from the rest of the machine falls on both alike. Each server idles meanwhile. */
export async function measureInChunks(runners, files, options, deadline) {
  for (let from = 0, chunk = 0; from < files.length && performance.now() < deadline; from += options.chunk, chunk++) {
    const indexes = files.slice(from, from + options.chunk).map((_, i) => from + i);
    for (const runner of chunk % 2 === 0 ? runners : [...runners].reverse()) {
      await runner.measure(indexes, deadline);
    }
  }
}
