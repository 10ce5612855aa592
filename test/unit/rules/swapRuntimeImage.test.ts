import * as assert from 'node:assert/strict';
import { analyze, applyEdits, dockerfile, findingsOf } from '../helpers';

const RULE = 'runtime-not-distroless';

/** The swap fix of the runtime-not-distroless finding, applied; undefined when not offered. */
function swapped(text: string): { title: string; text: string } | undefined {
  const fix = findingsOf(text, RULE)[0]?.fixes?.find((f) => f.title.startsWith('Use '));
  return fix && { title: fix.title, text: applyEdits(text, fix.edits) };
}

/** Errors and the runtime findings left after the fix. */
function remaining(text: string): string[] {
  return analyze(text, { today: '2026-11-29' })
    .findings.filter((f) => f.severity === 'error' || f.ruleId === RULE || f.ruleId === 'cmd-repeats-entrypoint')
    .map((f) => `${f.ruleId}: ${f.message}`);
}

describe('rule runtime-not-distroless: "Use <distroless image>"', () => {
  it('swaps a prebuilt jar image to distroless java of the same release, CMD adapted to its `java -jar`', () => {
    const text = dockerfile('FROM eclipse-temurin:17-jre', 'COPY target/app.jar /app.jar', 'EXPOSE 8080', 'CMD ["java", "-jar", "/app.jar"]');
    const result = swapped(text)!;
    assert.equal(result.title, 'Use gcr.io/distroless/java17-debian13:nonroot (no shell, Java 17)');
    assert.equal(
      result.text,
      dockerfile('FROM gcr.io/distroless/java17-debian13:nonroot', 'WORKDIR /', 'COPY target/app.jar /app.jar', 'EXPOSE 8080', 'CMD ["/app.jar"]'),
    );
    assert.deepEqual(remaining(result.text), []);
  });

  it('keeps an ENTRYPOINT, writing node by its distroless path (not on PATH there)', () => {
    const text = dockerfile(
      'FROM node:22-trixie-slim AS build',
      'WORKDIR /app',
      'RUN npm ci --omit=dev',
      'FROM node:22-slim',
      'WORKDIR /app',
      'COPY --from=build /app /app',
      'USER 1000',
      'ENTRYPOINT ["node", "server.js"]',
    );
    const result = swapped(text)!;
    assert.match(result.text, /^FROM gcr\.io\/distroless\/nodejs22-debian13:nonroot$/m);
    assert.match(result.text, /^ENTRYPOINT \["\/nodejs\/bin\/node", "server\.js"\]$/m);
    assert.doesNotMatch(result.text, /^WORKDIR \/$/m, 'the stage has its own WORKDIR');
    assert.deepEqual(remaining(result.text), []);
  });

  it('turns shell-form `dotnet App.dll` on aspnet:10.0 into CMD ["App.dll"] on chiseled -extra', () => {
    const text = dockerfile('FROM mcr.microsoft.com/dotnet/aspnet:10.0', 'WORKDIR /app', 'COPY publish/ .', 'CMD dotnet App.dll');
    const result = swapped(text)!;
    assert.equal(result.title, 'Use mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra (no shell, .NET 10.0)');
    assert.match(result.text, /^CMD \["App\.dll"\]$/m);
    assert.deepEqual(remaining(result.text), []);
  });

  it('is not offered where the stage needs a shell, a user or a program the new image lacks, or another version', () => {
    const jar = (...lines: string[]) => dockerfile('FROM eclipse-temurin:17-jre', 'COPY app.jar /app.jar', ...lines);
    assert.ok(swapped(jar('CMD ["java", "-jar", "/app.jar"]')), 'control');
    assert.equal(swapped(jar('RUN mkdir /data', 'CMD ["java", "-jar", "/app.jar"]')), undefined);
    assert.equal(swapped(jar('USER spring', 'CMD ["java", "-jar", "/app.jar"]')), undefined);
    assert.equal(swapped(jar('CMD java -jar /app.jar --port=$PORT')), undefined);
    assert.equal(swapped(jar('CMD ["./start.sh"]')), undefined);
    assert.equal(swapped(jar('HEALTHCHECK CMD curl -f http://localhost:8080/', 'CMD ["java", "-jar", "/app.jar"]')), undefined);
    assert.equal(swapped(jar()), undefined, 'no start command: the image default would change');
    assert.equal(swapped(dockerfile('FROM eclipse-temurin:11-jre', 'COPY app.jar /app.jar', 'CMD ["java", "-jar", "/app.jar"]')), undefined, 'no java11');
    assert.equal(swapped(dockerfile('FROM python:3.13-slim', 'COPY . /app', 'CMD ["python", "/app/main.py"]')), undefined, 'python: venv paths differ');
  });

  it('leaves a copied program to a person (Gradle\'s bin/app is a shell script)', () => {
    const text = dockerfile('FROM eclipse-temurin:21-jre', 'COPY build/install/app /opt/app', 'CMD ["/opt/app/bin/app"]');
    assert.ok(findingsOf(text, RULE).length > 0);
    assert.equal(swapped(text), undefined);
  });
});
