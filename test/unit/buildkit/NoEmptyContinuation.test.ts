import * as assert from 'node:assert/strict';
import { applyEdits, dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'NoEmptyContinuation';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports an empty line inside a continued RUN, with a fix that removes it', () => {
    const text = dockerfile('FROM debian:12', 'RUN apt-get update && \\', '', '    apt-get install -y curl');
    const [finding] = expectLines(CHECK, text, [2]);
    assert.equal(applyEdits(text, finding.fixes![0].edits), dockerfile('FROM debian:12', 'RUN apt-get update && \\', '    apt-get install -y curl'));
  });

  it('is quiet on a continuation without empty lines, with a comment line, and in a heredoc', () => {
    expectQuiet(CHECK, dockerfile('FROM debian:12', 'RUN apt-get update && \\', '    # then', '    apt-get install -y curl'));
    expectQuiet(CHECK, dockerfile('# syntax=docker/dockerfile:1', 'FROM debian:12', 'RUN <<EOF', 'echo a', '', 'echo b', 'EOF'));
  });
});
