import * as assert from 'node:assert/strict';
import { builderImageFor } from '../../server/src/catalog/builders';
import { lookupImage } from '../../server/src/catalog/catalog';
import { catalogEntries } from '../../server/src/catalog/catalog';
import { endOfSupportNote, extraVariantReference, replacementReference } from '../../server/src/catalog/lifecycle';
import { releaseLine } from '../../server/src/catalog/languageReleases';
import { parseImageReference } from '../../server/src/core/imageReference';

function lookup(text: string): ReturnType<typeof lookupImage> {
  const ref = parseImageReference(text);
  assert.ok(ref, text);
  return lookupImage(ref);
}

describe('catalog: builder images', () => {
  it('reads language version, Debian release and libc from the tag', () => {
    const cases: [string, string | undefined, number | undefined, string][] = [
      ['python:3.12', '3.12', 13, 'glibc'],
      ['python:3.12-slim-bookworm', '3.12', 12, 'glibc'],
      ['python:3.8-slim', '3.8', 12, 'glibc'],
      ['python:3-alpine', undefined, undefined, 'musl'],
      ['python:latest', undefined, 13, 'glibc'],
      ['node:24', '24', 12, 'glibc'],
      ['node:26-slim', '26', 13, 'glibc'],
      ['node:jod-trixie-slim', '22', 13, 'glibc'],
      ['node:lts', undefined, undefined, 'glibc'],
      ['golang:1.25', '1.25', 13, 'glibc'],
      ['golang:1.23', '1.23', 12, 'glibc'],
      ['mirror.gcr.io/library/golang:1.23-bookworm', '1.23', 12, 'glibc'],
      ['rust:1', undefined, 13, 'glibc'],
      ['rust:1.88', '1.88', 12, 'glibc'],
      ['rust:1-slim-bookworm', undefined, 12, 'glibc'],
      ['ghcr.io/astral-sh/uv:python3.12-bookworm-slim', '3.12', 12, 'glibc'],
    ];
    for (const [text, version, debian, libc] of cases) {
      const facts = lookup(text).facts;
      assert.equal(facts.toolchain?.version, version, `${text} version`);
      assert.equal(facts.debian, debian, `${text} debian`);
      assert.equal(facts.libc, libc, `${text} libc`);
    }
  });

  it('reads the JDK from Java, Maven and Gradle tags; a JRE has a runtime and no toolchain', () => {
    assert.equal(lookup('maven:3.9-eclipse-temurin-21').facts.toolchain?.version, '21');
    assert.equal(lookup('maven:3.8-jdk-11').facts.toolchain?.version, '11');
    assert.equal(lookup('gradle:8.5-jdk17-alpine').facts.toolchain?.version, '17');
    assert.equal(lookup('maven:3').facts.toolchain?.version, undefined);
    const jre = lookup('eclipse-temurin:17-jre').facts;
    assert.equal(jre.runtime?.version, '17');
    assert.equal(jre.toolchain, undefined);
  });

  it('keeps the kinds the generic entries gave (runtime-not-distroless does not change)', () => {
    assert.equal(lookup('python:3.13').kind, 'full');
    assert.equal(lookup('python:3.13-slim').kind, 'minimal');
    assert.equal(lookup('node:24-alpine').kind, 'minimal');
    assert.equal(lookup('debian:bookworm-slim').kind, 'minimal');
    assert.equal(lookup('python:3.13-windowsservercore-ltsc2022').kind, 'windows');
    assert.equal(lookup('mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022').kind, 'windows');
  });

  it('names the matching builder image for a runtime', () => {
    assert.equal(builderImageFor('python', '3.13', 13), 'python:3.13-slim-trixie');
    assert.equal(builderImageFor('node', '22', 13), 'node:22-trixie-slim');
    assert.equal(builderImageFor('rust', undefined, 12), 'rust:1-bookworm');
    assert.equal(builderImageFor('java', '17', undefined, 'gradle'), 'gradle:jdk17');
    assert.equal(builderImageFor('rust', undefined, 10), undefined, 'no more buster tags');
  });

  it('gives every entry a source and a check date', () => {
    for (const entry of catalogEntries()) {
      assert.ok(entry.source.length > 0, entry.id);
      assert.match(entry.checked, /^\d{4}-\d{2}-\d{2}$/, entry.id);
    }
  });
});

describe('catalog: replacements for ended images', () => {
  function replacement(text: string): string | undefined {
    const ref = parseImageReference(text);
    assert.ok(ref);
    return replacementReference(ref, lookupImage(ref));
  }

  it('keeps the distroless tag and maps .NET tags to ones .NET 10 publishes', () => {
    assert.equal(replacement('gcr.io/distroless/static-debian12:debug-nonroot'), 'gcr.io/distroless/static-debian13:debug-nonroot');
    assert.equal(replacement('gcr.io/distroless/java11-debian11'), 'gcr.io/distroless/java17-debian13');
    assert.equal(replacement('mcr.microsoft.com/dotnet/aspnet:8.0.11-bookworm-slim'), 'mcr.microsoft.com/dotnet/aspnet:10.0-noble');
    assert.equal(replacement('mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled-extra-amd64'), 'mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra-amd64');
    assert.equal(replacement('mcr.microsoft.com/dotnet/sdk:9.0-alpine3.21'), 'mcr.microsoft.com/dotnet/sdk:10.0-alpine');
    assert.equal(replacement('mcr.microsoft.com/dotnet/runtime:8.0-cbl-mariner2.0-distroless'), 'mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0-distroless');
    assert.equal(replacement('mcr.microsoft.com/dotnet/runtime:8.0-windowsservercore-ltsc2019'), 'mcr.microsoft.com/dotnet/runtime:10.0-windowsservercore-ltsc2022');
  });

  it('offers none for a digest or an image that has not ended', () => {
    assert.equal(replacement('gcr.io/distroless/static-debian12@sha256:0123'), undefined);
    assert.equal(replacement('gcr.io/distroless/static-debian13'), undefined);
  });

  it('drops the "move the SDK too" note on the SDK itself', () => {
    const sdk = parseImageReference('mcr.microsoft.com/dotnet/sdk:8.0');
    assert.ok(sdk);
    assert.equal(endOfSupportNote(sdk, lookupImage(sdk)), undefined);
  });

  it('names the -extra variant of chiseled .NET tags', () => {
    const ref = parseImageReference('mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-composite');
    assert.ok(ref);
    assert.equal(extraVariantReference(ref), 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-composite-extra');
  });
});

describe('catalog: Python releases the official images no longer build', () => {
  it('reads 2.7 from the `2` alias, which has pointed at 2.7 only', () => {
    assert.equal(lookup('python:2-alpine').facts.runtime?.version, '2.7');
    assert.equal(lookup('python:2').facts.toolchain?.version, '2.7');
    assert.equal(lookup('python:2.7.18-alpine3.11').facts.runtime?.version, '2.7');
    assert.equal(lookup('python:3-alpine').facts.runtime?.version, undefined, 'python:3 still moves');
  });

  it('knows the Debian release their plain and -slim tags were last built on', () => {
    const cases: [string, number][] = [['python:2.7', 10], ['python:3.4', 9], ['python:3.4-slim', 9], ['python:3.5-slim', 10], ['python:3.6', 11], ['python:3.6-slim', 11], ['python:3.7-slim', 12]];
    for (const [image, debian] of cases) {
      assert.equal(lookup(image).facts.debian, debian, image);
    }
    assert.equal(lookup('python:3.6-slim-buster').facts.debian, 10, 'a codename in the tag wins');
  });

  it('dates the end of 2.7 and 3.4, so their images are outdated', () => {
    assert.equal(releaseLine('python', '2.7')?.end, '2020-01-01');
    assert.equal(releaseLine('python', '3.4')?.end, '2019-03-18');
    assert.equal(lookup('python:2-alpine').facts.endOfSupport?.date, '2020-01-01');
    assert.equal(lookup('python:3.4-slim-stretch').facts.endOfSupport?.date, '2019-03-18');
  });
});
