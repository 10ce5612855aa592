import * as assert from 'node:assert/strict';
import { AnalysisScheduler, MAX_PAUSE_MS } from '../../server/src/lsp/analysisScheduler';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A scheduler whose analyses take `costMs` (reported) and last `holdMs` (awaited). */
function harness(costMs: number, holdMs = 0) {
  const runs: { uri: string }[] = [];
  const errors: unknown[] = [];
  let fail = false;
  const scheduler = new AnalysisScheduler(
    async (uri) => {
      runs.push({ uri });
      if (holdMs > 0) {
        await sleep(holdMs);
      }
      if (fail) {
        throw new Error('analysis failed');
      }
      return costMs;
    },
    (_uri, error) => errors.push(error),
  );
  return { scheduler, runs, errors, failNext: (value: boolean) => (fail = value) };
}

describe('AnalysisScheduler (no fixed delay)', () => {
  it('analyses a new document at once', async () => {
    const { scheduler, runs } = harness(1);
    scheduler.request('file:///a');
    await sleep(30);
    assert.equal(runs.length, 1, 'a zero pause runs before a 30 ms timer set after it');
  });

  it('collapses the edits that come while an analysis runs into one next analysis', async () => {
    const { scheduler, runs } = harness(1, 40);
    scheduler.request('file:///a');
    await sleep(10); // the first analysis is running now
    for (let edit = 0; edit < 20; edit++) {
      scheduler.request('file:///a');
    }
    await sleep(150);
    assert.equal(runs.length, 2, 'one analysis for the first edit, one for the twenty that came meanwhile');
  });

  it('pauses a third as long as the last analysis took, so a slow file is analysed once per pause', async () => {
    const { scheduler, runs } = harness(900);
    scheduler.request('file:///large');
    await sleep(20);
    assert.equal(runs.length, 1);
    // Typing: an edit every 20 ms, much shorter than the 300 ms pause after a 900 ms analysis.
    for (let edit = 0; edit < 5; edit++) {
      scheduler.request('file:///large');
      await sleep(20);
    }
    assert.equal(runs.length, 1, 'no analysis while the edits come faster than one takes');
    await sleep(450);
    assert.equal(runs.length, 2);
  });

  it('never pauses longer than MAX_PAUSE_MS', () => {
    const { scheduler } = harness(1);
    assert.equal(scheduler.pauseFor({ lastCostMs: 60_000 }), MAX_PAUSE_MS);
    assert.equal(scheduler.pauseFor({ lastCostMs: 1.2 }), 0);
    assert.equal(scheduler.pauseFor({ lastCostMs: 150 }), 50);
  });

  it('keeps documents apart', async () => {
    const { scheduler, runs } = harness(1);
    scheduler.request('file:///a');
    scheduler.request('file:///b');
    await sleep(30);
    assert.deepEqual(runs.map((run) => run.uri).sort(), ['file:///a', 'file:///b']);
  });

  it('drops what is pending for a closed document', async () => {
    const { scheduler, runs } = harness(150);
    scheduler.request('file:///a');
    await sleep(20);
    scheduler.request('file:///a'); // waits 50 ms
    scheduler.forget('file:///a');
    await sleep(100);
    assert.equal(runs.length, 1);
  });

  it('reports a failed analysis and still analyses the next edit', async () => {
    const { scheduler, runs, errors, failNext } = harness(1);
    failNext(true);
    scheduler.request('file:///a');
    await sleep(20);
    failNext(false);
    scheduler.request('file:///a');
    await sleep(20);
    assert.equal(errors.length, 1);
    assert.equal(runs.length, 2);
  });
});
