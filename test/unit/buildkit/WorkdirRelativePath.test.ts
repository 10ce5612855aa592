import * as assert from 'node:assert/strict';
import { dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'WorkdirRelativePath';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports `WORKDIR src` as the first WORKDIR of a stage', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM node:24-slim', 'WORKDIR src', 'COPY . .'), [1]);
    assert.match(finding.message, /Relative workdir "src".*WORKDIR \/src/);
  });

  it('is quiet after an absolute WORKDIR, also one set in the stage built FROM', () => {
    expectQuiet(CHECK, dockerfile('FROM node:24-slim', 'WORKDIR /app', 'WORKDIR src'));
    expectQuiet(CHECK, dockerfile('FROM node:24-slim AS base', 'WORKDIR /app', 'FROM base', 'WORKDIR src'));
  });

  it('is quiet on absolute, Windows and variable paths', () => {
    expectQuiet(CHECK, dockerfile('FROM node:24-slim', 'WORKDIR /app'));
    expectQuiet(CHECK, dockerfile('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'WORKDIR C:\\app'));
    expectQuiet(CHECK, dockerfile('FROM node:24-slim', 'ARG DIR=/app', 'WORKDIR $DIR'));
    expectQuiet(CHECK, dockerfile('FROM node:24-slim', 'WORKDIR {{appDir}}'));
  });
});
