import * as assert from 'node:assert/strict';
import { imageName, parseImageReference } from '../../server/src/core/imageReference';

describe('parseImageReference', () => {
  it('splits registry, repository, tag and digest', () => {
    assert.deepEqual(parseImageReference('gcr.io/distroless/static-debian13:nonroot@sha256:abc'), {
      text: 'gcr.io/distroless/static-debian13:nonroot@sha256:abc',
      registry: 'gcr.io',
      repository: 'distroless/static-debian13',
      tag: 'nonroot',
      digest: 'sha256:abc',
    });
  });

  it('treats a first component without a dot, colon or localhost as part of the repository', () => {
    const ref = parseImageReference('bitnami/node:22');
    assert.equal(ref?.registry, undefined);
    assert.equal(ref?.repository, 'bitnami/node');
    assert.equal(ref?.tag, '22');
  });

  it('keeps a registry port apart from the tag', () => {
    const ref = parseImageReference('localhost:5000/team/app');
    assert.equal(ref?.registry, 'localhost:5000');
    assert.equal(ref?.repository, 'team/app');
    assert.equal(ref?.tag, undefined);
  });

  it('normalises Docker Hub hosts and the library/ prefix', () => {
    assert.equal(imageName(parseImageReference('docker.io/library/python:3.13')!), 'python');
    assert.equal(imageName(parseImageReference('index.docker.io/library/node')!), 'node');
  });

  it('rejects empty and spaced text', () => {
    assert.equal(parseImageReference(''), undefined);
    assert.equal(parseImageReference('a b'), undefined);
  });
});
