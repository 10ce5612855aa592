// The "How to debug this image" part of the hover (authoring/debugHelp.ts) and where the hover
// shows it (authoring/hoverInfo.ts): only on the runtime FROM of a shell-less image.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEBUG_CONTAINER_IMAGE, MAKE_DEBUGGABLE_TITLE, debugHelp } from '../../server/src/authoring/debugHelp';
import { hoverAt } from '../../server/src/authoring/hoverInfo';
import { lookupImage } from '../../server/src/catalog/catalog';
import { analyzeDockerfile, runtimeStageOf } from '../../server/src/core/analyze';
import { parseImageReference } from '../../server/src/core/imageReference';
import { guideDocsUrl } from '../../server/src/lsp/convert';
import { PROJECT_ROOT, dockerfile } from './helpers';

const TODAY = '2026-12-06';
const DOCS = 'file:///ext/docs/debugging-distroless.md';

/** `docsUrl` null: the host has no docs URL to give. */
function helpFor(reference: string, docsUrl: string | null = DOCS): string | undefined {
  const image = parseImageReference(reference)!;
  return debugHelp(image, lookupImage(image), docsUrl ?? undefined);
}

function hoverText(text: string, line: number, character: number, target?: string): string {
  const analysis = analyzeDockerfile(text, { today: TODAY, target });
  const model = analysis.model!;
  const hover = hoverAt(model, { line, character }, { today: TODAY, runtimeStage: runtimeStageOf(model, target), findings: analysis.findings, debuggingDocsUrl: DOCS });
  assert.ok(hover, `a hover at ${line}:${character}`);
  return hover.markdown;
}

describe('hover: how to debug a shell-less runtime image', () => {
  it('names the distroless debug tag that keeps the user and the architecture, the code action, kubectl debug, docker debug and the guide', () => {
    const help = helpFor('gcr.io/distroless/static-debian13:nonroot')!;
    assert.match(help, /^\*\*How to debug this image\*\* \(it has no shell, so `docker exec \.\.\. sh` fails\):/);
    assert.match(help, /`gcr\.io\/distroless\/static-debian13:debug-nonroot` is the same image with a shell \(`\/busybox\/sh`\); build with it to debug, never ship it\./);
    assert.ok(help.includes(`"${MAKE_DEBUGGABLE_TITLE}"`), help);
    assert.ok(help.includes(`kubectl debug -it <pod> --image=${DEBUG_CONTAINER_IMAGE} --target=<container>`), help);
    assert.match(help, /`docker debug <container>`/);
    assert.ok(help.endsWith(`[Debugging distroless images](${DOCS})`), help);
    assert.match(helpFor('gcr.io/distroless/python3-debian13')!, /`gcr\.io\/distroless\/python3-debian13:debug`/);
    assert.match(helpFor('gcr.io/distroless/cc-debian13:nonroot-arm64')!, /`gcr\.io\/distroless\/cc-debian13:debug-nonroot-arm64`/);
  });

  it('drops the digest from the debug reference (the digest is the release image)', () => {
    const help = helpFor(`gcr.io/distroless/static-debian13:nonroot@sha256:${'c'.repeat(64)}`)!;
    assert.match(help, /`gcr\.io\/distroless\/static-debian13:debug-nonroot` is the same image/);
    assert.doesNotMatch(help, /sha256/);
  });

  it('uses the -dev tag for Chainguard, with its /bin/sh', () => {
    assert.match(helpFor('cgr.dev/chainguard/python:latest')!, /`cgr\.dev\/chainguard\/python:latest-dev` is the same image with a shell \(`\/bin\/sh`\)/);
  });

  it('says what to do where the family has no debug tag, without offering the code action', () => {
    const chiseled = helpFor('mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled')!;
    assert.match(chiseled, /\.NET chiseled images have no debug tag[\s\S]*`mcr\.microsoft\.com\/dotnet\/aspnet:10\.0-noble`/);
    const scratch = helpFor('scratch')!;
    assert.match(scratch, /scratch is empty and has no debug variant/);
    const chainguardStatic = helpFor('cgr.dev/chainguard/static:latest')!;
    assert.match(chainguardStatic, /no `-dev` variant of `static`/);
    for (const help of [chiseled, scratch, chainguardStatic]) {
      assert.ok(!help.includes(MAKE_DEBUGGABLE_TITLE), help);
      assert.match(help, /kubectl debug -it/);
    }
  });

  it('says nothing for images with a shell, and for a debug image (its shell is there already)', () => {
    for (const reference of ['python:3.13-slim', 'ubuntu:24.04', 'gcr.io/distroless/static-debian13:debug-nonroot', 'cgr.dev/chainguard/python:latest-dev', 'alpine:3.22']) {
      assert.equal(helpFor(reference), undefined, reference);
    }
  });

  it('leaves the guide link out when there is no docs URL', () => {
    const help = helpFor('gcr.io/distroless/static-debian13:nonroot', null)!;
    assert.doesNotMatch(help, /Debugging distroless images/);
    assert.match(help, /kubectl debug/);
  });

  describe('in the hover on a FROM', () => {
    const text = dockerfile(
      'ARG RUNTIME_TAG=nonroot',
      'FROM golang:1.26 AS build',
      'RUN CGO_ENABLED=0 go build -o /app .',
      'FROM gcr.io/distroless/static-debian13:${RUNTIME_TAG} AS runtime',
      'COPY --from=build /app /app',
      'ENTRYPOINT ["/app"]',
      'FROM gcr.io/distroless/static-debian13:debug-nonroot AS debug',
      'COPY --from=build /app /app',
    );

    it('shows it on the image of the stage that ships, after the image facts, with the ARG default substituted', () => {
      const hover = hoverText(text, 3, 10, 'runtime');
      const facts = hover.indexOf('**gcr.io/distroless/static-debian13:nonroot**');
      const help = hover.indexOf('**How to debug this image**');
      assert.ok(facts >= 0 && help > facts, hover);
      assert.match(hover, /`gcr\.io\/distroless\/static-debian13:debug-nonroot` is the same image/);
      assert.ok(hover.includes(`(${DOCS})`), hover);
    });

    it('does not show it on a stage that does not ship, nor on a build image', () => {
      assert.doesNotMatch(hoverText(text, 6, 10, 'runtime'), /How to debug this image/);
      assert.doesNotMatch(hoverText(text, 1, 8, 'runtime'), /How to debug this image/);
      // Without a target the debug stage ships: it has a shell, so there is nothing to add either,
      // and the distroless stage above it does not ship.
      assert.doesNotMatch(hoverText(text, 6, 10), /How to debug this image/);
      assert.doesNotMatch(hoverText(text, 3, 10), /How to debug this image/);
    });
  });

  it('links the guide shipped beside the rule pages, else the published one', () => {
    const rules = path.join(PROJECT_ROOT, 'docs', 'rules');
    assert.equal(guideDocsUrl('debugging-distroless.md', rules), pathToFileURL(path.join(PROJECT_ROOT, 'docs', 'debugging-distroless.md')).toString());
    assert.equal(guideDocsUrl('debugging-distroless.md', undefined), 'https://github.com/stagecraft-dev/stagecraft/blob/main/docs/debugging-distroless.md');
    assert.equal(guideDocsUrl('no-such-page.md', rules), 'https://github.com/stagecraft-dev/stagecraft/blob/main/docs/no-such-page.md');
  });
});
