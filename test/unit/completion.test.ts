// Stagecraft's completion as plain data (authoring/), the runtime images it proposes
// (catalog/runtimeImages.ts), and how the LSP layer turns and merges them (lsp/completion.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompletionItem, CompletionItemKind, CompletionItemTag, InsertTextFormat } from 'vscode-languageserver/node';
import { Proposal, imageDocumentation, proposalsAt } from '../../server/src/authoring/completions';
import { cursorContext } from '../../server/src/authoring/cursorContext';
import { SNIPPETS_FILE, parseTemplates } from '../../server/src/authoring/templates';
import { lookupImage } from '../../server/src/catalog/catalog';
import { OTHER_RUNTIME_IMAGES, runtimeImages } from '../../server/src/catalog/runtimeImages';
import { runtimeStageOf } from '../../server/src/core/analyze';
import { buildStageModel, parseDockerfile } from '../../server/src/core/stages';
import { mergeCompletions, toCompletionItem } from '../../server/src/lsp/completion';
import { PROJECT_ROOT, dockerfile } from './helpers';

const TODAY = '2026-11-29';
const { templates } = parseTemplates(fs.readFileSync(path.join(PROJECT_ROOT, SNIPPETS_FILE), 'utf8'));

/** Text with `|` marking the cursor. */
function at(textWithCursor: string, overlapping = true): Proposal[] {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  const model = buildStageModel(parseDockerfile(text));
  return proposalsAt(text, model, { line: before.length - 1, character: before[before.length - 1].length }, { templates, today: TODAY, runtimeStage: runtimeStageOf(model, undefined), overlapping });
}

function contextAt(textWithCursor: string) {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return cursorContext(text, buildStageModel(parseDockerfile(text)), { line: before.length - 1, character: before[before.length - 1].length });
}

function sorted(proposals: Proposal[]): Proposal[] {
  return [...proposals].sort((a, b) => a.sortText.localeCompare(b.sortText));
}

const BUILD = ['FROM golang:1.26 AS build', 'RUN CGO_ENABLED=0 go build -o /app .'];

describe('completion: where the cursor is', () => {
  it('at the start of a line, in an empty file, after indentation and in a half-typed keyword', () => {
    for (const text of ['|', '# syntax=docker/dockerfile:1\n|', 'mult|']) {
      const empty = contextAt(text);
      assert.equal(empty?.kind === 'lineStart' && empty.emptyDocument, true, text);
    }
    const notEmpty = contextAt(dockerfile(...BUILD, '|'));
    assert.equal(notEmpty?.kind === 'lineStart' && notEmpty.emptyDocument, false);
    const context = contextAt(dockerfile(...BUILD, '  mul|'));
    assert.equal(context?.kind, 'lineStart');
    assert.equal(context?.prefix, 'mul');
    assert.deepEqual(context?.insertRange, { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } });
  });

  it('not inside a comment, an argument, a continuation line or a heredoc', () => {
    assert.equal(contextAt(dockerfile('# a comm|ent', ...BUILD)), undefined);
    assert.equal(contextAt(dockerfile(...BUILD, 'RUN echo |')), undefined);
    assert.equal(contextAt(dockerfile('FROM golang:1.26 AS build', 'RUN go build \\', '  |')), undefined);
    assert.equal(contextAt(dockerfile('# syntax=docker/dockerfile:1', 'FROM golang:1.26 AS build', 'RUN <<EOF', 'ec|', 'EOF')), undefined);
  });

  it('in the image of a FROM, after flags too, but not in a flag, a variable or after the image', () => {
    const context = contextAt(dockerfile(...BUILD, 'FROM --platform=linux/amd64 gcr.io/distro|less/static'));
    assert.equal(context?.kind, 'fromImage');
    assert.equal(context?.prefix, 'gcr.io/distro');
    assert.deepEqual(context?.replaceRange, { start: { line: 2, character: 28 }, end: { line: 2, character: 52 } });
    assert.equal(contextAt(dockerfile('FROM --plat|')), undefined);
    assert.equal(contextAt(dockerfile('FROM ${BA|')), undefined);
    assert.equal(contextAt(dockerfile('FROM golang:1.26 AS bu|')), undefined);
  });

  it('in a stage reference: COPY/ADD --from= and RUN --mount=...,from=', () => {
    assert.equal(contextAt(dockerfile(...BUILD, 'FROM scratch', 'COPY --chown=1:1 --from=bu|')) ?.kind, 'stageReference');
    const mount = contextAt(dockerfile(...BUILD, 'FROM scratch', 'RUN --mount=type=bind,from=b|,target=/x true'));
    assert.equal(mount?.kind === 'stageReference' && mount.flag, 'mount-from');
    assert.deepEqual(mount?.replaceRange, { start: { line: 3, character: 27 }, end: { line: 3, character: 28 } });
    assert.equal(contextAt(dockerfile(...BUILD, 'FROM scratch', 'COPY --from=build /a |')), undefined);
  });
});

describe('completion: runtime images', () => {
  const images = runtimeImages(TODAY);

  it('are all distroless by the catalog, with each distroless family on Debian 13 in its four tags', () => {
    assert.ok(images.length > 100);
    for (const image of images) {
      assert.equal(lookupImage(image.image).kind, 'distroless', image.reference);
    }
    for (const family of ['static', 'base', 'base-nossl', 'cc', 'python3', 'nodejs22', 'nodejs24', 'nodejs26', 'java17', 'java21', 'java25']) {
      for (const tag of ['nonroot', 'latest', 'debug-nonroot', 'debug']) {
        assert.ok(images.some((i) => i.reference === `gcr.io/distroless/${family}-debian13:${tag}`), `${family}-debian13:${tag}`);
      }
    }
    for (const group of OTHER_RUNTIME_IMAGES) {
      for (const reference of group.references) {
        assert.ok(images.some((i) => i.reference === reference), reference);
      }
    }
  });

  it('rank current non-root images first, then root, aliases, debug, and images past their end of support last', () => {
    const tiers = images.map((i) => i.tier);
    assert.deepEqual(tiers, [...tiers].sort((a, b) => a - b), 'sorted by tier');
    assert.equal(images[0].reference, 'gcr.io/distroless/static-debian13:nonroot');
    const index = (reference: string) => images.findIndex((i) => i.reference === reference);
    assert.ok(index('gcr.io/distroless/static-debian13:nonroot') < index('cgr.dev/chainguard/static:latest'));
    assert.ok(index('cgr.dev/chainguard/static:latest') < index('gcr.io/distroless/static-debian13:latest'));
    assert.ok(index('gcr.io/distroless/static-debian13:latest') < index('gcr.io/distroless/static:nonroot'));
    assert.ok(index('gcr.io/distroless/static:nonroot') < index('gcr.io/distroless/static-debian13:debug'));
    for (const image of images.filter((i) => /-debian1[12]:/.test(i.reference) || /nodejs20/.test(i.reference))) {
      assert.ok(image.outdated, `${image.reference} is outdated on ${TODAY}`);
      assert.equal(image.tier, 9);
    }
  });

  it('follow the calendar: Debian 12 base images are current before their end of support', () => {
    const before = runtimeImages('2026-06-01').find((i) => i.reference === 'gcr.io/distroless/static-debian12:nonroot');
    assert.equal(before?.outdated, undefined);
    assert.equal(before?.endsOn?.date, '2026-09-30');
  });

  it('are proposed in FROM, the runtime for the builder preselected and ranked first', () => {
    const proposals = sorted(at(dockerfile(...BUILD, 'FROM gcr.io/distroless/|')).filter((p) => p.kind === 'image'));
    assert.equal(proposals[0].label, 'gcr.io/distroless/static-debian13:nonroot');
    assert.equal(proposals[0].preselect, true);
    const node = sorted(at(dockerfile('FROM node:24-trixie-slim AS build', 'FROM |')).filter((p) => p.kind === 'image'));
    assert.equal(node[0].label, 'gcr.io/distroless/nodejs24-debian13:nonroot');
    const java = sorted(at(dockerfile('FROM maven:3.9-eclipse-temurin-25 AS build', 'FROM |')).filter((p) => p.kind === 'image'));
    assert.equal(java[0].label, 'gcr.io/distroless/java25-debian13:nonroot');
    const unknown = sorted(at(dockerfile('FROM my/builder:1 AS build', 'FROM |')).filter((p) => p.kind === 'image'));
    assert.equal(unknown.filter((p) => p.preselect).length, 0, 'no guess for an unknown builder');
  });

  it('mark outdated images deprecated and describe each image on resolve', () => {
    const proposals = at(dockerfile(...BUILD, 'FROM |'));
    const old = proposals.find((p) => p.label === 'gcr.io/distroless/python3-debian12:nonroot');
    assert.equal(old?.deprecated, true);
    assert.match(old?.detail ?? '', /outdated since 2026-04-30/);
    assert.equal(old?.documentation, undefined);
    const documentation = imageDocumentation(old!.image!.reference, old!.image!.ships, TODAY) ?? '';
    assert.match(documentation, /\| Runtime \| Python 3\.11 \|/);
    assert.match(documentation, /✗ no longer updated since 2026-04-30/);
  });

  it('in a stage that does not ship, debug tags are not pushed down and nothing is preselected', () => {
    const proposals = sorted(at(dockerfile('FROM |', ...BUILD)).filter((p) => p.kind === 'image'));
    assert.equal(proposals.filter((p) => p.preselect).length, 0);
    const debug = proposals.findIndex((p) => p.label === 'gcr.io/distroless/static-debian13:debug');
    const alias = proposals.findIndex((p) => p.label === 'gcr.io/distroless/static:nonroot');
    assert.ok(debug < alias);
  });
});

describe('completion: stage names', () => {
  const text = (line: string) => dockerfile(...BUILD, 'FROM scratch AS assets', 'FROM gcr.io/distroless/static-debian13:nonroot', line);

  it('propose earlier stages by name, or by index when unnamed, never the current or a later one', () => {
    assert.deepEqual(at(text('COPY --from=|')).map((p) => p.label), ['build', 'assets']);
    assert.deepEqual(at(dockerfile('FROM golang:1.26', 'FROM scratch', 'COPY --from=|')).map((p) => p.label), ['0']);
    assert.deepEqual(at(dockerfile(...BUILD, 'RUN --mount=from=|')).map((p) => p.label), []);
  });

  it('in FROM, earlier stages come before the images', () => {
    const proposals = sorted(at(text('').replace('FROM gcr.io/distroless/static-debian13:nonroot', 'FROM |')));
    assert.deepEqual(proposals.slice(0, 2).map((p) => p.label), ['build', 'assets']);
    assert.equal(proposals[0].kind, 'stage');
    assert.match(proposals[0].detail ?? '', /stage 0: FROM golang:1\.26/);
  });

  it('are left to the other Dockerfile extensions after COPY --from= when the everyday features are off', () => {
    assert.deepEqual(at(text('COPY --from=|'), false), []);
    assert.deepEqual(at(text('RUN --mount=type=cache,from=|'), false).map((p) => p.label), ['build', 'assets']);
  });
});

describe('completion: templates', () => {
  it('are offered at the start of a line: whole files first in an empty file, fragments first elsewhere', () => {
    const empty = sorted(at('|'));
    assert.equal(empty.length, templates.length);
    assert.ok(empty[0].label.startsWith('multistage'));
    const mid = sorted(at(dockerfile(...BUILD, '|')));
    assert.deepEqual(mid.slice(0, 2).map((p) => p.label), ['stage', 'copyfrom']);
    assert.ok(mid.every((p) => p.kind === 'template' && p.snippet && !p.insertText.includes('${')));
  });
});

describe('completion: LSP items', () => {
  const full = { snippets: true, markdown: true, insertReplace: true, deprecatedTag: true, deprecatedFlag: true };
  const none = { snippets: false, markdown: false, insertReplace: false, deprecatedTag: false, deprecatedFlag: false };

  it('carry snippets and insert/replace ranges when the client supports them, plain text otherwise', () => {
    const template = at('|').find((p) => p.label === 'multistage-go')!;
    const rich = toCompletionItem(template, full);
    assert.equal(rich.kind, CompletionItemKind.Snippet);
    assert.equal(rich.insertTextFormat, InsertTextFormat.Snippet);
    assert.ok('insert' in rich.textEdit! && rich.textEdit.newText.includes('${1:1.26}'));
    const plain = toCompletionItem(template, none);
    assert.equal(plain.insertTextFormat, InsertTextFormat.PlainText);
    assert.ok('range' in plain.textEdit! && plain.textEdit.newText.includes('FROM golang:1.26 AS build'));
    assert.equal(typeof plain.documentation, 'string');
    const old = at(dockerfile(...BUILD, 'FROM |')).find((p) => p.deprecated)!;
    assert.deepEqual(toCompletionItem(old, full).tags, [CompletionItemTag.Deprecated]);
    assert.equal(toCompletionItem(old, { ...none, deprecatedFlag: true }).deprecated, true);
  });

  it('merge into one list: ours first, theirs without the labels we have', () => {
    const ours: CompletionItem[] = [{ label: 'build', kind: CompletionItemKind.Reference }];
    const theirs: CompletionItem[] = [{ label: 'Build', kind: CompletionItemKind.Variable }, { label: 'RUN', kind: CompletionItemKind.Keyword }];
    assert.deepEqual(mergeCompletions(ours, theirs).map((i) => i.label), ['build', 'RUN']);
  });
});
