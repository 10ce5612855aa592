import * as assert from 'node:assert/strict';
import { debianReleaseOfTag, isFrozen } from '../../server/src/catalog/debianReleases';

describe('catalog: Debian releases behind image tags', () => {
  it('reads the release a tag names, and none from a tag without a codename', () => {
    assert.equal(debianReleaseOfTag('python:3.10-slim-bullseye')?.codename, 'bullseye');
    assert.equal(debianReleaseOfTag('ruby:3.3-bookworm')?.version, 12);
    assert.equal(debianReleaseOfTag('node:22-slim'), undefined);
    assert.equal(debianReleaseOfTag('golang:1.25-alpine'), undefined);
  });

  it('calls a release frozen the day after its LTS ends, following the calendar', () => {
    const bullseye = debianReleaseOfTag('debian:bullseye-slim');
    assert.ok(bullseye);
    assert.equal(isFrozen(bullseye, '2026-08-31'), false);
    assert.equal(isFrozen(bullseye, '2026-09-01'), true);
    const bookworm = debianReleaseOfTag('python:3.12-bookworm');
    assert.ok(bookworm);
    assert.equal(isFrozen(bookworm, '2026-12-06'), false);
    assert.equal(isFrozen(bookworm, '2028-07-01'), true);
  });
});
