import * as assert from 'node:assert/strict';
import { dockerfile, findingsOf } from '../helpers';

const RULE = 'runtime-not-distroless';

function finding(image: string): { message: string; severity?: string } | undefined {
  const found = findingsOf(dockerfile(`FROM ${image}`, 'WORKDIR /app', 'COPY . .', 'CMD ["ruby", "app.rb"]'), RULE)[0];
  return found && { message: found.message, severity: found.severity };
}

describe('rule runtime-not-distroless: Ruby and PHP, which have no distroless image', () => {
  it('proposes the same Ruby on -slim, not static-debian13', () => {
    const found = finding('ruby:3.3')!;
    assert.equal(found.severity, 'warning');
    assert.match(found.message, /no distroless Ruby image exists\. Base the final stage on ruby:3\.3-slim \(/);
    assert.match(found.message, /non-root USER/);
    assert.match(found.message, /cgr\.dev\/chainguard\/ruby/);
    assert.doesNotMatch(found.message, /static-debian13|distroless\/cc/);
  });

  it('proposes the same PHP variant on Alpine, and keeps apache (it has no Alpine variant)', () => {
    assert.match(finding('php:8.3-fpm')!.message, /no distroless PHP image exists\. Base the final stage on php:8\.3-fpm-alpine \(/);
    assert.match(finding('php:8.4')!.message, /php:8\.4-cli-alpine/);
    const apache = finding('php:8.3-apache')!.message;
    assert.match(apache, /php:8\.3-apache \(the apache variant has no Alpine image/);
    for (const image of ['php:8.3-fpm', 'php:8.3-apache', 'php:8.4']) {
      assert.doesNotMatch(finding(image)!.message, /static-debian13/, image);
    }
  });

  it('on their minimal images says it is already the minimal choice, as information', () => {
    const slim = finding('ruby:3.4-slim')!;
    assert.equal(slim.severity, 'information');
    assert.match(slim.message, /no distroless Ruby image exists, so keep the smallest official image \(ruby:3\.4-slim:/);
    const alpine = finding('php:8.3-fpm-alpine')!;
    assert.equal(alpine.severity, 'information');
    assert.match(alpine.message, /keep the smallest official image \(php:8\.3-fpm-alpine:/);
  });

  it('still proposes static-debian13 where a compiled binary runs (negative: other languages unchanged)', () => {
    assert.match(finding('golang:1.26')!.message, /static-debian13/);
    assert.match(finding('debian:trixie')!.message, /static-debian13/);
    assert.doesNotMatch(finding('node:24')!.message, /no distroless/);
    assert.equal(finding('cgr.dev/chainguard/ruby:latest'), undefined, 'Chainguard ruby is shell-less: no finding');
  });
});
