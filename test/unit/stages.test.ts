import * as assert from 'node:assert/strict';
import { buildStageModel, inheritedInstructions, parseDockerfile, resolveBaseImage } from '../../server/src/core/stages';
import { dockerfile } from './helpers';

function model(text: string) {
  return buildStageModel(parseDockerfile(text));
}

describe('stage model', () => {
  it('splits stages, names and instructions', () => {
    const m = model(dockerfile('ARG GO=1.23', 'FROM golang:${GO} AS Build', 'RUN go build -o /app', 'FROM gcr.io/distroless/static-debian13', 'COPY --from=build /app /app'));
    assert.equal(m.stages.length, 2);
    assert.equal(m.stages[0].name, 'Build');
    assert.deepEqual(m.stages[0].instructions.map((i) => i.getKeyword()), ['RUN']);
    assert.equal(m.finalStage, m.stages[1]);
    assert.equal(m.preamble.length, 1);
    assert.equal(m.globalArgs.get('GO'), '1.23');
  });

  it('substitutes ARG defaults in the base image', () => {
    const m = model(dockerfile('ARG PY=3.13', 'FROM python:${PY}-slim'));
    const base = m.stages[0].base;
    assert.equal(base.kind, 'image');
    assert.equal(base.kind === 'image' && base.image.tag, '3.13-slim');
  });

  it('substitutes ARG defaults that use earlier ARGs', () => {
    const m = model(dockerfile('ARG REGISTRY=ghcr.io/acme', 'ARG BASE=${REGISTRY}/base:1.2', 'FROM $BASE'));
    const base = m.stages[0].base;
    assert.equal(base.kind === 'image' && base.image.text, 'ghcr.io/acme/base:1.2');
  });

  it('treats template placeholders as unknown images', () => {
    assert.equal(model(dockerfile('FROM {{ .BaseImage }}')).stages[0].base.kind, 'unknown');
  });

  it('leaves an ARG without default unknown', () => {
    const m = model(dockerfile('ARG BASE', 'FROM ${BASE}'));
    assert.equal(m.stages[0].base.kind, 'unknown');
  });

  it('resolves COPY --from and RUN --mount from= edges, case-insensitively and by index', () => {
    const m = model(
      dockerfile(
        'FROM golang:1.23 AS Builder',
        'FROM alpine',
        'COPY --from=builder /a /a',
        'COPY --from=0 /b /b',
        'RUN --mount=type=bind,from=BUILDER,target=/src ls',
        'COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /uv',
      ),
    );
    const refs = m.stages[1].references;
    assert.deepEqual(refs.map((r) => r.value), ['builder', '0', 'BUILDER', 'ghcr.io/astral-sh/uv:0.5']);
    assert.deepEqual(refs.map((r) => r.target?.index), [0, 0, 0, undefined]);
  });

  it('follows FROM <stage> to the real base image and collects inherited instructions', () => {
    const m = model(dockerfile('FROM node:24 AS base', 'ENV A=1', 'FROM base AS runtime', 'CMD ["x"]'));
    const { base, chain } = resolveBaseImage(m.stages[1]);
    assert.equal(base.kind === 'image' && base.image.repository, 'node');
    assert.equal(chain.length, 2);
    assert.deepEqual(inheritedInstructions(m.stages[1]).map((i) => i.getKeyword()), ['ENV', 'CMD']);
  });

  it('does not loop on a stage that names itself', () => {
    const m = model(dockerfile('FROM x AS x', 'FROM x'));
    assert.doesNotThrow(() => resolveBaseImage(m.stages[1]));
  });
});
