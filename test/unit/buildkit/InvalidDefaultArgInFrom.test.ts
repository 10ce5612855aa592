import * as assert from 'node:assert/strict';
import { dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'InvalidDefaultArgInFrom';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports `ARG TAG` without a default used as the tag in FROM', () => {
    const [finding] = expectLines(CHECK, dockerfile('ARG TAG', 'FROM node:${TAG}'), [1]);
    assert.match(finding.message, /invalid base image name "node:": give ARG TAG a default/);
  });

  it('reports an image name that is only the ARG', () => {
    expectLines(CHECK, dockerfile('ARG BASE', 'FROM $BASE'), [1]);
  });

  it('is quiet with a default, a `:-` fallback, or an ARG that only adds a suffix', () => {
    expectQuiet(CHECK, dockerfile('ARG TAG=24', 'FROM node:${TAG}'));
    expectQuiet(CHECK, dockerfile('ARG TAG', 'FROM node:${TAG:-24}'));
    expectQuiet(CHECK, dockerfile('ARG VARIANT', 'FROM node:24${VARIANT}'));
  });
});
