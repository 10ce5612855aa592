import * as assert from 'node:assert/strict';
import { analyze, applyEdits, dockerfile, findingsOf } from '../helpers';

const RULE = 'nginx-stop-signal';
const BUILD = ['FROM node:24 AS build', 'WORKDIR /app', 'COPY . .', 'RUN npm ci && npm run build'];

describe('rule nginx-stop-signal', () => {
  it('notes an override of the official image\'s STOPSIGNAL SIGQUIT, on the STOPSIGNAL line', () => {
    const text = dockerfile(...BUILD, 'FROM nginx:1.29-alpine', 'COPY --from=build /app/dist /usr/share/nginx/html', 'STOPSIGNAL SIGTERM');
    const [finding, ...rest] = findingsOf(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'information');
    assert.equal(finding.range.start.line, 6);
    assert.match(finding.message, /replaces the nginx image's `STOPSIGNAL SIGQUIT`/);
  });

  it('notes nginx started on another base without SIGQUIT, with a fix that adds it before the start', () => {
    const text = dockerfile('FROM debian:trixie-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*', 'CMD ["nginx", "-g", "daemon off;"]');
    const [finding] = findingsOf(text, RULE);
    assert.match(finding.message, /add `STOPSIGNAL SIGQUIT`/);
    const fixed = applyEdits(text, finding.fixes?.[0].edits ?? []);
    assert.match(fixed, /\nSTOPSIGNAL SIGQUIT\nCMD \["nginx"/);
    assert.deepEqual(findingsOf(fixed, RULE), []);
    assert.match(findingsOf(dockerfile('FROM alpine:3.22', 'RUN apk add nginx', 'STOPSIGNAL SIGKILL', 'CMD nginx -g "daemon off;"'), RULE)[0]?.message ?? '', /`STOPSIGNAL SIGKILL` makes `docker stop` drop them/);
  });

  it('is quiet on the official image as it is, on SIGQUIT in any spelling, and when nginx is not what runs', () => {
    for (const lines of [
      [...BUILD, 'FROM nginx:1.29', 'COPY --from=build /app/dist /usr/share/nginx/html'],
      [...BUILD, 'FROM nginxinc/nginx-unprivileged:1.29', 'COPY --from=build /app/dist /usr/share/nginx/html', 'CMD ["nginx", "-g", "daemon off;"]'],
      ['FROM nginx:1.29', 'STOPSIGNAL QUIT'],
      ['FROM debian:trixie-slim', 'RUN apt-get install -y nginx', 'STOPSIGNAL SIGQUIT', 'CMD ["nginx", "-g", "daemon off;"]'],
      ['FROM debian:trixie-slim', 'RUN apt-get install -y nginx supervisor', 'CMD ["supervisord", "-n"]'],
      // nginx in a stage that does not ship
      ['FROM debian:trixie-slim AS proxy', 'CMD ["nginx", "-g", "daemon off;"]', 'FROM gcr.io/distroless/static-debian13', 'COPY --from=proxy /etc/hostname /x', 'ENTRYPOINT ["/app"]'],
    ]) {
      assert.deepEqual(findingsOf(dockerfile(...lines), RULE), [], lines.join(' | '));
    }
    assert.equal(analyze(dockerfile('FROM nginx:1.29', 'STOPSIGNAL SIGTERM')).findings.filter((f) => f.ruleId === RULE).length, 1);
  });
});
