import * as assert from 'node:assert/strict';
import { applyEdits, dockerfile, findingsOf } from '../helpers';

const RULE = 'development-server-in-runtime';
/** The warnings only: the information findings about missing production settings have their own tests. */
function warningsOf(...args: Parameters<typeof findingsOf>) {
  return findingsOf(...args).filter((finding) => finding.severity === 'warning');
}

const PY = ['FROM python:3.13-slim', 'WORKDIR /app', 'COPY . .', 'RUN pip install --no-cache-dir -r requirements.txt'];

describe('rule development-server-in-runtime', () => {
  it('warns on manage.py runserver as the shipped command, on the subcommand, with what to run instead', () => {
    const text = dockerfile(...PY, 'CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]');
    const [finding, ...rest] = findingsOf(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 4, character: 28 }, end: { line: 4, character: 39 } });
    assert.match(finding.message, /`manage\.py runserver`, a development server .*gunicorn/);
  });

  it('recognises the development servers of each ecosystem, in shell form, exec form and sh -c', () => {
    for (const [image, start, what] of [
      ['python:3.13-slim', 'CMD flask run --host=0.0.0.0', 'flask run'],
      ['python:3.13-slim', 'CMD ["python", "-m", "flask", "run"]', 'flask run'],
      ['python:3.13-slim', 'CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--reload"]', 'uvicorn --reload'],
      ['python:3.13-slim', 'CMD ["sh", "-c", "gunicorn app:app --reload"]', 'gunicorn --reload'],
      ['node:24-slim', 'CMD ["nodemon", "index.js"]', 'nodemon'],
      ['node:24-slim', 'CMD ["npm", "run", "dev"]', 'npm run dev'],
      ['node:24-slim', 'CMD yarn dev', 'yarn dev'],
      ['node:24-slim', 'CMD ["npx", "next", "dev"]', 'next dev'],
      ['node:24-slim', 'CMD ["ng", "serve", "--host", "0.0.0.0"]', 'ng serve'],
      ['ruby:3.4', 'CMD ["bin/rails", "server", "-e", "development"]', 'rails server -e development'],
      ['php:8.4-cli', 'CMD php artisan serve --host=0.0.0.0', 'php artisan serve'],
      ['mcr.microsoft.com/dotnet/sdk:10.0', 'ENTRYPOINT ["dotnet", "watch", "run"]', 'dotnet watch'],
      ['golang:1.25', 'CMD ["go", "run", "."]', 'go run'],
      ['maven:3-eclipse-temurin-21', 'CMD ["mvn", "spring-boot:run"]', 'mvn spring-boot:run'],
    ]) {
      const [finding] = findingsOf(dockerfile(`FROM ${image}`, 'COPY . /app', start), RULE);
      assert.ok(finding?.message.includes(`\`${what}\``), `${start}: ${finding?.message}`);
    }
  });

  it('joins an exec-form ENTRYPOINT and CMD', () => {
    const text = dockerfile(...PY, 'ENTRYPOINT ["python"]', 'CMD ["manage.py", "runserver"]');
    assert.equal(findingsOf(text, RULE).length, 1);
  });

  it('warns on development and debug settings in the shipped stage, on the name', () => {
    for (const env of ['ENV FLASK_DEBUG=1', 'ENV DJANGO_DEBUG=True', 'ENV NODE_ENV=development', 'ENV RAILS_ENV development', 'ENV ASPNETCORE_ENVIRONMENT=Development', 'ENV DEBUG=True']) {
      const findings = findingsOf(dockerfile(...PY, env, 'CMD ["gunicorn", "app:app"]'), RULE);
      assert.equal(findings.length, 1, env);
      assert.equal(findings[0].range.start.line, 4, env);
      assert.match(findings[0].message, /puts the shipped image in (debug mode|the development environment)/, env);
    }
  });

  it('is quiet on production servers and settings', () => {
    for (const lines of [
      ['CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]'],
      ['CMD ["uvicorn", "main:app", "--workers", "4"]'],
      ['ENV FLASK_DEBUG=0 NODE_ENV=production DEBUG=false', 'CMD ["gunicorn", "app:app"]'],
      ['CMD ["npm", "run", "build"]'],
      ['CMD ["rails", "server", "-e", "production"]'],
      // DEBUG=1 for a C build, not a web app's debug mode.
      ['ENV DEBUG 1', 'RUN make', 'ENTRYPOINT ["/usr/local/bin/tool"]'],
      ['ENV DEBUG=express:*', 'CMD ["node", "server.js"]'],
    ]) {
      assert.deepEqual(warningsOf(dockerfile(...PY, ...lines), RULE), [], lines.join(' / '));
    }
  });

  it('only the shipped stage counts: --reload in a dev stage that is not shipped is fine', () => {
    const base = ['FROM python:3.13-slim AS base', 'COPY . /app'];
    const dev = ['FROM base AS dev', 'ENV FLASK_DEBUG=1', 'CMD ["uvicorn", "main:app", "--reload"]'];
    const prod = ['FROM base AS prod', 'CMD ["uvicorn", "main:app"]'];
    assert.deepEqual(warningsOf(dockerfile(...base, ...dev, ...prod), RULE), []);
    // The dev stage placed last is a development target by its name.
    assert.deepEqual(findingsOf(dockerfile(...base, ...prod, ...dev), RULE), []);
    // The configured target ships.
    assert.equal(findingsOf(dockerfile(...base, 'FROM base AS web', 'CMD ["flask", "run"]', ...prod), RULE, { target: 'web' }).length, 1);
  });

  it('is off for dev containers and can be silenced', () => {
    assert.deepEqual(findingsOf(dockerfile(...PY, 'CMD ["flask", "run"]'), RULE, { documentPath: '/w/.devcontainer/Dockerfile' }), []);
    assert.deepEqual(findingsOf(dockerfile(...PY, '# stagecraft-ignore development-server-in-runtime', 'CMD ["flask", "run"]'), RULE), []);
  });

  describe('missing production settings (information)', () => {
    const NODE = ['FROM node:24-slim', 'WORKDIR /app', 'COPY --from=build /app ./'];

    it('suggests NODE_ENV=production for a Node runtime, with a fix that adds it before CMD', () => {
      const text = dockerfile('FROM node:24 AS build', 'RUN npm ci && npm run build', ...NODE, 'CMD ["node", "dist/server.js"]');
      const [finding, ...rest] = findingsOf(text, RULE);
      assert.equal(rest.length, 0);
      assert.equal(finding.severity, 'information');
      assert.match(finding.message, /without `NODE_ENV=production`.*runtime stage only/);
      const fixed = applyEdits(text, finding.fixes?.[0].edits ?? []);
      assert.equal(fixed, dockerfile('FROM node:24 AS build', 'RUN npm ci && npm run build', ...NODE, 'ENV NODE_ENV=production', 'CMD ["node", "dist/server.js"]'));
      assert.deepEqual(findingsOf(fixed, RULE), []);
    });

    it('suggests PYTHONUNBUFFERED for a Python runtime, also on distroless where the image runs python', () => {
      const text = dockerfile(...PY, 'CMD ["gunicorn", "app:app"]');
      const [finding] = findingsOf(text, RULE);
      assert.match(finding.message, /without `PYTHONUNBUFFERED=1`/);
      assert.match(applyEdits(text, finding.fixes?.[0].edits ?? []), /ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nCMD \["gunicorn"/);
      const distroless = findingsOf(dockerfile('FROM gcr.io/distroless/python3-debian13', 'COPY --from=build /app /app', 'CMD ["/app/main.py"]'), RULE);
      assert.equal(distroless.length, 1);
      // Inherited CMD: the ENV goes after the stage's last instruction.
      const inherited = dockerfile('FROM python:3.13-slim AS base', 'CMD ["python", "app.py"]', 'FROM base', 'COPY . /app');
      assert.equal(applyEdits(inherited, findingsOf(inherited, RULE)[0].fixes?.[0].edits ?? []), inherited + 'ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\n');
    });

    it('is quiet where the setting is there, in builders, and for other runtimes', () => {
      for (const lines of [
        ['FROM node:24-slim', 'ENV NODE_ENV=production', 'CMD ["node", "a.js"]'],
        ['FROM node:24-slim', 'ARG NODE_ENV=production', 'ENV NODE_ENV=$NODE_ENV', 'CMD ["node", "a.js"]'],
        ['FROM node:24-slim', 'CMD NODE_ENV=production node a.js'],
        ['FROM python:3.13-slim', 'ENV PYTHONUNBUFFERED=1', 'CMD ["python", "app.py"]'],
        ['FROM python:3.13-slim', 'CMD ["python", "-u", "app.py"]'],
        // a base image's REPL, not an app
        ['FROM debian:trixie-slim', 'RUN echo node', 'CMD ["node"]'],
        ['FROM debian:trixie-slim', 'RUN echo python', 'CMD ["python3"]'],
        // node only in a builder; the runtime runs a binary
        ['FROM node:24 AS build', 'RUN npm ci && npm run build', 'FROM nginx:1.29', 'COPY --from=build /app/dist /usr/share/nginx/html'],
        ['FROM golang:1.25 AS build', 'RUN go build -o /app', 'FROM gcr.io/distroless/static-debian13', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]'],
      ]) {
        assert.deepEqual(findingsOf(dockerfile(...lines), RULE), [], lines.join(' / '));
      }
    });
  });
});
