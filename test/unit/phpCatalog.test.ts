import * as assert from 'node:assert/strict';
import { phpVariant } from '../../server/src/catalog/builders';
import { lookupImage } from '../../server/src/catalog/catalog';
import { parseImageReference } from '../../server/src/core/imageReference';

function lookup(text: string): ReturnType<typeof lookupImage> {
  const ref = parseImageReference(text);
  assert.ok(ref, text);
  return lookupImage(ref);
}

describe('catalog: php (official image)', () => {
  it('reads the variant from the tag; no variant is the cli one', () => {
    const cases: [string, string][] = [
      ['8.3-apache', 'apache'],
      ['8.3-apache-bookworm', 'apache'],
      ['8-fpm-alpine3.20', 'fpm'],
      ['fpm', 'fpm'],
      ['8.2-zts', 'zts'],
      ['8.3', 'cli'],
      ['8.3-cli-alpine', 'cli'],
      ['8.3-alpine', 'cli'],
      ['latest', 'cli'],
    ];
    for (const [tag, variant] of cases) {
      assert.equal(phpVariant(tag), variant, tag);
    }
  });

  it('has the docker-php-entrypoint, and WORKDIR /var/www/html only in the apache and fpm variants', () => {
    const apache = lookup('php:8.3-apache').facts;
    assert.deepEqual(apache.entrypoint, ['docker-php-entrypoint']);
    assert.equal(apache.workdir, '/var/www/html');
    assert.equal(lookup('php:8.3-fpm-alpine').facts.workdir, '/var/www/html');
    assert.equal(lookup('php:8.3-cli').facts.workdir, '/');
  });

  it('is full on Debian (no -slim exists) and minimal on Alpine', () => {
    assert.equal(lookup('php:8.3-fpm').kind, 'full');
    assert.equal(lookup('php:8.3-fpm-bookworm').facts.debian, 12);
    const alpine = lookup('php:8.3-fpm-alpine');
    assert.equal(alpine.kind, 'minimal');
    assert.equal(alpine.facts.libc, 'musl');
    assert.equal(alpine.facts.debian, undefined);
  });
});
