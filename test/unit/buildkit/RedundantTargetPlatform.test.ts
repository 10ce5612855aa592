import * as assert from 'node:assert/strict';
import { dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'RedundantTargetPlatform';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports `--platform=$TARGETPLATFORM` and `${TARGETPLATFORM}`', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM --platform=$TARGETPLATFORM alpine:3.20', 'FROM --platform=${TARGETPLATFORM} alpine:3.20'), [0, 1]);
    assert.match(finding.message, /redundant as this is the default behavior/);
  });

  it('is quiet on $BUILDPLATFORM and without the flag', () => {
    expectQuiet(CHECK, dockerfile('FROM --platform=$BUILDPLATFORM golang:1.23 AS build', 'FROM alpine:3.20'));
  });
});
