import * as assert from 'node:assert/strict';
import { rememberAnswer, rememberOn, rememberedOn } from '../../server/src/core/memo';
import { buildStageModel, inheritedInstructions, parseDockerfile, resolveBaseImage } from '../../server/src/core/stages';
import { dockerfile } from './helpers';

describe('answers remembered on an analysis object (core/memo)', () => {
  it('computes once per owner and key, remembers null, and stays invisible to equality and JSON', () => {
    const owner = { name: 'build' };
    const key = Symbol('test');
    let computed = 0;
    const compute = () => {
      computed++;
      return null;
    };
    assert.equal(rememberOn(owner, key, compute), null);
    assert.equal(rememberOn(owner, key, compute), null);
    assert.equal(computed, 1);
    const other = Symbol('other');
    assert.equal(rememberedOn(owner, other), undefined);
    rememberAnswer(owner, other, 42);
    assert.equal(rememberedOn(owner, other), 42);
    assert.deepStrictEqual(owner, { name: 'build' });
    assert.equal(JSON.stringify(owner), '{"name":"build"}');
  });

  it("a stage's inherited instructions and base chain are the same with the answers kept on the stages", () => {
    const model = buildStageModel(parseDockerfile(dockerfile('FROM node:22 AS base', 'WORKDIR /app', 'FROM base AS build', 'RUN npm ci', 'FROM alpine')));
    const [base, build, last] = model.stages;
    assert.deepEqual(resolveBaseImage(build).chain, [build, base]);
    const { base: image, chain } = resolveBaseImage(build);
    assert.equal(image.kind, 'image');
    assert.deepEqual(chain, [build, base]);
    const inherited = inheritedInstructions(build).map((i) => i.getKeyword());
    assert.deepEqual(inherited, ['WORKDIR', 'RUN']);
    assert.equal(inheritedInstructions(build), inheritedInstructions(build), 'remembered');
    assert.deepEqual(inheritedInstructions(last), []);
    assert.notEqual(inheritedInstructions(base), base.instructions, 'a copy: callers may not change the stage');
  });
});
