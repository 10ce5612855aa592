import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding } from '../../../server/src/core/types';
import { analyze, dockerfile, findingsOf } from '../helpers';

const RULE = 'shell-form-in-shellless-runtime';
const BUILD = ['FROM node:24 AS build', 'RUN npm ci && npm run build'];

function applyFirstFix(text: string, finding: Finding): string {
  const fix = finding.fixes?.[0];
  assert.ok(fix, 'expected a quick fix');
  return TextDocument.applyEdits(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text), fix.edits);
}

describe('rule shell-form-in-shellless-runtime', () => {
  it("rewrites CMD node server.js to the arguments of the Node image's entrypoint", () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/nodejs24-debian13:nonroot', 'COPY --from=build /app /app', 'CMD node server.js');
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 3 } });
    assert.match(finding.message, /has no shell: the container cannot start\. Use exec form: CMD \["server\.js"\]/);
    assert.match(finding.message, /entrypoint \/nodejs\/bin\/node/);
    const fixed = applyFirstFix(text, finding);
    assert.equal(fixed, dockerfile(...BUILD, 'FROM gcr.io/distroless/nodejs24-debian13:nonroot', 'COPY --from=build /app /app', 'CMD ["server.js"]'));
    assert.deepEqual(findingsOf(fixed, RULE), [], 'applying the fix removes the finding');
  });

  it('drops the runtime the Python and Java images already start', () => {
    const cases: [string, string, string][] = [
      ['gcr.io/distroless/python3-debian13', 'CMD python app.py', 'CMD ["app.py"]'],
      ['gcr.io/distroless/python3-debian13', 'CMD python3 -u app.py', 'CMD ["-u", "app.py"]'],
      ['gcr.io/distroless/java21-debian13', 'CMD java -jar app.jar', 'CMD ["app.jar"]'],
      ['gcr.io/distroless/static-debian13', 'CMD /app --port 8080', 'CMD ["/app", "--port", "8080"]'],
      ['scratch', 'ENTRYPOINT /app serve', 'ENTRYPOINT ["/app", "serve"]'],
      ['gcr.io/distroless/nodejs22-debian13', 'ENTRYPOINT node server.js', 'ENTRYPOINT ["/nodejs/bin/node", "server.js"]'],
    ];
    for (const [image, before, after] of cases) {
      const text = dockerfile(...BUILD, `FROM ${image}`, before);
      const [finding] = findingsOf(text, RULE);
      assert.equal(applyFirstFix(text, finding), dockerfile(...BUILD, `FROM ${image}`, after), before);
    }
  });

  it('treats a single-quoted array as the shell form Docker runs it as, and fixes the quotes', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/nodejs24-debian13', "CMD ['node', 'server.js']");
    const [finding] = findingsOf(text, RULE);
    assert.match(finding.message, /CMD is not valid JSON \(use double quotes\), so it is shell form/);
    assert.equal(applyFirstFix(text, finding), dockerfile(...BUILD, 'FROM gcr.io/distroless/nodejs24-debian13', 'CMD ["server.js"]'));
  });

  it('ignores an empty CMD (a parse error, not a shell)', () => {
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13', 'CMD'), RULE), []);
  });

  it('passes CMD to an ENTRYPOINT inherited through FROM <stage>', () => {
    const base = ['FROM gcr.io/distroless/static-debian13 AS base', 'ENTRYPOINT ["/app"]'];
    const text = dockerfile(...BUILD, ...base, 'FROM base', 'CMD --port 8080');
    const [finding] = findingsOf(text, RULE);
    assert.equal(applyFirstFix(text, finding), dockerfile(...BUILD, ...base, 'FROM base', 'CMD ["--port", "8080"]'));
  });

  it('reports a shell-form CMD inherited from a FROM <stage> parent, where it is written', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13 AS base', 'CMD /app', 'FROM base', 'USER 65532');
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.range.start.line, 3);
  });

  it('rewrites a CMD written over continuation lines, also with the backtick escape', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13', 'CMD /app \\', '  --port 8080');
    const [finding] = findingsOf(text, RULE);
    assert.equal(applyFirstFix(text, finding), dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13', 'CMD ["/app", "--port", "8080"]'));
    const backtick = dockerfile('# escape=`', ...BUILD, 'FROM gcr.io/distroless/static-debian13', 'CMD /app `', '  --port 8080');
    const [other] = findingsOf(backtick, RULE);
    assert.equal(applyFirstFix(backtick, other), dockerfile('# escape=`', ...BUILD, 'FROM gcr.io/distroless/static-debian13', 'CMD ["/app", "--port", "8080"]'));
  });

  it('drops python from a shell-form CMD on Chainguard python, whose ENTRYPOINT is /usr/bin/python', () => {
    const text = dockerfile(...BUILD, 'FROM cgr.dev/chainguard/python:latest', 'CMD python app.py');
    const [finding] = findingsOf(text, RULE);
    assert.equal(applyFirstFix(text, finding), dockerfile(...BUILD, 'FROM cgr.dev/chainguard/python:latest', 'CMD ["app.py"]'));
  });

  it('is quiet on Chainguard node, which ships busybox (locked_config.json)', () => {
    assert.deepEqual(findingsOf(dockerfile(...BUILD, 'FROM cgr.dev/chainguard/node:latest', 'CMD node server.js'), RULE), []);
  });

  it('offers no fix when the command needs a shell or the entrypoint is unknown', () => {
    for (const [image, cmd] of [
      ['gcr.io/distroless/static-debian13', 'CMD /app --port $PORT'],
      ['gcr.io/distroless/static-debian13', 'CMD PORT=80 /app'],
      ['gcr.io/distroless/nodejs24-debian13', 'CMD /app/server'],
      ['cgr.dev/chainguard/php:latest', 'CMD php -S 0.0.0.0:8080 -t /app'],
    ]) {
      const [finding] = findingsOf(dockerfile(...BUILD, `FROM ${image}`, cmd), RULE);
      assert.ok(finding, cmd);
      assert.equal(finding.fixes, undefined, cmd);
      assert.match(finding.message, /Write it in exec form/);
    }
  });

  it('reports a shell-form ENTRYPOINT but not the CMD it ignores, and does not fix it when a CMD would start being appended', () => {
    const text = dockerfile(...BUILD, 'FROM gcr.io/distroless/static-debian13', 'ENTRYPOINT /app', 'CMD --verbose');
    const findings = findingsOf(text, RULE);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /Shell-form ENTRYPOINT/);
    assert.equal(findings[0].fixes, undefined);
  });

  it('is quiet on exec form, on images with a shell, debug tags, unknown images and builder stages', () => {
    for (const text of [
      dockerfile(...BUILD, 'FROM gcr.io/distroless/nodejs24-debian13', 'CMD ["server.js"]'),
      dockerfile(...BUILD, 'FROM node:24-slim', 'CMD node server.js'),
      dockerfile(...BUILD, 'FROM gcr.io/distroless/nodejs24-debian13:debug', 'CMD node server.js'),
      dockerfile('ARG RUNTIME', ...BUILD, 'FROM ${RUNTIME}', 'CMD node server.js'),
      dockerfile('FROM scratch AS files', 'CMD /x', 'FROM alpine:3.20', 'CMD ["/bin/true"]'),
    ]) {
      assert.deepEqual(findingsOf(text, RULE), [], text);
    }
  });

  it('follows the configured target and never shares an instruction with shell-form-command', () => {
    const text = dockerfile('FROM gcr.io/distroless/static-debian13 AS prod', 'CMD /app', 'FROM alpine:3.20 AS debug', 'CMD ["/bin/sh"]');
    const findings = analyze(text, { target: 'prod' }).findings.filter((f) => f.ruleId === RULE || f.ruleId === 'shell-form-command');
    assert.deepEqual(findings.map((f) => f.ruleId), [RULE]);
    assert.deepEqual(analyze(text).findings.filter((f) => f.ruleId === RULE), []);
  });
});
