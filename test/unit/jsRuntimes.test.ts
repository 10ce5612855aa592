// The Bun and Deno catalog facts (each from the projects' own sources) and the pieces of their
// split recipes that read tags and start commands.
import * as assert from 'node:assert/strict';
import { lookupImage } from '../../server/src/catalog/catalog';
import { BUN_SOURCE, DENO_SOURCE, JS_RUNTIME_ENTRIES } from '../../server/src/catalog/jsRuntimes';
import { parseImageReference } from '../../server/src/core/imageReference';
import { missingDistroless } from '../../server/src/fixes/split/recipes/bun/bunImage';
import { bunStart } from '../../server/src/fixes/split/recipes/bun/bunStart';
import { asDenoWords, denoStart } from '../../server/src/fixes/split/recipes/deno/denoStart';
import { isDeclined } from '../../server/src/fixes/split/recipe';

function lookup(reference: string) {
  const parsed = parseImageReference(reference);
  assert.ok(parsed, reference);
  return lookupImage(parsed);
}

describe('catalog: Bun and Deno images', () => {
  it('names a repository at a commit and a checked date for every entry', () => {
    for (const entry of JS_RUNTIME_ENTRIES) {
      assert.match(entry.source, /(oven-sh\/bun|denoland\/deno_docker)@[0-9a-f]{40} /, entry.id);
      assert.match(entry.checked, /^\d{4}-\d{2}-\d{2}$/, entry.id);
    }
    assert.match(BUN_SOURCE, /dockerhub\/distroless\/Dockerfile/);
    assert.match(DENO_SOURCE, /distroless\.dockerfile/);
  });

  it('knows oven/bun distroless tags: no shell, bun as the entrypoint, root by default', () => {
    for (const reference of ['oven/bun:distroless', 'oven/bun:1.3-distroless', 'oven/bun:1-distroless', 'oven/bun:1.1.45-distroless', 'docker.io/oven/bun:canary-distroless']) {
      const found = lookup(reference);
      assert.equal(found.entry?.id, 'bun-distroless', reference);
      assert.equal(found.facts.hasShell, false);
      assert.deepEqual(found.facts.entrypoint, ['/usr/local/bin/bun']);
      assert.equal(found.facts.defaultUser, 0);
      assert.equal(found.kind, 'distroless');
    }
  });

  it('treats the other oven/bun tags as build images with a shell', () => {
    assert.equal(lookup('oven/bun:1.3').entry?.id, 'bun');
    assert.equal(lookup('oven/bun:1.3').facts.hasShell, true);
    assert.equal(lookup('oven/bun:1.3').facts.workdir, '/home/bun/app');
    assert.equal(lookup('oven/bun:1.3-slim').kind, 'minimal');
    assert.equal(lookup('oven/bun:alpine').kind, 'minimal');
    assert.equal(lookup('oven/bun').kind, 'full');
    assert.notEqual(lookup('someone/bun:distroless').entry?.id, 'bun-distroless');
  });

  it('knows denoland/deno distroless tags: tini then /bin/deno, no shell, on Docker Hub and ghcr.io', () => {
    for (const reference of ['denoland/deno:distroless', 'denoland/deno:distroless-2.9.1', 'ghcr.io/denoland/deno:distroless-2.5.0']) {
      const found = lookup(reference);
      assert.equal(found.entry?.id, 'deno-distroless', reference);
      assert.deepEqual(found.facts.entrypoint, ['/tini', '--', '/bin/deno']);
      assert.equal(found.facts.hasShell, false);
    }
    assert.equal(lookup('denoland/deno:2.9.1').entry?.id, 'deno');
    assert.equal(lookup('denoland/deno:2.9.1').facts.hasShell, true);
    assert.equal(lookup('denoland/deno:bin-2.9.1').facts.hasShell, false);
    assert.equal(lookup('denoland/deno:alpine-2.9.1').kind, 'minimal');
  });
});

describe('split: Bun distroless tags that exist', () => {
  it('uses the published ones: floating tags, 1.0.3 to 1.1.45, canary', () => {
    for (const version of ['1', '1.3', '1.1', '1.0', '1.1.45', '1.0.3', 'canary']) {
      assert.equal(missingDistroless(version), undefined, version);
    }
  });

  it('declines Bun 1.2 and pinned releases no source shows a distroless tag for', () => {
    for (const version of ['1.2', '1.2.19', '1.1.46', '1.3.2', '1.0.2']) {
      assert.ok(missingDistroless(version), version);
    }
    assert.match(missingDistroless('1.2') ?? '', /oven\/bun:1\.3/);
  });
});

describe('split: Bun start commands', () => {
  const scripts = { start: 'bun src/index.ts', serve: 'bun run start', prod: 'bun --smol dist/server.js', hooked: 'bun a.ts', prehooked: 'bun migrate.ts', shell: 'NODE_ENV=production bun a.ts' };

  it('keeps a file start as written', () => {
    assert.deepEqual(bunStart(['run', 'index.ts'], undefined), { args: ['run', 'index.ts'] });
    assert.deepEqual(bunStart(['--smol', 'dist/index.js', '--port', '3000'], undefined), { args: ['--smol', 'dist/index.js', '--port', '3000'] });
  });

  it('turns a plain package.json script into the bun command it runs', () => {
    assert.deepEqual(bunStart(['run', 'start'], scripts), { args: ['src/index.ts'], fromScript: { call: 'bun run start', command: 'bun src/index.ts' } });
    assert.deepEqual(bunStart(['serve'], scripts), { args: ['src/index.ts'], fromScript: { call: 'bun serve', command: 'bun src/index.ts' } });
    assert.deepEqual(bunStart(['run', 'prod'], scripts), { args: ['--smol', 'dist/server.js'], fromScript: { call: 'bun run prod', command: 'bun --smol dist/server.js' } });
  });

  it('declines dev servers, shell scripts, lifecycle hooks, bun commands and unread scripts', () => {
    for (const [words, withScripts] of [[['--watch', 'index.ts'], scripts], [['--hot', 'run', 'start'], scripts], [['run', 'shell'], scripts], [['run', 'hooked'], scripts], [['test'], scripts], [['run', 'start'], undefined], [['run', 'missing'], scripts], [[], scripts]] as const) {
      assert.ok(isDeclined(bunStart([...words], withScripts ? { ...withScripts } : undefined)), words.join(' '));
    }
  });
});

describe('split: Deno start commands', () => {
  it('keeps deno run and deno serve with every permission flag', () => {
    const words = ['run', '--allow-net', '--allow-env=PORT,HOST', '--allow-read=./public', 'main.ts', '--port', '8000'];
    assert.deepEqual(denoStart(words), words);
    assert.deepEqual(denoStart(['serve', '-A', 'server.ts']), ['serve', '-A', 'server.ts']);
  });

  it('reads deno after the program or through the image entrypoint, not other programs', () => {
    assert.deepEqual(asDenoWords(['deno', 'run', 'main.ts']), ['run', 'main.ts']);
    assert.deepEqual(asDenoWords(['run', 'main.ts']), ['run', 'main.ts']);
    assert.equal(asDenoWords(['./server']), undefined);
  });

  it('declines deno task, --watch, other commands and a run without a script', () => {
    for (const words of [['task', 'start'], ['run', '--watch', 'main.ts'], ['eval', 'console.log(1)'], ['run', '-A']]) {
      assert.ok(isDeclined(denoStart(words)), words.join(' '));
    }
  });
});
