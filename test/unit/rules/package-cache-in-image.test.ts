import * as assert from 'node:assert/strict';
import { applyEdits, dockerfile, findingsOf } from '../helpers';

const RULE = 'package-cache-in-image';

describe('rule package-cache-in-image', () => {
  it('reports pip install without --no-cache-dir on the verb, with a fix that adds the flag', () => {
    const text = dockerfile('FROM python:3.13-slim', 'COPY requirements.txt .', 'RUN pip install -r requirements.txt', 'COPY . .', 'CMD ["python", "app.py"]');
    const [finding, ...rest] = findingsOf(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 2, character: 8 }, end: { line: 2, character: 15 } });
    assert.match(finding.message, /`pip install` leaves its wheel cache.*add `--no-cache-dir`.*--mount=type=cache,target=\/root\/\.cache\/pip/);
    const fixed = applyEdits(text, finding.fixes?.[0].edits ?? []);
    assert.match(fixed, /^RUN pip install --no-cache-dir -r requirements\.txt$/m);
    assert.deepEqual(findingsOf(fixed, RULE), []);
  });

  it('knows each package manager and reports each once per RUN', () => {
    for (const [run, what] of [
      ['RUN python -m pip install flask', 'pip install'],
      ['RUN pip3 install flask && pip3 install gunicorn', 'pip3 install'],
      ['RUN apt-get update && apt-get install -y curl', 'apt-get update'],
      ['RUN apk add curl', 'apk add'],
      ['RUN npm ci --omit=dev', 'npm ci'],
      ['RUN npm install -g serve', 'npm install'],
      ['RUN yarn install --frozen-lockfile', 'yarn install'],
      ['RUN yarn', 'yarn'],
      ['RUN bundle install', 'bundle install'],
      ['RUN uv sync --frozen', 'uv sync'],
      // `apt-get clean` empties the .deb cache, not the lists; `~/.pip/cache` is pip 5's cache.
      ['RUN apt-get update && apt-get install -y curl && apt-get clean', 'apt-get update'],
      ['RUN pip install flask && rm -rf ~/.pip/cache', 'pip install'],
    ]) {
      const found = findingsOf(dockerfile('FROM debian:13-slim', run), RULE);
      assert.equal(found.length, 1, run);
      assert.ok(found[0].message.startsWith(`\`${what}\``), `${run}: ${found[0].message}`);
    }
  });

  it('fixes apt lists, apk, npm and yarn in the same RUN', () => {
    for (const [run, fixed] of [
      ['RUN apt-get update && apt-get install -y --no-install-recommends curl', 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*'],
      ['RUN apk add curl', 'RUN apk add --no-cache curl'],
      ['RUN npm ci', 'RUN npm ci && npm cache clean --force'],
      ['RUN yarn install', 'RUN yarn install && yarn cache clean'],
    ]) {
      const text = dockerfile('FROM debian:13-slim', run);
      const [finding] = findingsOf(text, RULE);
      const after = applyEdits(text, finding.fixes?.[0].edits ?? []);
      assert.equal(after, dockerfile('FROM debian:13-slim', fixed));
      assert.deepEqual(findingsOf(after, RULE), [], fixed);
    }
  });

  it('offers no fix where appending would break the step or a later one', () => {
    for (const run of [
      'RUN apt-get update', // a later RUN installs from these lists
      'RUN apt-get update && apt-get install -y curl;',
      'RUN ["npm", "ci"]',
      'RUN bundle install',
    ]) {
      const [finding] = findingsOf(dockerfile('FROM debian:13-slim', run), RULE);
      assert.ok(finding, run);
      assert.equal(finding.fixes, undefined, run);
    }
  });

  it('is quiet when the step handles its cache', () => {
    for (const lines of [
      ['RUN pip install --no-cache-dir flask'],
      ['ENV PIP_NO_CACHE_DIR=1', 'RUN pip install flask'],
      ['RUN PIP_NO_CACHE_DIR=1 pip install flask'],
      ['RUN pip install flask && pip cache purge'],
      ['RUN pip install flask && rm -rf /root/.cache'],
      ['RUN --mount=type=cache,target=/root/.cache/pip pip install flask'],
      ['RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'],
      ['RUN set -eux; apt-get update; apt-get install -y curl; apt-get dist-clean'],
      ['RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y gcc'],
      ['RUN apt-get install -y curl'],
      ['RUN apk add --no-cache curl'],
      ['RUN apk add --update curl && rm -rf /var/cache/apk/*'],
      ['RUN apk add --no-network --virtual .rundeps $deps'],
      ['RUN npm ci && npm cache clean --force'],
      ['RUN --mount=type=cache,target=/root/.npm npm ci'],
      ['RUN yarn install && yarn cache clean'],
      ['RUN bundle install && rm -rf /usr/local/bundle/cache'],
      ['RUN uv sync --no-cache'],
      ['ENV UV_NO_CACHE=1', 'RUN uv sync'],
      ['RUN bundle --version && yarn --version'],
      ['RUN pip install --no-cache flask'],
      ['ARG PIP_NO_CACHE_DIR=1', 'RUN pip install flask'],
      ['RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/*'],
      ['RUN npm install -g npm@4 && npm cache clear'],
      ['RUN yarn global add serve && rm -rf /usr/local/share/.cache'],
      ['RUN set -eux; apt-get update; apt-get install -y curl; {{ clean_apt }}'],
    ]) {
      assert.deepEqual(findingsOf(dockerfile('FROM debian:13-slim', ...lines), RULE), [], lines.join('\n'));
    }
  });

  it('is quiet in builder stages whose artifacts alone ship', () => {
    const text = dockerfile(
      'FROM node:24 AS build',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN npm ci',
      'COPY . .',
      'RUN npm run build',
      'FROM python:3.13-slim AS tools',
      'RUN pip install build',
      'FROM gcr.io/distroless/nodejs24-debian13',
      'COPY --from=build /app/dist /app',
      'CMD ["/app/server.js"]',
    );
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('reports in the stages the runtime is built FROM or copies wholesale, once per instruction', () => {
    const text = dockerfile(
      'FROM python:3.13-slim AS base',
      'RUN pip install flask',
      'FROM base AS deps',
      'RUN pip install gunicorn',
      'FROM alpine:3.22 AS rootfs',
      'RUN apk add curl',
      'FROM scratch',
      'COPY --from=rootfs / /',
      'FROM deps',
      'CMD ["gunicorn", "app:app"]',
    );
    // The last stage ships; `scratch` with the rootfs copy does not.
    assert.deepEqual(findingsOf(text, RULE).map((f) => f.range.start.line), [1, 3]);
    const wholesale = dockerfile('FROM alpine:3.22 AS rootfs', 'RUN apk add curl', 'FROM scratch', 'COPY --from=rootfs / /', 'ENTRYPOINT ["/usr/bin/curl"]');
    assert.deepEqual(findingsOf(wholesale, RULE).map((f) => f.range.start.line), [1]);
  });

  it('follows the configured target and stays quiet for files that are not production images', () => {
    const text = dockerfile('FROM python:3.13-slim AS dev', 'RUN pip install pytest', 'FROM python:3.13-slim AS prod', 'RUN pip install --no-cache-dir flask');
    assert.deepEqual(findingsOf(text, RULE), []);
    assert.equal(findingsOf(text, RULE, { target: 'dev' }).length, 1);
    assert.deepEqual(findingsOf(dockerfile('# stagecraft: not-production', 'FROM python:3.13', 'RUN pip install flask'), RULE), []);
  });
});
