import * as assert from 'node:assert/strict';
import { dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'FromPlatformFlagConstDisallowed';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports `--platform=linux/amd64` on a builder', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM --platform=linux/amd64 golang:1.23 AS builder', 'FROM alpine:3.20'), [0]);
    assert.match(finding.message, /constant value "linux\/amd64"/);
  });

  it('is quiet on a variable platform and on a stage named for its platform', () => {
    expectQuiet(CHECK, dockerfile('FROM --platform=$BUILDPLATFORM golang:1.23 AS builder'));
    expectQuiet(CHECK, dockerfile('FROM --platform=linux/amd64 alpine:3.20 AS build-amd64'));
  });
});
