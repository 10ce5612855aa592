import * as assert from 'node:assert/strict';
import { applyEdits, dockerfile } from '../helpers';
import { expectLines, expectQuiet } from './checkHarness';

const CHECK = 'MaintainerDeprecated';

describe(`BuildKit check ${CHECK}`, () => {
  it('reports MAINTAINER, with a fix that writes the OCI authors label', () => {
    const text = dockerfile('FROM alpine:3.20', 'MAINTAINER Jane Doe <jane@example.org>', 'CMD ["/bin/true"]');
    const [finding] = expectLines(CHECK, text, [1]);
    const fix = finding.fixes?.[0];
    assert.ok(fix);
    assert.equal(applyEdits(text, fix.edits), dockerfile('FROM alpine:3.20', 'LABEL org.opencontainers.image.authors="Jane Doe <jane@example.org>"', 'CMD ["/bin/true"]'));
  });

  it('escapes double quotes in the author', () => {
    const [finding] = expectLines(CHECK, dockerfile('FROM alpine:3.20', 'MAINTAINER "Jane"'), [1]);
    assert.equal(finding.fixes?.[0].edits[0].newText, 'LABEL org.opencontainers.image.authors="\\"Jane\\""');
  });

  it('is quiet on the label', () => {
    expectQuiet(CHECK, dockerfile('FROM alpine:3.20', 'LABEL org.opencontainers.image.authors="Jane Doe"'));
  });
});
