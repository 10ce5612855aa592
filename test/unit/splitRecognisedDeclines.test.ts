// Single-stage apps no split recipe makes a split for, recognised by the recipe of their language
// only to say why: the reason must name what the file does and what to do, and the recognition
// must not take files from other recipes.
import * as assert from 'node:assert/strict';
import { planSplit } from '../../server/src/fixes/split/splitStages';
import { analyze } from './helpers';

const TODAY = '2026-12-08';

function outcomeOf(text: string): ReturnType<typeof planSplit> {
  return planSplit({ model: analyze(text).model!, text, today: TODAY });
}

describe('split declines for builds recognised only to say why', () => {
  describe('Quarkus native executable (java)', () => {
    const native = (base: string) => `FROM ${base}\nWORKDIR /work/\nCOPY --chown=1001:root target/*-runner /work/application\nUSER 1001\nCMD ["./application", "-Dquarkus.http.host=0.0.0.0"]\n`;

    it('suggests the micro image and a UBI 8 builder for a UBI 8 minimal base', () => {
      const outcome = outcomeOf(native('registry.access.redhat.com/ubi8/ubi-minimal:8.10'));
      assert.equal(outcome.ecosystem, 'java');
      assert.equal(outcome.nothingToBuild, true);
      assert.match(outcome.declined ?? '', /Quarkus native executable \(target\/\*-runner\) built outside Docker/);
      assert.match(outcome.declined ?? '', /quarkus-micro-image:2\.0/);
      assert.match(outcome.declined ?? '', /quay\.io\/quarkus\/ubi-quarkus-mandrel-builder-image:jdk-21/);
    });

    it('says a Quarkus runtime image is already one, with the UBI 9 builder for a ubi9 image', () => {
      const declined = outcomeOf(native('quay.io/quarkus/ubi9-quarkus-micro-image:2.0')).declined ?? '';
      assert.match(declined, /already one of Quarkus's own runtime images/);
      assert.doesNotMatch(declined, /for a smaller runtime/);
      assert.match(declined, /ubi9-quarkus-mandrel-builder-image/);
    });

    it('leaves a JVM-mode runner jar to the jar decline', () => {
      const declined = outcomeOf('FROM eclipse-temurin:21-jre\nCOPY target/app-runner.jar /deployments/app.jar\nCMD ["java", "-jar", "/deployments/app.jar"]\n').declined ?? '';
      assert.match(declined, /copies in a jar or classes built outside Docker/);
    });
  });

  describe('Python on other bases', () => {
    it('marks distroless Python as nothing to build', () => {
      const outcome = outcomeOf('FROM gcr.io/distroless/python3-debian13\nCOPY . /app\nWORKDIR /app\nCMD ["main.py"]\n');
      assert.equal(outcome.ecosystem, 'python');
      assert.equal(outcome.nothingToBuild, true);
      assert.match(outcome.declined ?? '', /already distroless Python/);
    });

    it('says Python 2 from a floating Alpine tag no longer builds, and names what pip installed', () => {
      const outcome = outcomeOf('FROM alpine:latest\nRUN apk add --no-cache ca-certificates python py2-pip && pip install cli53\nENTRYPOINT ["cli53"]\n');
      assert.equal(outcome.ecosystem, 'python');
      assert.equal(outcome.nothingToBuild, undefined);
      assert.match(outcome.declined ?? '', /`apk add python py2-pip` installs Python 2, which `alpine:latest` no longer has/);
      assert.match(outcome.declined ?? '', /python:3\.13-alpine .*install cli53 with pip/);
    });

    it('says Python 2 is past its end of life on an Alpine release that still has it', () => {
      const declined = outcomeOf('FROM alpine:3.11\nRUN apk add --no-cache python2 py2-pip && pip install httpie\nENTRYPOINT ["http"]\n').declined ?? '';
      assert.match(declined, /past its end of life/);
      assert.doesNotMatch(declined, /no longer has/);
    });

    it('leaves Python installed as a plugin host or on another image to the other recipes', () => {
      // weechat's Python plugin: the app is weechat, not a Python program.
      assert.equal(outcomeOf('FROM alpine:latest\nRUN apk add --no-cache weechat weechat-python python\nENTRYPOINT ["weechat"]\n').ecosystem, undefined);
      // node-gyp's Python on node:alpine is the Node recipe's.
      assert.equal(outcomeOf('FROM node:20-alpine\nWORKDIR /app\nRUN apk add --no-cache python make g++\nCOPY . .\nRUN npm ci\nCMD ["node", "index.js"]\n').ecosystem, 'node');
    });

    it('names the base and the GPU libraries of a Beam worker image, and keeps one stage', () => {
      const outcome = outcomeOf('FROM tensorflow/tensorflow:2.20.0-gpu\nWORKDIR /workspace\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY --from=apache/beam_python3.11_sdk:2.74.0 /opt/apache/beam /opt/apache/beam\nENTRYPOINT ["/opt/apache/beam/boot"]\n');
      assert.equal(outcome.ecosystem, 'python');
      assert.match(outcome.declined ?? '', /Apache Beam worker image .*`apache\/beam_python3\.11_sdk:2\.74\.0`/);
      assert.match(outcome.declined ?? '', /from `tensorflow\/tensorflow:2\.20\.0-gpu`, not the official python image, with the CUDA/);
      assert.match(outcome.declined ?? '', /Keep one stage\.$/);
    });

    it('suggests the Beam SDK image for a Beam worker on plain Ubuntu', () => {
      const declined = outcomeOf('FROM ubuntu:focal\nCOPY --from=apache/beam_python3.12_sdk:2.60.0 /opt/apache/beam /opt/apache/beam\nENTRYPOINT ["/opt/apache/beam/boot"]\nRUN apt-get update && apt-get install -y python3-pip && pip install -r requirements.txt\n').declined ?? '';
      assert.doesNotMatch(declined, /CUDA/);
      assert.match(declined, /build on `apache\/beam_python3\.12_sdk:2\.60\.0` itself/);
    });

    it('keeps the python image recipe\'s own reason for a Beam worker on the python image', () => {
      const declined = outcomeOf('FROM python:3.12-slim\nWORKDIR /pipeline\nCOPY --from=apache/beam_python3.12_sdk:2.60.0 /opt/apache/beam /opt/apache/beam\nENTRYPOINT ["/opt/apache/beam/boot"]\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n').declined ?? '';
      assert.doesNotMatch(declined, /Apache Beam worker image/);
    });
  });

  describe('PHP from the system\'s packages', () => {
    const sail = 'FROM ubuntu:22.04\nWORKDIR /var/www/html\nENV SUPERVISOR_PHP_COMMAND="/usr/bin/php -d variables_order=EGPCS /var/www/html/artisan serve --host=0.0.0.0 --port=80"\nRUN apt-get update && apt-get install -y php8.4-cli php8.4-mysql supervisor && curl -sLS https://getcomposer.org/installer | php -- --install-dir=/usr/bin/ --filename=composer\nRUN useradd -ms /bin/bash -u 1337 sail\nCOPY supervisord.conf /etc/supervisor/conf.d/supervisord.conf\nENTRYPOINT ["start-container"]\n';

    it('marks Laravel Sail\'s runtime image as a development environment with nothing to build', () => {
      const outcome = outcomeOf(sail);
      assert.equal(outcome.ecosystem, 'php');
      assert.equal(outcome.nothingToBuild, true);
      assert.match(outcome.declined ?? '', /Laravel Sail's development environment: PHP installed as system packages \(php8\.4-cli\) on ubuntu:22\.04/);
      assert.match(outcome.declined ?? '', /meant for local development, not production/);
    });

    it('declines, not as nothing to build, a packaged PHP app that copies the app and installs with Composer', () => {
      const outcome = outcomeOf('FROM ubuntu:24.04\nWORKDIR /var/www/app\nRUN apt-get update && apt-get install -y php8.3-cli php8.3-fpm composer\nCOPY . .\nRUN composer install --no-dev\nCMD ["php-fpm8.3", "-F"]\n');
      assert.equal(outcome.ecosystem, 'php');
      assert.equal(outcome.nothingToBuild, undefined);
      assert.match(outcome.declined ?? '', /PHP comes from system packages \(php8\.3-cli, php8\.3-fpm\) on ubuntu:24\.04/);
    });

    it('leaves an image with PHP among other things (no Composer, no artisan) alone', () => {
      assert.equal(outcomeOf('FROM ubuntu:14.04\nRUN apt-get update && apt-get install -y apache2 php5 php5-gd nagios3\nCMD ["/usr/sbin/apache2ctl", "-DFOREGROUND"]\n').ecosystem, undefined);
    });
  });

  describe('Ruby test image', () => {
    it('names the test command and the image that holds the app', () => {
      const outcome = outcomeOf('FROM ghcr.io/huginn/huginn-single-process\nUSER 0\nRUN apt-get update && apt-get install -y chromium\nENV RAILS_ENV=test\nUSER 1001\nENTRYPOINT ["/scripts/test_env"]\nCMD ["bundle", "exec", "rake"]\n');
      assert.equal(outcome.ecosystem, 'ruby');
      assert.equal(outcome.nothingToBuild, true);
      assert.match(outcome.declined ?? '', /test image: it runs the test suite \(`bundle exec rake` with RAILS_ENV=test\) on `ghcr\.io\/huginn\/huginn-single-process`/);
    });

    it('does not take a production start on such an image', () => {
      assert.equal(outcomeOf('FROM example/app:latest\nENV RAILS_ENV=production\nCMD ["bundle", "exec", "puma"]\n').ecosystem, undefined);
    });
  });
});
