import * as assert from 'node:assert/strict';
import { decodeDockerfile } from '../../server/src/core/decode';

describe('decodeDockerfile', () => {
  const text = 'FROM scratch\n# café\n';

  it('decodes UTF-8 with and without a byte order mark', () => {
    assert.equal(decodeDockerfile(Buffer.from(text, 'utf8')), text);
    assert.equal(decodeDockerfile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), text);
  });

  it('decodes UTF-16 in both byte orders', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    assert.equal(decodeDockerfile(le), text);
    const be = Buffer.from(le.subarray(2)).swap16();
    assert.equal(decodeDockerfile(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), text);
  });

  it('decodes UTF-32 in both byte orders', () => {
    const codePoints = [...text].map((c) => c.codePointAt(0)!);
    const le = Buffer.alloc(4 + codePoints.length * 4);
    const be = Buffer.alloc(4 + codePoints.length * 4);
    le.writeUInt32LE(0xfeff, 0);
    be.writeUInt32BE(0xfeff, 0);
    codePoints.forEach((cp, i) => {
      le.writeUInt32LE(cp, 4 + i * 4);
      be.writeUInt32BE(cp, 4 + i * 4);
    });
    assert.equal(decodeDockerfile(le), text);
    assert.equal(decodeDockerfile(be), text);
  });
});
