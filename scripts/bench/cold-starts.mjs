// Phase: cold starts, spawn → `initialize` result and RSS after initialize, alternating the servers.
import { performance } from 'node:perf_hooks';
import { SERVERS } from './servers.mjs';
import { Session } from './session.mjs';

export async function coldStarts(options, deadline) {
  const samples = Object.fromEntries(SERVERS.map((server) => [server.id, { ms: [], rssKb: [] }]));
  for (let round = 0; round < options.starts && performance.now() < deadline; round++) {
    // Alternate which server starts first, so neither always gets the warmer file cache.
    const order = round % 2 === 0 ? SERVERS : [...SERVERS].reverse();
    for (const server of order) {
      const session = await Session.start(server);
      samples[server.id].ms.push(session.coldStartMs);
      const memory = session.memory();
      if (memory?.rssKb !== undefined) {
        samples[server.id].rssKb.push(memory.rssKb);
      }
      await session.shutdown();
    }
  }
  return samples;
}
