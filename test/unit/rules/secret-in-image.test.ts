import * as assert from 'node:assert/strict';
import { dockerfile, findingsOf } from '../helpers';

const RULE = 'secret-in-image';
const BUILD = ['FROM node:24 AS build', 'WORKDIR /src', 'COPY . .', 'RUN npm ci && npm run build'];
const RUNTIME = ['FROM gcr.io/distroless/nodejs24-debian13:nonroot', 'COPY --from=build /src/dist /app'];

describe('rule secret-in-image', () => {
  it('reports ENV with a secret name and a literal value in the shipped stage, on the name', () => {
    const text = dockerfile(...BUILD, ...RUNTIME, 'ENV DB_PASSWORD=s3cr3t-Pa55', 'CMD ["/app/server.js"]');
    const [finding, ...rest] = findingsOf(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.range, { start: { line: 6, character: 4 }, end: { line: 6, character: 15 } });
    assert.match(finding.message, /ENV DB_PASSWORD has a literal secret value, .*image config.*RUN --mount=type=secret/);
  });

  it('knows the secret words as BuildKit bounds them, and the legacy `ENV NAME value` form', () => {
    for (const env of ['ENV NPM_TOKEN=npm_abcdefgh1234', 'ENV AWS_SECRET_ACCESS_KEY wJalrXUtnFEMIK7MDENGbPxRfiCY', 'ENV STRIPE_APIKEY="sk_live_123456"', 'ENV GITHUB_AUTH_TOKEN=ghp_1234abcd', 'ENV A=1 JWT_SECRET=hunter2hunter2', 'ENV ADMIN_PASSWD=abcdef1', 'ARG CREDENTIALS=user:s3cret']) {
      assert.equal(findingsOf(dockerfile(...RUNTIME, env), RULE).length, 1, env);
    }
  });

  it('reports an ARG default with a secret in any stage: build arguments are in the history', () => {
    const text = dockerfile('ARG REGISTRY_TOKEN=glpat-abcdef123456', ...BUILD.slice(0, 1), 'ARG API_KEY=AKIA1234567890', ...BUILD.slice(1), ...RUNTIME);
    const findings = findingsOf(text, RULE);
    assert.deepEqual(findings.map((f) => f.range.start.line), [0, 2]);
    assert.match(findings[0].message, /ARG REGISTRY_TOKEN .*committed with the Dockerfile .*history .*without a default/);
  });

  it('reports a URL with a password in it, but not one without', () => {
    assert.equal(findingsOf(dockerfile(...RUNTIME, 'ENV DB_AUTH=postgres://app:pa55word@db:5432/app'), RULE).length, 1);
    assert.deepEqual(findingsOf(dockerfile(...RUNTIME, 'ENV OAUTH_TOKEN=https://auth.example.org/token'), RULE), []);
  });

  it('is quiet on references, empty values, placeholders, switches, paths and non-secret names', () => {
    for (const line of [
      'ARG NPM_TOKEN',
      'ARG NPM_TOKEN=',
      'ENV NPM_TOKEN=${NPM_TOKEN}',
      'ENV DB_PASSWORD=$DB_PASSWORD',
      'ENV API_KEY=changeme',
      'ENV API_KEY=<your-api-key>',
      'ENV DISCORD_TOKEN=YOUR_DISCORD_TOKEN',
      'ENV SECRET_KEY=xxxxxxxx',
      'ENV SKIP_AUTH=true',
      'ENV TOKEN_TTL=3600',
      'ENV JWT_SECRET_FILE=/run/secrets/jwt',
      'ENV SSL_KEY=/etc/ssl/private/server.key',
      'ENV PUBLIC_KEY=ssh-ed25519AAAAC3',
      'ENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D',
      'ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7',
      'ENV AUTH_URL=https://login.example.org',
      'ENV OAUTH2_PROXY_VERSION v5.1.1',
      'ENV MONKEY=banana-bread',
      'ENV TOKENIZERS_PARALLELISM=false-ish',
      'ENV DefaultProcess__Filters__0__Key=ProcessId',
    ]) {
      assert.deepEqual(findingsOf(dockerfile(...RUNTIME, line), RULE), [], line);
    }
  });

  it('counts ENV only in the shipped stage: a builder that does not ship keeps it out of the image', () => {
    const text = dockerfile('FROM node:24 AS build', 'ENV NPM_TOKEN=npm_abcdefgh1234', 'RUN npm ci', ...RUNTIME);
    assert.deepEqual(findingsOf(text, RULE), []);
    // The configured target ships, and a stage built FROM a stage inherits its ENV.
    const chained = dockerfile('FROM node:24 AS base', 'ENV NPM_TOKEN=npm_abcdefgh1234', 'FROM base AS app', 'CMD ["node", "server.js"]', 'FROM base AS dev');
    assert.equal(findingsOf(chained, RULE, { target: 'app' }).length, 1);
  });

  it('reports key, credential and .env files copied into the shipped stage, on the source', () => {
    for (const copy of ['COPY id_rsa /root/.ssh/id_rsa', 'COPY certs/server.key /etc/tls/', 'ADD privkey.pem /tls/', 'COPY .netrc /root/', 'COPY ["config/.pypirc", "/root/"]', 'COPY .ssh/ /root/.ssh/', 'COPY --from=build /root/.ssh/id_ed25519 /keys/']) {
      const findings = findingsOf(dockerfile(...BUILD, ...RUNTIME, copy), RULE);
      assert.equal(findings.length, 1, copy);
      assert.equal(findings[0].severity, 'error', copy);
      assert.equal(findings[0].range.start.line, 6, copy);
      assert.match(findings[0].message, /is copied into the shipped image.*even if a later step deletes it/, copy);
    }
  });

  it('reports .env files as a warning that depends on secrets in them', () => {
    for (const copy of ['COPY .env ./', 'COPY .env.production /app/', 'COPY --from=build /app/.env /app/.env', 'COPY config/prod.env /app/']) {
      const [finding, ...rest] = findingsOf(dockerfile(...BUILD, ...RUNTIME, copy), RULE);
      assert.equal(rest.length, 0, copy);
      assert.equal(finding.severity, 'warning', copy);
      assert.match(finding.message, /if it holds secrets .*--env-file/, copy);
    }
  });

  it('reports .npmrc as a warning that depends on a token in it', () => {
    const [finding] = findingsOf(dockerfile(...RUNTIME, 'COPY .npmrc package.json package-lock.json ./'), RULE);
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /if it holds a registry token .*--mount=type=secret,id=npmrc/);
  });

  it('is quiet on copies in builder stages, examples, certificates, public keys and globs', () => {
    for (const text of [
      dockerfile('FROM node:24 AS build', 'COPY .npmrc .env id_rsa ./', 'RUN npm ci', ...RUNTIME),
      dockerfile(...RUNTIME, 'COPY .env.example .env.sample example.env test.env ./'),
      dockerfile(...RUNTIME, 'COPY ca.pem /usr/local/share/ca-certificates/ca.crt'),
      dockerfile(...RUNTIME, 'COPY fullchain.pem cert.pem /etc/tls/'),
      dockerfile(...RUNTIME, 'COPY id_rsa.pub public.key /keys/'),
      dockerfile(...RUNTIME, 'COPY *.key /keys/'),
      dockerfile(...RUNTIME, 'COPY <<EOF /app/.env\nMODE=prod\nEOF'),
    ]) {
      assert.deepEqual(findingsOf(text, RULE), [], text);
    }
  });

  it('honours BuildKit\'s check=skip=SecretsUsedInArgOrEnv for ARG/ENV, not for copied keys', () => {
    const text = dockerfile('# syntax=docker/dockerfile:1', '# check=skip=SecretsUsedInArgOrEnv', ...RUNTIME, 'ENV API_KEY=abcdef123456', 'COPY id_rsa /root/.ssh/');
    assert.deepEqual(findingsOf(text, RULE).map((f) => f.range.start.line), [5]);
    // BuildKit reads check names case-sensitively: a lowercase name skips nothing.
    const lowercase = dockerfile('# check=skip=secretsusedinargorenv', ...RUNTIME, 'ENV API_KEY=abcdef123456');
    assert.equal(findingsOf(lowercase, RULE).length, 1);
    // Later in the file it is BuildKit's per-instruction skip (Dockerfile 1.21): the instruction below only.
    const late = dockerfile(...RUNTIME, '# check=skip=SecretsUsedInArgOrEnv', 'ENV API_KEY=abcdef123456', 'ENV DB_PASSWORD=hunter2');
    assert.deepEqual(findingsOf(late, RULE).map((f) => f.range.start.line), [RUNTIME.length + 2]);
  });

  it('can be silenced with an ignore comment', () => {
    const text = dockerfile(...RUNTIME, '# stagecraft-ignore secret-in-image', 'ENV API_KEY=abcdef123456');
    assert.deepEqual(findingsOf(text, RULE), []);
  });
});
