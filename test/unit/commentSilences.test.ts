// BuildKit's `check` directives and hadolint's and tally's ignore comments (core/checkDirectives.ts,
// core/foreignSuppressions.ts): what they silence, and what they leave alone.
import * as assert from 'node:assert/strict';
import { parseCheckOptions } from '../../server/src/core/checkDirectives';
import { commentSilences } from '../../server/src/core/commentSilences';
import { parseDockerfile } from '../../server/src/core/stages';
import { Finding, rangeOf } from '../../server/src/core/types';
import { analyze, dockerfile } from './helpers';

const TODAY = { today: '2026-12-06' };

/** `line:rule` for each finding, sorted, so a test reads the file's lines (0-based). */
function found(text: string): string[] {
  return analyze(text, TODAY)
    .findings.map((f) => `${f.range.start.line}:${f.ruleId}`)
    .sort();
}

function findingsOf(text: string, ruleId: string): Finding[] {
  return analyze(text, TODAY).findings.filter((f) => f.ruleId === ruleId);
}

/** A stage with a MAINTAINER (MaintainerDeprecated) and a shell-form CMD (shell-form-command, JSONArgsRecommended). */
const BODY = ['FROM alpine:3.23', 'MAINTAINER me@example.org', 'CMD echo hello'];

describe('BuildKit check directive at the top of the file', () => {
  it('without it, the checks of the body are reported', () => {
    const ids = found(dockerfile(...BODY));
    assert.ok(ids.includes('1:MaintainerDeprecated'));
    assert.ok(ids.includes('2:shell-form-command'));
  });

  it('# check=skip=<Check> silences that check only', () => {
    const ids = found(dockerfile('# check=skip=MaintainerDeprecated', ...BODY));
    assert.ok(!ids.some((id) => id.endsWith(':MaintainerDeprecated')));
    assert.ok(ids.includes('3:shell-form-command'));
  });

  it('takes several checks, after a syntax directive, and silences our rules that cover a check', () => {
    const ids = found(dockerfile('# syntax=docker/dockerfile:1', '#check = skip=MaintainerDeprecated, JSONArgsRecommended', ...BODY));
    assert.ok(!ids.some((id) => id.endsWith(':MaintainerDeprecated') || id.endsWith(':shell-form-command')));
  });

  it('# check=skip=all silences every BuildKit check, not the Stagecraft rules', () => {
    const text = dockerfile('# check=skip=all', 'FROM alpine AS Build', ...BODY);
    assert.ok(found(text.replace('# check=skip=all\n', '')).includes('0:StageNameCasing'));
    const ids = found(text);
    assert.deepEqual(
      ids.filter((id) => /:[A-Z]/.test(id) || id.endsWith(':shell-form-command')),
      [],
    );
    assert.ok(ids.includes('1:unpinned-base-image'), ids.join());
  });

  it('# check=error=true makes BuildKit check findings errors and leaves the others alone', () => {
    const findings = analyze(dockerfile('# check=error=true', ...BODY), TODAY).findings;
    assert.equal(findings.find((f) => f.ruleId === 'MaintainerDeprecated')?.severity, 'error');
    assert.equal(findings.find((f) => f.ruleId === 'shell-form-command')?.severity, 'error');
    assert.equal(findings.find((f) => f.ruleId === 'runtime-not-distroless')?.severity, 'information');
  });

  it('skip and error together, separated by ;', () => {
    const findings = analyze(dockerfile('# check=skip=MaintainerDeprecated;error=true', ...BODY), TODAY).findings;
    assert.equal(findings.filter((f) => f.ruleId === 'MaintainerDeprecated').length, 0);
    assert.equal(findings.find((f) => f.ruleId === 'shell-form-command')?.severity, 'error');
  });

  it('is not a file directive after the first instruction', () => {
    const text = dockerfile('FROM alpine:3.23', '# check=skip=MaintainerDeprecated;error=true', 'RUN true', 'MAINTAINER me@example.org', 'CMD echo hello');
    assert.equal(findingsOf(text, 'MaintainerDeprecated').length, 1);
    assert.equal(findingsOf(text, 'shell-form-command')[0].severity, 'warning');
  });

  it('is not a file directive after an ordinary comment or a blank line', () => {
    for (const before of [['# Build the API'], ['# syntax=docker/dockerfile:1', '']]) {
      const text = dockerfile(...before, '# check=skip=MaintainerDeprecated', '', ...BODY);
      assert.equal(findingsOf(text, 'MaintainerDeprecated').length, 1, before.join('|'));
    }
  });

  it('names checks case-sensitively (the key is not); a Stagecraft rule id is not a check', () => {
    assert.equal(findingsOf(dockerfile('# check=skip=maintainerdeprecated', ...BODY), 'MaintainerDeprecated').length, 1);
    assert.equal(findingsOf(dockerfile('# CHECK=skip=MaintainerDeprecated', ...BODY), 'MaintainerDeprecated').length, 0);
    assert.equal(findingsOf(dockerfile('# check=skip=runtime-not-distroless', ...BODY), 'runtime-not-distroless').length, 1);
  });

  it('ignores unknown check names and does not honour options that do not parse', () => {
    assert.equal(findingsOf(dockerfile('# check=skip=NoSuchCheck,MaintainerDeprecated', ...BODY), 'MaintainerDeprecated').length, 0);
    assert.equal(findingsOf(dockerfile('# check=skip=MaintainerDeprecated;colour=blue', ...BODY), 'MaintainerDeprecated').length, 1);
    assert.equal(findingsOf(dockerfile('# check=error=maybe', ...BODY), 'MaintainerDeprecated')[0].severity, 'warning');
  });

  it('parses the options as BuildKit does', () => {
    assert.deepEqual(parseCheckOptions('skip=A, B;error=true'), { skipAll: false, skip: ['A', 'B'], error: true });
    assert.deepEqual(parseCheckOptions('skip=all'), { skipAll: true, skip: [], error: false });
    assert.deepEqual(parseCheckOptions('error=1;experimental=all'), { skipAll: false, skip: [], error: true });
    assert.equal(parseCheckOptions('skip'), undefined);
    assert.equal(parseCheckOptions('error=yes'), undefined);
  });
});

describe('BuildKit per-instruction # check=skip comment', () => {
  it('skips the check on the instruction below only', () => {
    const text = dockerfile('FROM alpine:3.23', '# check=skip=MaintainerDeprecated', 'MAINTAINER me@example.org', 'MAINTAINER you@example.org');
    assert.deepEqual(findingsOf(text, 'MaintainerDeprecated').map((f) => f.range.start.line), [3]);
  });

  it('allows a note after a space, and other comments and blank lines between', () => {
    const text = dockerfile('FROM alpine:3.23', '# check=skip=JSONArgsRecommended signals are handled by the script', '# the start script', '', 'CMD ./start.sh');
    assert.equal(findingsOf(text, 'shell-form-command').length, 0);
  });

  it('an empty # line detaches the comments above it', () => {
    const text = dockerfile('FROM alpine:3.23', '# check=skip=JSONArgsRecommended', '#', 'CMD ./start.sh');
    assert.equal(findingsOf(text, 'shell-form-command').length, 1);
  });

  it('# check=skip=all there leaves the other instructions checked, and error= there does nothing', () => {
    const text = dockerfile('FROM alpine:3.23', '# check=skip=all', 'MAINTAINER me@example.org', '# check=error=true', 'CMD echo hello');
    assert.equal(findingsOf(text, 'MaintainerDeprecated').length, 0);
    assert.equal(findingsOf(text, 'shell-form-command')[0].severity, 'warning');
  });

  it('a check comment before the first FROM but after an ordinary comment applies to that FROM only', () => {
    const text = dockerfile('# Build the API', '# check=skip=StageNameCasing,MaintainerDeprecated', 'FROM alpine:3.23 AS Build', 'MAINTAINER me@example.org', 'CMD ["true"]');
    assert.equal(findingsOf(text, 'StageNameCasing').length, 0);
    assert.equal(findingsOf(text, 'MaintainerDeprecated').length, 1);
  });
});

describe('hadolint ignore comments', () => {
  const UNTAGGED = ['FROM golang AS build', 'RUN go build -o /app', 'FROM debian', 'COPY --from=build /app /app'];

  it('# hadolint ignore=DL3006 silences unpinned-base-image on the next instruction only', () => {
    const text = dockerfile('# hadolint ignore=DL3006', ...UNTAGGED);
    assert.deepEqual(findingsOf(text, 'unpinned-base-image').map((f) => f.range.start.line), [3]);
    assert.equal(findingsOf(text, 'runtime-not-distroless').length, 1, 'other rules on the line stay');
  });

  it('takes several codes and a note after a second #', () => {
    const text = dockerfile(...UNTAGGED.slice(0, 2), '# hadolint ignore=DL3007, DL3006 # we pin by digest in CI', 'FROM debian:latest', 'USER root');
    assert.equal(findingsOf(text, 'unpinned-base-image').length, 1);
    assert.equal(findingsOf(text, 'unpinned-base-image')[0].range.start.line, 0);
  });

  it('needs the instruction on the very next line, as hadolint does', () => {
    const text = dockerfile('# hadolint ignore=DL3006', '', ...UNTAGGED);
    assert.equal(findingsOf(text, 'unpinned-base-image').length, 2);
  });

  it('# hadolint global ignore= silences the whole file', () => {
    const text = dockerfile(...UNTAGGED, '# hadolint global ignore=DL3006');
    assert.equal(findingsOf(text, 'unpinned-base-image').length, 0);
  });

  it('# hadolint stage ignore= holds until the next FROM', () => {
    const text = dockerfile('# hadolint stage ignore=DL3006,DL4000', 'FROM golang AS build', 'MAINTAINER me@example.org', 'RUN go build -o /app', 'FROM debian', 'MAINTAINER me@example.org', 'COPY --from=build /app /app');
    assert.deepEqual(findingsOf(text, 'unpinned-base-image').map((f) => f.range.start.line), [4]);
    assert.deepEqual(findingsOf(text, 'MaintainerDeprecated').map((f) => f.range.start.line), [5]);
  });

  it('codes mapped to a BuildKit check silence our rules that cover it', () => {
    const text = dockerfile('FROM node:22', '# hadolint ignore=DL3064', 'ENV DB_PASSWORD=hunter2', 'ENV API_TOKEN=abc123', '# hadolint ignore=DL3025', 'CMD node server.js');
    assert.deepEqual(findingsOf(text, 'secret-in-image').map((f) => f.range.start.line), [3]);
    assert.equal(findingsOf(text, 'shell-form-command').length, 0);
  });

  it('DL3002 and DL3022 silence runtime-runs-as-root and unknown-stage-reference', () => {
    const text = dockerfile('FROM golang:1.23 AS build', 'RUN go build -o /app', 'FROM debian:13', '# hadolint ignore=DL3022', 'COPY --from=biuld /app /app', '# hadolint ignore=DL3002', 'USER root', 'CMD ["/app"]');
    assert.equal(findingsOf(text, 'unknown-stage-reference').length, 0);
    assert.equal(findingsOf(text, 'runtime-runs-as-root').length, 0);
    const without = text.replace(/# hadolint ignore=DL3\d+\n/g, '');
    assert.equal(findingsOf(without, 'unknown-stage-reference').length, 1);
    assert.equal(findingsOf(without, 'runtime-runs-as-root').length, 1);
  });

  it('ignores codes it has no equivalent of, and other rules stay', () => {
    const text = dockerfile('# hadolint ignore=DL3008,SC2086,DL9999,nonsense', ...UNTAGGED);
    assert.equal(findingsOf(text, 'unpinned-base-image').length, 2);
  });
});

describe('tally ignore comments', () => {
  it('# tally ignore= takes hadolint codes with or without the namespace, and a reason', () => {
    for (const code of ['DL3006', 'hadolint/DL3006', 'DL3006;reason=pinned by digest in CI']) {
      const text = dockerfile(`# tally ignore=${code}`, 'FROM debian', 'CMD ["true"]');
      assert.equal(findingsOf(text, 'unpinned-base-image').length, 0, code);
    }
  });

  it('takes BuildKit checks with or without buildkit/', () => {
    for (const code of ['buildkit/MaintainerDeprecated', 'MaintainerDeprecated']) {
      const text = dockerfile('FROM alpine:3.23', `# tally ignore=${code}`, 'MAINTAINER me@example.org', 'MAINTAINER you@example.org');
      assert.deepEqual(findingsOf(text, 'MaintainerDeprecated').map((f) => f.range.start.line), [3], code);
    }
  });

  it('# tally global ignore= with tally rule ids', () => {
    const text = dockerfile('FROM golang:1.23 AS tools', 'RUN go install example.com/tool@v1', 'FROM golang:1.23 AS build', 'RUN go build -o /app', 'FROM gcr.io/distroless/static-debian13:nonroot', 'COPY --from=build /app /app', '# tally global ignore=tally/no-unreachable-stages');
    assert.equal(findingsOf(text, 'unused-stage').length, 0);
    assert.equal(findingsOf(text.replace(/# tally.*\n/, ''), 'unused-stage').length, 1);
  });

  it('all silences what tally also checks, not the Stagecraft-only rules', () => {
    const text = dockerfile('# tally ignore=all', 'FROM debian', 'MAINTAINER me@example.org');
    assert.equal(findingsOf(text, 'unpinned-base-image').length, 0);
    assert.equal(findingsOf(text, 'runtime-not-distroless').length, 1);
  });

  it('ignores unknown rules and namespaces', () => {
    const text = dockerfile('# tally ignore=tally/max-lines,other/DL3006,buildkit/NoSuchCheck', 'FROM debian');
    assert.equal(findingsOf(text, 'unpinned-base-image').length, 1);
  });
});

describe('ignore comments on a hostile file', () => {
  it('10,000 comments and 20,000 findings stay linear (under 2 s)', () => {
    const lines = ['FROM debian'];
    for (let i = 0; i < 5_000; i++) {
      lines.push('# hadolint ignore=DL4000', 'MAINTAINER x', '# check=skip=MaintainerDeprecated', 'MAINTAINER y');
    }
    const instructions = parseDockerfile(lines.join('\n')).getInstructions();
    const findings: Finding[] = lines.flatMap((_, line) => [0, 1].map(() => ({ ruleId: 'MaintainerDeprecated', buildKitCheck: 'MaintainerDeprecated', severity: 'warning' as const, message: '', range: rangeOf(line, 0, line, 1) })));
    const started = Date.now();
    const kept = commentSilences(lines, instructions).apply(findings);
    const elapsed = Date.now() - started;
    // Only the findings on comment lines and on the FROM remain.
    assert.equal(kept.length, 2 * (1 + 10_000));
    // About 0.25 s on the development machine; the bound leaves room for a loaded CI runner.
    assert.ok(elapsed < 2_000, `${elapsed} ms`);
  });
});
