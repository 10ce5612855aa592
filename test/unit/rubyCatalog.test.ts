import * as assert from 'node:assert/strict';
import { lookupImage } from '../../server/src/catalog/catalog';
import { parseImageReference } from '../../server/src/core/imageReference';

function lookup(text: string): ReturnType<typeof lookupImage> {
  const ref = parseImageReference(text);
  assert.ok(ref, text);
  return lookupImage(ref);
}

describe('catalog: ruby (official image)', () => {
  it('reads the kind, libc and Debian release from the tag', () => {
    const cases: [string, string, string, number | undefined][] = [
      ['ruby:3.3', 'full', 'glibc', undefined],
      ['ruby:3.3-bookworm', 'full', 'glibc', 12],
      ['ruby:3.3-slim', 'minimal', 'glibc', undefined],
      ['ruby:3.3.6-slim-trixie', 'minimal', 'glibc', 13],
      ['ruby:3.4-alpine3.21', 'minimal', 'musl', undefined],
      ['mirror.gcr.io/library/ruby:2.7-buster', 'full', 'glibc', 10],
    ];
    for (const [text, kind, libc, debian] of cases) {
      const found = lookup(text);
      assert.equal(found.entry?.id, 'ruby', text);
      assert.equal(found.kind, kind, `${text} kind`);
      assert.equal(found.facts.libc, libc, `${text} libc`);
      assert.equal(found.facts.debian, debian, `${text} debian`);
      assert.equal(found.facts.hasShell, true, `${text} shell`);
      assert.equal(found.facts.defaultUser, 0, `${text} user`);
    }
  });

  it('states no entrypoint: the image starts irb through CMD, so rules keep treating the start as unknown', () => {
    assert.equal(lookup('ruby:3.3-slim').facts.entrypoint, undefined);
  });

  it('does not take images that only have ruby in their name', () => {
    assert.notEqual(lookup('rubylang/ruby:3.3-jammy').entry?.id, 'ruby');
    assert.notEqual(lookup('gcr.io/google_appengine/ruby').entry?.id, 'ruby');
  });
});
