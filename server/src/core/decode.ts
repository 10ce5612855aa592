// Decoding Dockerfile bytes read from disk (the CLI, tests, benchmarks). Editors decode files
// themselves; this follows what they do with byte order marks, and falls back to UTF-8.

export function decodeDockerfile(bytes: Uint8Array): string {
  const [b0, b1, b2, b3] = bytes;
  // UTF-32 first: its little-endian mark starts like UTF-16's.
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) {
    return decodeUtf32(bytes.subarray(4), true);
  }
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) {
    return decodeUtf32(bytes.subarray(4), false);
  }
  if (b0 === 0xff && b1 === 0xfe) {
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  }
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** TextDecoder has no UTF-32; invalid code points become U+FFFD like the other decoders do. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  for (let offset = 0; offset + 4 <= bytes.byteLength; offset += 4) {
    const codePoint = view.getUint32(offset, littleEndian);
    parts.push(codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\uFFFD');
  }
  return parts.join('');
}
