// oven/bun's 1.0 and 1.1 distroless tags are on Debian 11 (catalog/jsRuntimes.ts,
// BUN_DISTROLESS_DEBIAN_SOURCE): the split says so once Debian 11's LTS has ended (2026-08-31),
// and not before; 1.3's tags are on a supported Debian.
import * as assert from 'node:assert/strict';
import { bunDistrolessDebianVersion } from '../../server/src/catalog/jsRuntimes';
import { splitIntoStages } from '../../server/src/fixes/split/splitStages';
import { analyze, applyEdits, dockerfile } from './helpers';

function splitOn(text: string, today: string): string {
  const { model } = analyze(text);
  const result = model && splitIntoStages.compute({ model, text, today })[0];
  assert.ok(result, 'the split is offered');
  return applyEdits(text, result.edits);
}

const build = (image: string) => dockerfile(`FROM ${image}`, 'WORKDIR /app', 'COPY . .', 'RUN bun install && bun build ./src/server.ts --outdir ./dist --target bun', 'CMD ["bun", "dist/server.js"]');
const NOTE = /Debian 11 \(bullseye\), which gets no security updates since 2026-08-31: move both stages to oven\/bun:1\.3/;

describe('split recipes: Bun distroless tags on a frozen Debian', () => {
  it('knows the 1.0 and 1.1 tags, pinned and floating, and no others', () => {
    for (const tag of ['1.0.3-distroless', '1.0-distroless', '1.1-distroless', '1.1.45-distroless']) {
      assert.equal(bunDistrolessDebianVersion(tag), 11, tag);
    }
    for (const tag of ['1.3-distroless', '1-distroless', 'distroless', '1.1.38-slim', '1.10-distroless', 'canary-distroless']) {
      assert.equal(bunDistrolessDebianVersion(tag), undefined, tag);
    }
  });

  it('notes Debian 11 after its end of LTS, by the calendar', () => {
    assert.match(splitOn(build('oven/bun:1.1.38-slim'), '2026-12-06'), NOTE);
    assert.match(splitOn(build('oven/bun:1.0'), '2026-09-01'), NOTE);
    assert.doesNotMatch(splitOn(build('oven/bun:1.1.38-slim'), '2026-08-31'), /Debian 11/);
  });

  it('says nothing for a release on a supported Debian', () => {
    assert.doesNotMatch(splitOn(build('oven/bun:1.3'), '2026-12-06'), /Debian 1\d/);
  });
});
