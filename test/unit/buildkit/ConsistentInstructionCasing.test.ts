import * as assert from 'node:assert/strict';
import { dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'ConsistentInstructionCasing';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports a lowercase `run` in an uppercase file', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM alpine:3.20', 'run apk add curl', 'CMD ["curl"]'), [1]);
    assert.match(finding.message, /'run' should match the case of the instruction majority \(uppercase\): RUN/);
  });

  it('follows the majority: an uppercase instruction in a lowercase file, and mixed case', () => {
    expectLines(CHECK, dockerfile('from alpine:3.20', 'run apk add curl', 'CMD ["curl"]', 'Workdir /app'), [2, 3]);
  });

  it('is quiet on a file in one case', () => {
    expectQuiet(CHECK, dockerfile('from alpine:3.20', 'run apk add curl', 'cmd ["curl"]'));
    expectQuiet(CHECK, dockerfile('FROM alpine:3.20', 'RUN apk add curl'));
  });
});

describe(`BuildKit check ${CHECK}: only Dockerfile instructions count`, () => {
  it('ignores template lines and unknown words when counting the majority', () => {
    expectQuiet(CHECK, dockerfile('{% if base %}', 'FROM alpine:3.20', '{% endif %}', 'RUN true', '{{ extra }}'));
  });
});
