// The everyday features around dockerfile-language-service: the mode setting, the registry
// look-up turned off, and what we correct or add (links, outline, folding, token legend).
import * as assert from 'node:assert/strict';
import https from 'node:https';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { buildStageModel, parseDockerfile } from '../../server/src/core/stages';
import { stageOutline } from '../../server/src/lsp/documentSymbols';
import { mergeFoldingRanges, stageFoldingRanges } from '../../server/src/lsp/folding';
import { everydayFeaturesEnabled, parseLanguageFeaturesSetting } from '../../server/src/lsp/languageFeatures';
import { EverydayService, semanticTokensLegend } from '../../server/src/lsp/languageService';
import { dockerfile } from './helpers';

describe('stagecraft.languageFeatures', () => {
  it('reads auto, on and off; anything else is auto with a message', () => {
    assert.deepEqual(parseLanguageFeaturesSetting(undefined), { setting: 'auto' });
    assert.deepEqual(parseLanguageFeaturesSetting('off'), { setting: 'off' });
    const invalid = parseLanguageFeaturesSetting(true);
    assert.equal(invalid.setting, 'auto');
    assert.match(invalid.problem ?? '', /must be one of auto, on, off, not true; using auto/);
  });

  it('auto is on unless another Dockerfile extension is active; on and off are what they say', () => {
    assert.equal(everydayFeaturesEnabled('auto', []), true);
    assert.equal(everydayFeaturesEnabled('auto', ['ms-azuretools.vscode-containers']), false);
    assert.equal(everydayFeaturesEnabled('on', ['docker.docker']), true);
    assert.equal(everydayFeaturesEnabled('off', []), false);
  });
});

describe('dockerfile-language-service without the network', () => {
  let calls: string[];
  let original: typeof https.get;

  beforeEach(() => {
    calls = [];
    original = https.get;
    https.get = ((options: { hostname?: string }) => {
      calls.push(String(options.hostname));
      throw new Error('no network in tests');
    }) as unknown as typeof https.get;
  });

  afterEach(() => {
    https.get = original;
  });

  it('the service as published asks Docker Hub for tags when completing FROM image:', async () => {
    const service = DockerfileLanguageServiceFactory.createLanguageService();
    await service.computeCompletionItems('FROM node:2', { line: 0, character: 11 });
    assert.deepEqual(calls, ['auth.docker.io'], 'the control: this is the call we turn off');
  });

  it('ours completes there from nothing, and still completes instructions and flags', async () => {
    const service = new EverydayService();
    service.setClientCapabilities({ textDocument: { completion: { completionItem: { snippetSupport: true } } } });
    assert.deepEqual(await service.completions('FROM node:2', { line: 0, character: 11 }), []);
    assert.deepEqual(await service.completions('FROM python:', { line: 0, character: 12 }), []);
    const keywords = await service.completions('FROM a\nRU', { line: 1, character: 2 });
    assert.deepEqual(keywords.map((item) => item.label), ['RUN command']);
    const flags = await service.completions('FROM a\nCOPY --', { line: 1, character: 7 });
    assert.ok(flags.some((item) => item.label.startsWith('--from')));
    assert.deepEqual(calls, []);
  });
});

describe('the everyday features we correct or add', () => {
  const service = new EverydayService();
  service.setClientCapabilities({});

  it('links gcr.io and cgr.dev images to their home pages instead of Docker Hub', () => {
    const text = dockerfile('FROM golang:1.26 AS build', 'FROM gcr.io/distroless/static-debian13:nonroot', 'FROM cgr.dev/chainguard/static:latest', 'FROM registry.example.com/team/app:1', 'FROM mcr.microsoft.com/dotnet/aspnet:10.0');
    const links = service.links(text, buildStageModel(parseDockerfile(text))).map((link) => [link.range.start.line, link.target ?? service.resolveLink(link).target]);
    assert.deepEqual(links, [
      [0, 'https://hub.docker.com/_/golang/'],
      [1, 'https://github.com/GoogleContainerTools/distroless/blob/main/static/README.md'],
      [2, 'https://images.chainguard.dev/directory/image/static/overview'],
      [4, 'https://mcr.microsoft.com/artifact/mar/dotnet/aspnet'],
    ]);
    const range = service.links(text, buildStageModel(parseDockerfile(text)))[1].range;
    assert.deepEqual(range, { start: { line: 1, character: 5 }, end: { line: 1, character: 38 } });
  });

  it('outlines stages by name with their instructions, global ARGs first', () => {
    const model = buildStageModel(parseDockerfile(dockerfile('ARG V=1', 'FROM golang:${V} AS build', 'RUN go build', 'FROM scratch', 'COPY --from=build /app /app')));
    const outline = stageOutline(model);
    assert.deepEqual(outline.map((s) => [s.name, s.detail]), [['V', 'ARG'], ['build', 'FROM golang:${V}'], ['stage 1', 'FROM scratch']]);
    assert.deepEqual(outline[1].children?.map((s) => [s.name, s.detail]), [['RUN', 'go build']]);
    assert.deepEqual(outline[1].range, { start: { line: 1, character: 0 }, end: { line: 2, character: 12 } });
    assert.deepEqual(outline[1].selectionRange, { start: { line: 1, character: 20 }, end: { line: 1, character: 25 } });
  });

  it('folds each stage, and keeps the service\'s folds that do not start on a FROM', () => {
    const text = dockerfile('FROM golang:1.26 \\', '  AS build', '# one', '# two', 'RUN go build', '', 'FROM scratch');
    const model = buildStageModel(parseDockerfile(text));
    const stages = stageFoldingRanges(model);
    assert.deepEqual(stages.map((r) => [r.startLine, r.endLine]), [[0, 4]]);
    const merged = mergeFoldingRanges(service.foldingRanges(text), stages);
    assert.deepEqual(merged.map((r) => [r.startLine, r.endLine]), [[0, 4], [2, 3]]);
  });

  it('declares every semantic token type and modifier the service emits, in its order', () => {
    const legend = semanticTokensLegend();
    assert.deepEqual(legend.tokenTypes, ['keyword', 'comment', 'parameter', 'property', 'namespace', 'class', 'macro', 'string', 'variable', 'operator', 'modifier']);
    assert.deepEqual(legend.tokenModifiers, ['declaration', 'definition', 'deprecated']);
  });
});
