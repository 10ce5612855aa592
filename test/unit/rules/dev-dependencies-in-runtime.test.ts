import * as assert from 'node:assert/strict';
import { analyze, applyEdits, dockerfile, findingsOf } from '../helpers';

const RULE = 'dev-dependencies-in-runtime';
const PHP = ['FROM php:8.4-fpm', 'WORKDIR /var/www', 'COPY --from=composer:2 /usr/bin/composer /usr/bin/composer', 'COPY . .'];

/** The text after applying the rule's first finding's fix. */
function fixedText(text: string): string | undefined {
  const finding = analyze(text).findings.find((f) => f.ruleId === RULE);
  const fix = finding?.fixes?.[0];
  return fix ? applyEdits(text, fix.edits) : undefined;
}

describe('rule dev-dependencies-in-runtime', () => {
  it('warns on composer install without --no-dev in the shipped stage, with a fix that adds it', () => {
    const text = dockerfile(...PHP, 'RUN composer install --optimize-autoloader', 'CMD ["php-fpm"]');
    const [finding, ...rest] = findingsOf(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 4, character: 4 }, end: { line: 4, character: 20 } });
    assert.match(finding.message, /require-dev/);
    const fixed = fixedText(text) ?? '';
    assert.match(fixed, /RUN composer install --no-dev --optimize-autoloader\n/);
    assert.deepEqual(findingsOf(fixed, RULE), []);
  });

  it('warns on Xdebug, bundle install with the dev groups, dev requirement files and dev groups', () => {
    for (const [lines, message] of [
      [[...PHP, 'RUN pecl install xdebug-3.4.0 && docker-php-ext-enable xdebug'], /Xdebug/],
      [[...PHP, 'RUN install-php-extensions xdebug'], /Xdebug/],
      [['FROM ubuntu:24.04', 'RUN apt-get update && apt-get install -y php8.3-fpm php8.3-xdebug'], /Xdebug/],
      [['FROM ruby:3.4-slim', 'WORKDIR /app', 'COPY . .', 'RUN bundle install', 'CMD ["bundle", "exec", "puma"]'], /BUNDLE_WITHOUT/],
      [['FROM python:3.13-slim', 'COPY . .', 'RUN pip install --no-cache-dir -r requirements.txt -r requirements-dev.txt', 'CMD ["gunicorn", "app:app"]'], /requirements-dev\.txt/],
      [['FROM python:3.13-slim', 'COPY . .', 'RUN pip install -e ".[dev]"', 'CMD ["gunicorn", "app:app"]'], /\.\[dev\]/],
      [['FROM python:3.13-slim', 'COPY . .', 'RUN poetry install', 'CMD ["gunicorn", "app:app"]'], /--without dev/],
      [['FROM python:3.13-slim', 'COPY . .', 'RUN uv sync --frozen', 'CMD ["gunicorn", "app:app"]'], /--no-dev/],
    ] as const) {
      const findings = findingsOf(dockerfile(...lines), RULE);
      assert.equal(findings.length, 1, lines.join(' | '));
      assert.match(findings[0].message, message, lines.join(' | '));
    }
  });

  it('on npm ci with nothing built after it, adds --omit=dev; with a build after it, says to prune', () => {
    const plain = dockerfile('FROM node:24-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["node", "server.js"]');
    assert.match(findingsOf(plain, RULE)[0]?.message ?? '', /nothing here builds with them: use `npm ci --omit=dev`/);
    assert.equal(fixedText(plain), plain.replace('RUN npm ci', 'RUN npm ci --omit=dev'));
    // The flag on another npm command is no production install (a misplaced fix once put it there).
    const elsewhere = dockerfile('FROM node:24-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm install && npm cache clean --force --omit=dev', 'CMD ["node", "server.js"]');
    assert.equal(findingsOf(elsewhere, RULE).length, 1);
    const reinstalled = dockerfile('FROM node:24-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm install && npm run build && npm install --omit=dev', 'CMD ["node", "server.js"]');
    assert.deepEqual(findingsOf(reinstalled, RULE), [], 'a later production install replaces it');
    const builds = dockerfile('FROM node:24-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'RUN npm run build', 'CMD ["node", "dist/server.js"]');
    const [finding] = findingsOf(builds, RULE);
    assert.match(finding.message, /prune them once it is done \(`npm prune --omit=dev` after the build\)/);
    assert.equal(finding.fixes, undefined);
  });

  it('offers the fix without Fix all applying it where the image may be a development one', () => {
    const preferred = (text: string) => findingsOf(text, RULE)[0]?.fixes?.[0]?.isPreferred;
    assert.equal(preferred(dockerfile('FROM node:24-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["node", "server.js"]')), true);
    // skaffold's hot-reload example: a build argument picks the mode, and the dev profile starts nodemon.
    assert.equal(preferred(dockerfile('FROM node:24-slim', 'ARG ENV=production', 'ENV NODE_ENV=$ENV', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["node", "server.js"]')), false);
    assert.equal(preferred(dockerfile('FROM node:24-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["npx", "nodemon", "server.js"]')), false);
    assert.equal(preferred(dockerfile(...PHP, 'RUN composer install', 'CMD ["php", "artisan", "serve", "--host=0.0.0.0"]')), false);
  });

  it('is quiet on production installs, in builders, in dev targets, and where build-tools-in-runtime reports', () => {
    for (const lines of [
      [...PHP, 'RUN composer install --no-dev --optimize-autoloader'],
      [...PHP, 'ENV COMPOSER_NO_DEV=1', 'RUN composer install'],
      [['FROM composer:2 AS vendor', 'COPY . .', 'RUN composer install', 'FROM php:8.4-fpm', 'COPY --from=vendor /app/vendor ./vendor'], ''],
      ['FROM ruby:3.4-slim', 'ENV BUNDLE_WITHOUT="development:test"', 'RUN bundle install', 'CMD ["puma"]'],
      ['FROM ruby:3.4-slim', 'ENV BUNDLE_DEPLOYMENT=1', 'RUN bundle install', 'CMD ["puma"]'],
      ['FROM ruby:3.4-slim', "RUN bundle config set --local without 'development test' && bundle install", 'CMD ["puma"]'],
      ['FROM node:24-slim', 'COPY . .', 'RUN npm ci --omit=dev', 'CMD ["node", "a.js"]'],
      ['FROM node:24-slim', 'ENV NODE_ENV=production', 'COPY . .', 'RUN npm ci', 'CMD ["node", "a.js"]'],
      ['FROM node:24-slim', 'COPY . .', 'RUN npm ci && npm run build && npm prune --omit=dev', 'CMD ["node", "a.js"]'],
      ['FROM node:24-slim', 'RUN npm install -g pm2', 'CMD ["pm2-runtime", "a.js"]'],
      ['FROM python:3.13-slim', 'COPY . .', 'RUN pip install -r requirements.txt', 'CMD ["gunicorn", "app:app"]'],
      ['FROM python:3.13-slim', 'COPY . .', 'RUN poetry install --only main', 'CMD ["gunicorn", "app:app"]'],
      ['FROM python:3.13-slim', 'COPY . .', 'RUN uv sync --no-dev', 'CMD ["gunicorn", "app:app"]'],
      // npm ci in a builder, the runtime gets the output only
      ['FROM node:24 AS build', 'COPY . .', 'RUN npm ci && npm run build', 'FROM node:24-slim', 'COPY --from=build /app/dist ./dist', 'CMD ["node", "dist/a.js"]'],
      // a dev target that is not shipped
      ['FROM php:8.4-fpm AS dev', 'RUN pecl install xdebug', 'FROM php:8.4-fpm AS prod', 'CMD ["php-fpm"]'],
      // a final stage named for development
      ['FROM php:8.4-fpm AS dev', 'RUN pecl install xdebug && docker-php-ext-enable xdebug'],
      // version checks, and test-runner images
      ['FROM node:24-slim', 'RUN yarn --version && bundle --version', 'CMD ["node", "a.js"]'],
      ['FROM python:3.13-slim', 'RUN pip install -r requirements-test.txt', 'CMD ["pytest", "-s", "tests"]'],
      ['FROM node:24', 'RUN npm ci', 'ENTRYPOINT ["/usr/bin/npx", "playwright"]', 'CMD ["test"]'],
      // multi-stage runtime: build-tools-in-runtime reports npm ci there
      ['FROM node:24 AS build', 'RUN echo', 'FROM node:24-slim', 'COPY . .', 'RUN npm ci', 'CMD ["node", "a.js"]'],
    ]) {
      const flat = (lines as readonly (string | readonly string[])[]).flat();
      assert.deepEqual(findingsOf(dockerfile(...flat.filter((l) => l !== '')), RULE), [], flat.join(' | '));
    }
  });
});
