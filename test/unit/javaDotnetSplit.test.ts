// The Java and .NET split recipes' readers: which base images are Java's or .NET's, the JDK a
// stage installs, where a `dotnet publish` without -o writes, and on which platform the SDK runs.
// The recipes' results are covered by the golden files (test/fixtures/split/java-*, dotnet-*).
import * as assert from 'node:assert/strict';
import { dotnetImage } from '../../server/src/fixes/split/recipes/dotnet/dotnetImage';
import { Publish, outputOf } from '../../server/src/fixes/split/recipes/dotnet/dotnetPublish';
import { javaImage } from '../../server/src/fixes/split/recipes/java/javaImage';
import { splitIntoStages } from '../../server/src/fixes/split/splitStages';
import { analyze, applyFix, dockerfile } from './helpers';

function stageOf(from: string) {
  return analyze(`FROM ${from}\n`).model!.stages[0];
}

describe('split recipes: Java base images', () => {
  it('reads the release of JDK and JRE images by name', () => {
    assert.deepEqual(javaImage(stageOf('gcr.io/google_appengine/openjdk8')), { release: 8, jdk: true, servletContainer: false });
    assert.deepEqual(javaImage(stageOf('registry.access.redhat.com/ubi9/openjdk-21-runtime:1.24')), { release: 21, jdk: false, servletContainer: false });
    assert.equal(javaImage(stageOf('eclipse-temurin:17-jre'))?.jdk, false);
    assert.equal(javaImage(stageOf('maven:3.9-eclipse-temurin-21'))?.release, 21);
  });

  it('knows servlet containers, and leaves other images alone', () => {
    assert.equal(javaImage(stageOf('tomcat:10'))?.servletContainer, true);
    assert.equal(javaImage(stageOf('node:22')), undefined);
    assert.equal(javaImage(stageOf('gcr.io/distroless/java21-debian13')), undefined);
    assert.equal(javaImage(stageOf('ubuntu:24.04')), undefined);
  });
});

describe('split recipes: .NET base images', () => {
  it('tells the SDK from the runtime images, and reads the release', () => {
    assert.deepEqual(
      [dotnetImage(stageOf('mcr.microsoft.com/dotnet/sdk:8.0-alpine'))?.sdk, dotnetImage(stageOf('mcr.microsoft.com/dotnet/aspnet:8.0'))?.sdk],
      [true, false],
    );
    assert.equal(dotnetImage(stageOf('mcr.microsoft.com/dotnet/sdk:10.0-noble'))?.major, 10);
  });

  it('marks the retired repositories', () => {
    assert.equal(dotnetImage(stageOf('mcr.microsoft.com/dotnet/core/sdk:3.1'))?.retired, true);
    assert.equal(dotnetImage(stageOf('microsoft/dotnet:2.1-sdk'))?.retired, true);
    assert.equal(dotnetImage(stageOf('python:3.13')), undefined);
  });
});

describe('split recipes: dotnet publish output', () => {
  const publish: Publish = { cwd: '/src/App', ridSpecific: false, targetArch: false, selfContained: false, aot: false };

  it('is the -o folder when there is one', () => {
    assert.equal(outputOf({ ...publish, output: '/out' }, '/elsewhere/App.dll'), '/out');
  });

  it('is the default folder the start command names, under the project', () => {
    assert.equal(outputOf(publish, '/src/App/bin/Release/net9.0/publish/App.dll'), '/src/App/bin/Release/net9.0/publish');
    assert.equal(outputOf(publish, '/src/App/bin/Release/net9.0/linux-x64/publish/App.dll'), '/src/App/bin/Release/net9.0/linux-x64/publish');
  });

  it('is unknown otherwise', () => {
    assert.equal(outputOf(publish, '/app/App.dll'), undefined);
    assert.equal(outputOf(publish, undefined), undefined);
    assert.equal(outputOf(publish, '/other/bin/Release/net9.0/publish/App.dll'), undefined);
  });
});

describe('split recipes: where the .NET SDK runs', () => {
  const web = '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net10.0</TargetFramework>';
  const csproj = (properties = '') => `${web}${properties}</PropertyGroup></Project>`;
  // BuildKit-only syntax (a syntax directive): the legacy builder would stop at `FROM --platform=$BUILDPLATFORM`.
  const text = dockerfile('# syntax=docker/dockerfile:1', 'FROM mcr.microsoft.com/dotnet/sdk:10.0', 'WORKDIR /src', 'COPY . .', 'RUN dotnet publish Api.csproj -c Release -o /out', 'ENTRYPOINT ["dotnet", "/out/Api.dll"]');
  const builderFrom = (files: Record<string, string> | undefined, dockerfileText = text) =>
    applyFix(splitIntoStages, dockerfileText, files && { readFile: (file) => files[file] })?.split('\n').find((line) => line.startsWith('FROM'));

  it('natively (--platform=$BUILDPLATFORM) for a portable dll the .csproj shows, in a Dockerfile for BuildKit', () => {
    assert.equal(builderFrom({ 'Api.csproj': csproj() }), 'FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build');
  });

  it('on the target platform in a Dockerfile the legacy builder may build (it has no BUILDPLATFORM)', () => {
    const legacy = text.replace('# syntax=docker/dockerfile:1\n', '');
    assert.equal(builderFrom({ 'Api.csproj': csproj() }, legacy), 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build');
    assert.match(applyFix(splitIntoStages, legacy, { readFile: (file) => (file === 'Api.csproj' ? csproj() : undefined) }) ?? '', /could run natively for multi-platform builds .*# syntax=docker\/dockerfile:1/);
  });

  it('on the target platform when a runtime identifier may tie the output to the build machine, or nothing says', () => {
    const onTarget = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build';
    assert.equal(builderFrom({ 'Api.csproj': csproj('<RuntimeIdentifier>linux-x64</RuntimeIdentifier>') }), onTarget);
    assert.equal(builderFrom({ 'Api.csproj': csproj('<PublishReadyToRun>true</PublishReadyToRun>') }), onTarget);
    assert.equal(builderFrom({ 'Api.csproj': csproj(), 'Directory.Build.props': '<Project><PropertyGroup><UseCurrentRuntimeIdentifier>true</UseCurrentRuntimeIdentifier></PropertyGroup></Project>' }), onTarget);
    assert.equal(builderFrom(undefined), onTarget, 'without the .csproj');
  });
});
