import * as assert from 'node:assert/strict';
import { applyEdits, dockerfile, findingsOf } from '../helpers';

const RULE = 'cmd-repeats-entrypoint';

/** A builder and a runtime stage on `image` ending with `lines`. */
function runtime(image: string, ...lines: string[]): string {
  return dockerfile('FROM node:22-trixie-slim AS build', 'RUN npm ci', `FROM ${image}`, 'COPY --from=build /app /app', ...lines);
}

describe('rule cmd-repeats-entrypoint', () => {
  it('reports CMD ["node", ...] on distroless Node.js, whose entrypoint is /nodejs/bin/node, and drops the word', () => {
    const text = runtime('gcr.io/distroless/nodejs22-debian13:nonroot', 'CMD ["node", "/app/index.js"]');
    const [finding, ...rest] = findingsOf(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /runs \/nodejs\/bin\/node as its ENTRYPOINT.*this runs `\/nodejs\/bin\/node node \/app\/index\.js`/);
    const fix = finding.fixes![0];
    assert.equal(fix.title, 'Use CMD ["/app/index.js"]');
    assert.equal(fix.isPreferred, true);
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /^CMD \["\/app\/index\.js"\]$/m);
    assert.deepEqual(findingsOf(fixed, RULE), []);
  });

  it('drops both words of java -jar, and runs java -cp as the ENTRYPOINT', () => {
    const jar = runtime('gcr.io/distroless/java21-debian13:nonroot', 'CMD ["java", "-jar", "/app/app.jar"]');
    assert.equal(findingsOf(jar, RULE)[0].fixes![0].title, 'Use CMD ["/app/app.jar"]');
    const classpath = runtime('gcr.io/distroless/java21-debian13:nonroot', 'CMD ["java", "-cp", "/app/lib/*", "com.example.Main"]');
    const fix = findingsOf(classpath, RULE)[0].fixes![0];
    assert.equal(fix.title, 'Run it as the ENTRYPOINT: ENTRYPOINT ["/usr/bin/java", "-cp", "/app/lib/*", "com.example.Main"]');
    assert.equal(fix.isPreferred, false);
  });

  it("makes a venv's python the ENTRYPOINT on distroless Python (the image's python3.13 would run it as a script)", () => {
    const text = dockerfile(
      'FROM python:3.13-slim-trixie AS build',
      'RUN python -m venv /venv',
      'FROM gcr.io/distroless/python3-debian13:nonroot',
      'COPY --from=build /venv /venv',
      'CMD ["/venv/bin/python3", "app.py"]',
    );
    const [finding] = findingsOf(text, RULE);
    assert.equal(finding.fixes![0].title, 'Run it as the ENTRYPOINT: ENTRYPOINT ["/venv/bin/python3", "app.py"]');
  });

  it('reports npm on distroless Node.js without a fix, and dotnet on chiseled .NET with one', () => {
    const npm = findingsOf(runtime('gcr.io/distroless/nodejs24-debian13:nonroot', 'CMD ["npm", "start"]'), RULE);
    assert.match(npm[0].message, /the image has no npm/);
    assert.deepEqual(npm[0].fixes ?? [], []);
    const dotnet = findingsOf(runtime('mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled', 'WORKDIR /app', 'CMD ["dotnet", "App.dll"]'), RULE);
    assert.equal(dotnet[0].fixes![0].title, 'Use CMD ["App.dll"]');
  });

  it('knows the entrypoints of Chainguard node and python, and not of their -dev build images', () => {
    const node = findingsOf(runtime('cgr.dev/chainguard/node:latest', 'CMD ["node", "server.js"]'), RULE);
    assert.equal(node[0]?.fixes?.[0]?.title, 'Use CMD ["server.js"]');
    const python = findingsOf(runtime('cgr.dev/chainguard/python:latest', 'CMD ["python", "app.py"]'), RULE);
    assert.match(python[0]?.message ?? '', /\/usr\/bin\/python/);
    assert.deepEqual(findingsOf(runtime('cgr.dev/chainguard/node:latest-dev', 'CMD ["node", "server.js"]'), RULE), []);
    // Chainguard's own example clears the ENTRYPOINT and starts dumb-init.
    assert.deepEqual(findingsOf(runtime('cgr.dev/chainguard/node:latest', 'ENTRYPOINT [""]', 'CMD ["dumb-init", "node", "server.js"]'), RULE), []);
  });

  it('is quiet with an ENTRYPOINT of its own, on images without an entrypoint, and for CMDs that are arguments', () => {
    assert.deepEqual(findingsOf(runtime('gcr.io/distroless/nodejs22-debian13:nonroot', 'ENTRYPOINT ["/nodejs/bin/node"]', 'CMD ["node", "x.js"]'), RULE), []);
    assert.deepEqual(findingsOf(runtime('node:22-trixie-slim', 'CMD ["node", "/app/index.js"]'), RULE), []);
    assert.deepEqual(findingsOf(runtime('gcr.io/distroless/nodejs22-debian13:nonroot', 'CMD ["/app/index.js"]'), RULE), []);
    assert.deepEqual(findingsOf(runtime('gcr.io/distroless/static-debian13:nonroot', 'CMD ["node", "x"]'), RULE), []);
  });
});
