// Hovers: what the catalog says about an image (catalog/describe.ts), where the hover applies
// (authoring/hoverInfo.ts), and the one merged hover (lsp/hover.ts).
import * as assert from 'node:assert/strict';
import { MarkupContent } from 'vscode-languageserver/node';
import { hoverAt } from '../../server/src/authoring/hoverInfo';
import { lookupImage } from '../../server/src/catalog/catalog';
import { describeImage, runtimeVerdict } from '../../server/src/catalog/describe';
import { analyzeDockerfile, runtimeStageOf } from '../../server/src/core/analyze';
import { parseImageReference } from '../../server/src/core/imageReference';
import { mergeHovers } from '../../server/src/lsp/hover';
import { dockerfile } from './helpers';

const TODAY = '2026-11-29';

function describe_(reference: string, ships = true): string {
  const image = parseImageReference(reference)!;
  return describeImage(image, lookupImage(image), TODAY, { ships });
}

function hover(text: string, line: number, character: number) {
  const analysis = analyzeDockerfile(text, { today: TODAY });
  return hoverAt(analysis.model!, { line, character }, { today: TODAY, runtimeStage: runtimeStageOf(analysis.model!, undefined), findings: analysis.findings });
}

const GO = dockerfile(
  'ARG GO=1.26',
  'FROM golang:${GO} AS build',
  'RUN CGO_ENABLED=0 go build -o /app .',
  'FROM build AS test',
  'RUN go test ./...',
  'FROM gcr.io/distroless/static-debian13:nonroot',
  'COPY --from=build /app /app',
  'COPY --from=ghcr.io/astral-sh/uv:0.9 /uv /uv',
  'USER 65532:65532',
  'ENTRYPOINT ["/app"]',
);

describe('hover: image facts', () => {
  it('says what a distroless image contains: shell, libc, user, entrypoint, workdir, Debian, architectures', () => {
    const text = describe_('gcr.io/distroless/static-debian13:nonroot');
    assert.match(text, /^\*\*gcr\.io\/distroless\/static-debian13:nonroot\*\* — gcr\.io\/distroless\/static-debian13/);
    assert.match(text, /distroless: no shell, no package manager/);
    for (const row of [/\| Shell \| none:/, /\| libc \| none: statically linked binaries only \|/, /\| Default user \| 65532 \(non-root\) \|/, /\| Entrypoint \| none: give an absolute exec-form ENTRYPOINT \|/, /\| Workdir \| \/home\/nonroot \|/, /\| Debian \| 13 \(trixie\) \|/, /\| Architectures \| amd64, arm64/]) {
      assert.match(text, row);
    }
    assert.match(text, /✓ distroless/);
    assert.match(text, /✓ runs as 65532 by default/);
    assert.match(text, /_Source: GoogleContainerTools\/distroless .*checked 2026-11-29\._/);
  });

  it('names the language runtime and what its entrypoint means for CMD', () => {
    assert.match(describe_('gcr.io/distroless/python3-debian13'), /\| Runtime \| Python 3\.13 \|[\s\S]*\| Entrypoint \| \["\/usr\/bin\/python3\.13"\]: CMD names only the script \|/);
    assert.match(describe_('gcr.io/distroless/nodejs24-debian13:nonroot'), /\| Runtime \| Node\.js 24 \|[\s\S]*\["\/nodejs\/bin\/node"\]: CMD names only the script/);
    assert.match(describe_('gcr.io/distroless/java21-debian13'), /\| Runtime \| Java 21 \|[\s\S]*\["\/usr\/bin\/java","-jar"\]: CMD names only the jar/);
    assert.match(describe_('gcr.io/distroless/java21-debian13'), /• runs as root unless the stage sets a non-root USER/);
  });

  it('flags debug variants, images past their end of support, and non-distroless images', () => {
    assert.match(describe_('gcr.io/distroless/base-debian13:debug'), /✗ debug variant[\s\S]*\| Shell \| busybox \(debug variant\)/);
    const old = describe_('gcr.io/distroless/base-debian12:nonroot');
    assert.match(old, /End of support: 2026-09-30 \(an estimate\); build on Debian 13/);
    assert.match(old, /✗ no longer updated since 2026-09-30 \(an estimate\): move to gcr\.io\/distroless\/base-debian13/);
    assert.match(describe_('python:3.13-slim-trixie', false), /As a runtime image \(this stage does not ship\):\n- ✗ minimal, but has a shell/);
    assert.match(describe_('python:3.13-slim-trixie', false), /\| Runtime \| Python 3\.13 \|/);
    assert.match(describe_('mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled'), /\| Default user \| 1654 \(non-root\) \|[\s\S]*\| ICU, tzdata \| none/);
    assert.match(describe_('example.com/team/app:1'), /not in the image catalog[\s\S]*treated as a full distribution image/);
  });

  it('gives a verdict against the runtime rules', () => {
    assert.equal(runtimeVerdict(lookupImage(parseImageReference('gcr.io/distroless/cc-debian13:nonroot')!), TODAY).ok, true);
    assert.equal(runtimeVerdict(lookupImage(parseImageReference('gcr.io/distroless/cc-debian13:debug')!), TODAY).ok, false);
    assert.equal(runtimeVerdict(lookupImage(parseImageReference('ubuntu:24.04')!), TODAY).ok, false);
    assert.equal(runtimeVerdict(lookupImage(parseImageReference('gcr.io/distroless/cc-debian12')!), '2026-01-01').ok, true, 'before its end of support');
    assert.deepEqual(runtimeVerdict(lookupImage(parseImageReference('mcr.microsoft.com/windows/nanoserver:ltsc2022')!), TODAY).lines, ['• Windows image: the Linux runtime rules do not apply']);
  });
});

describe('hover: where it applies', () => {
  it('on the runtime image: its facts, and the findings on that FROM (none here)', () => {
    const info = hover(GO, 5, 10);
    assert.deepEqual(info?.range, { start: { line: 5, character: 5 }, end: { line: 5, character: 46 } });
    assert.match(info?.markdown ?? '', /As the runtime image \(this stage ships\)/);
    assert.match(info?.markdown ?? '', /No Stagecraft finding on this FROM\./);
  });

  it('lists the findings Stagecraft reports on the hovered FROM', () => {
    const info = hover(dockerfile('FROM golang:1.26 AS build', 'RUN go build -o /app .', 'FROM ubuntu:24.04', 'COPY --from=build /app /app', 'USER 65532:65532', 'ENTRYPOINT ["/app"]'), 2, 8);
    assert.match(info?.markdown ?? '', /Stagecraft reports on this FROM:\n- `runtime-not-distroless`: Runtime image ubuntu:24\.04/);
  });

  it('on a builder image: ARG defaults substituted, as a stage that does not ship', () => {
    const markdown = hover(GO, 1, 8)?.markdown ?? '';
    assert.match(markdown, /^\*\*golang:1\.26\*\* — Go \(official image\)/);
    assert.match(markdown, /\| Toolchain \| Go 1\.26 \|/);
    assert.match(markdown, /_`golang:\$\{GO\}` with the ARG defaults substituted\._/);
    assert.match(markdown, /this stage does not ship/);
  });

  it('on a stage name, in AS, in FROM <stage> and in COPY --from=: where it is defined and used', () => {
    for (const [line, character] of [[1, 23], [3, 6], [6, 14]]) {
      const markdown = hover(GO, line, character)?.markdown ?? '';
      assert.match(markdown, /\*\*Stage `build`\*\* \(index 0, 1st of 3 stages\)/, `${line}:${character}`);
      assert.match(markdown, /Defined on line 2: `FROM golang:\$\{GO\} AS build` \(based on `golang:1\.26`\)/);
      assert.match(markdown, /Used by:\n- line 4: `FROM` in stage `test`\n- line 7: `COPY --from` in stage 2/);
    }
    assert.match(hover(GO, 3, 16)?.markdown ?? '', /\*\*Stage `test`\*\*[\s\S]*Not used by any later stage/);
    assert.match(hover(GO, 5, 2)?.markdown ?? 'nothing', /nothing/, 'the FROM keyword is the service\'s');
  });

  it('on an image in COPY --from=: its facts', () => {
    assert.match(hover(GO, 7, 20)?.markdown ?? '', /^\*\*ghcr\.io\/astral-sh\/uv:0\.9\*\*/);
  });
});

describe('hover: one answer', () => {
  const ours = { markdown: '**ours**', range: { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } } };

  it('puts ours above theirs, separated by a rule, with our range', () => {
    const merged = mergeHovers(ours, { contents: { kind: 'markdown', value: 'theirs' } });
    assert.deepEqual(merged, { contents: { kind: 'markdown', value: '**ours**\n\n---\n\ntheirs' }, range: ours.range });
    assert.equal((mergeHovers(ours, { contents: 'plain' })?.contents as MarkupContent).value, '**ours**\n\n---\n\nplain');
    assert.equal((mergeHovers(ours, null)?.contents as MarkupContent).value, '**ours**');
  });

  it('returns theirs alone when we have nothing to say', () => {
    assert.deepEqual(mergeHovers(undefined, { contents: 'theirs' }), { contents: 'theirs' });
    assert.equal(mergeHovers(undefined, null), null);
  });
});

describe('hover: node or python as PID 1', () => {
  it('on the shipped CMD/ENTRYPOINT keyword in exec form: --init, tini, or handle SIGTERM', () => {
    const node = dockerfile('FROM node:24 AS build', 'CMD ["node", "dev.js"]', 'FROM node:24-slim', 'COPY --from=build /app /app', 'CMD ["node", "/app/server.js"]');
    const found = hover(node, 4, 1);
    assert.match(found?.markdown ?? '', /Node runs as PID 1.*docker run --init.*tini.*process\.on\('SIGTERM'/s);
    assert.deepEqual(found?.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 3 } });
    // distroless: the image's entrypoint is python, CMD names the script
    assert.match(hover(dockerfile('FROM gcr.io/distroless/python3-debian13', 'COPY . /app', 'CMD ["/app/main.py"]'), 2, 1)?.markdown ?? '', /Python runs as PID 1/);
    assert.match(hover(dockerfile('FROM python:3.13-slim', 'ENTRYPOINT ["python", "-m", "app"]'), 1, 3)?.markdown ?? '', /Python runs as PID 1/);
  });

  it('says nothing in a builder, for shell form, behind tini, or for other programs', () => {
    const cases: [string, number][] = [
      [dockerfile('FROM node:24 AS build', 'CMD ["node", "dev.js"]', 'FROM node:24-slim', 'CMD ["node", "server.js"]'), 1],
      [dockerfile('FROM node:24-slim', 'CMD node server.js'), 1],
      [dockerfile('FROM node:24-slim', 'ENTRYPOINT ["/tini", "--"]', 'CMD ["node", "server.js"]'), 2],
      [dockerfile('FROM python:3.13-slim', 'CMD ["gunicorn", "app:app"]'), 1],
    ];
    for (const [text, line] of cases) {
      assert.equal(hover(text, line, 1), undefined, text);
    }
  });
});
