import * as assert from 'node:assert/strict';
import { dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'UndefinedArgInFrom';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports `FROM node:${NODE_VERSION}` with no ARG', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM node:${NODE_VERSION}', 'CMD ["node"]'), [0]);
    assert.match(finding.message, /FROM argument 'NODE_VERSION' is not declared/);
  });

  it('suggests a declared ARG for a near miss', () => {
    const [finding] = expectLines(CHECK, dockerfile('ARG NODE_VERSION=24', 'FROM node:${NODE_VERSON}'), [1]);
    assert.match(finding.message, /did you mean NODE_VERSION\?/);
  });

  it('counts an ARG declared inside a stage as out of scope for FROM', () => {
    expectLines(CHECK, dockerfile('FROM alpine:3.20', 'ARG TAG=1', 'FROM node:${TAG}'), [2]);
  });

  it('is quiet on a global ARG and on the automatic platform ARGs', () => {
    expectQuiet(CHECK, dockerfile('ARG NODE_VERSION=24', 'FROM node:${NODE_VERSION}', 'FROM --platform=$BUILDPLATFORM golang:1.23', 'FROM alpine:3.20-$TARGETARCH'));
  });
});
