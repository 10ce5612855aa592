// The split's outcome marks declines where the file builds nothing (`nothingToBuild`): a builder
// stage would be empty, so there is nothing to split by nature. Declines where a split is possible
// after a change (a dev server, a missing CMD, a retired image) are not marked. The corpus
// reports count the marked files apart.
import * as assert from 'node:assert/strict';
import { planSplit } from '../../server/src/fixes/split/splitStages';
import { analyze } from './helpers';

const TODAY = '2026-12-06';

function outcomeOf(text: string): ReturnType<typeof planSplit> {
  return planSplit({ model: analyze(text).model!, text, today: TODAY });
}

describe('split declines: nothing to build', () => {
  const nothingToBuild: Record<string, string> = {
    'a jar built outside Docker': 'FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app/app.jar\nCMD ["java", "-jar", "/app/app.jar"]\n',
    'a .war for Tomcat': 'FROM tomcat:10-jdk21\nCOPY target/app.war /usr/local/tomcat/webapps/ROOT.war\n',
    'a JDK image that neither builds nor starts (Jib base)': 'FROM eclipse-temurin:21-jdk\nRUN apt-get update && apt-get install -y graphviz\n',
    '.NET published outside Docker': 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nWORKDIR /app\nCOPY bin/Release/net8.0/publish/ .\nENTRYPOINT ["dotnet", "App.dll"]\n',
    '.NET on a retired runtime tag (published outside Docker)': 'FROM microsoft/dotnet:aspnetcore-runtime\nWORKDIR /app\nCOPY bin/Release/publish/ .\nENTRYPOINT ["dotnet", "App.dll"]\n',
    'PHP with nothing installed': 'FROM php:8.3-apache\nCOPY . /var/www/html/\n',
    'Ruby with nothing installed': 'FROM ruby:3.3\nWORKDIR /app\nCOPY . .\nCMD ["ruby", "app.rb"]\n',
    'a python image with nothing added': 'FROM python:3.12-slim\nCMD ["python", "-m", "http.server"]\n',
    'a golang image that builds no binary and starts nothing': 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\n',
    'a Quarkus native executable built outside Docker': 'FROM quay.io/quarkus/quarkus-micro-image:2.0\nWORKDIR /work/\nCOPY target/*-runner /work/application\nCMD ["./application"]\n',
    'sources copied onto distroless Python': 'FROM gcr.io/distroless/python3\nCOPY . /app\nWORKDIR /app\nCMD ["main.py"]\n',
    'a Laravel development environment (app mounted at run time)': 'FROM ubuntu:24.04\nWORKDIR /var/www/html\nRUN apt-get update && apt-get install -y php8.3-cli && curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/bin --filename=composer\nCMD ["php", "artisan", "serve", "--host=0.0.0.0"]\n',
    'a Ruby test image on the app\'s own image': 'FROM example/app:latest\nENV RAILS_ENV=test\nRUN apt-get update && apt-get install -y chromium\nCMD ["bundle", "exec", "rspec"]\n',
  };
  for (const [name, text] of Object.entries(nothingToBuild)) {
    it(`marks ${name}`, () => {
      const outcome = outcomeOf(text);
      assert.ok(outcome.declined, 'declined');
      assert.equal(outcome.nothingToBuild, true, outcome.declined);
    });
  }

  const splittableAfterAChange: Record<string, string> = {
    'a .NET build on a retired SDK tag': 'FROM microsoft/dotnet:2.1-sdk\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release -o /app/publish\nENTRYPOINT ["dotnet", "/app/publish/App.dll"]\n',
    'a Python 2 app': 'FROM python:2.7\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
    'a retired App Engine image': 'FROM gcr.io/google_appengine/python\nRUN pip install flask\nCOPY . /app\nCMD ["python", "main.py"]\n',
    'a Go app started with go run': 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nCMD ["go", "run", "."]\n',
    'a Ruby app with no CMD': 'FROM ruby:3.3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n',
    'a .NET app started with dotnet run': 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nCMD ["dotnet", "run"]\n',
    'a Python 2 tool from Alpine\'s packages': 'FROM alpine:latest\nRUN apk add --no-cache python py2-pip && pip install httpie\nENTRYPOINT ["http"]\n',
    'an Apache Beam worker image on CUDA': 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nWORKDIR /pipeline\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY --from=apache/beam_python3.12_sdk:2.60.0 /opt/apache/beam /opt/apache/beam\nENTRYPOINT ["/opt/apache/beam/boot"]\n',
  };
  for (const [name, text] of Object.entries(splittableAfterAChange)) {
    it(`does not mark ${name}`, () => {
      const outcome = outcomeOf(text);
      assert.ok(outcome.declined, 'declined');
      assert.equal(outcome.nothingToBuild, undefined, outcome.declined);
    });
  }

  it('does not mark a split that is offered', () => {
    const outcome = outcomeOf('FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /app/server .\nCMD ["/app/server"]\n');
    assert.ok(outcome.results.length > 0);
    assert.equal(outcome.nothingToBuild, undefined);
  });
});

describe('split declines: what a jar built outside Docker should run on', () => {
  it('names the whole quarkus-app folder and quarkus-run.jar for a Quarkus fast-jar', () => {
    const text = 'FROM registry.access.redhat.com/ubi9/openjdk-21-runtime:1.24\nCOPY target/quarkus-app/lib/ /deployments/lib/\nCOPY target/quarkus-app/*.jar /deployments/\nCOPY target/quarkus-app/app/ /deployments/app/\nCOPY target/quarkus-app/quarkus/ /deployments/quarkus/\nENV JAVA_APP_JAR="/deployments/quarkus-run.jar"\nENTRYPOINT [ "/opt/jboss/container/java/run/run-java.sh" ]\n';
    const declined = outcomeOf(text).declined ?? '';
    assert.match(declined, /COPY target\/quarkus-app\/ \/app\//);
    assert.match(declined, /CMD \["\/app\/quarkus-run\.jar"\]/);
    assert.doesNotMatch(declined, /app\.jar/);
  });

  it('names the lib/ folder for a thin jar whose dependencies are copied beside it', () => {
    const text = 'FROM registry.access.redhat.com/ubi8/ubi-minimal:8.3\nRUN microdnf install java-17-openjdk-headless\nCOPY target/lib/* /deployments/lib/\nCOPY target/*-runner.jar /deployments/app.jar\nENTRYPOINT ["java", "-jar", "/deployments/app.jar"]\n';
    const declined = outcomeOf(text).declined ?? '';
    assert.match(declined, /COPY target\/lib\/ \/app\/lib\//);
  });

  it('names app.jar for a plain jar', () => {
    assert.match(outcomeOf('FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app/app.jar\nCMD ["java", "-jar", "/app/app.jar"]\n').declined ?? '', /CMD \["\/app\/app\.jar"\]/);
  });
});
