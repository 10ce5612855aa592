// Writing a fixed file so that a crash, a full disk or a killed process never leaves it truncated:
// the new text goes to a temporary file in the same folder (same file system), then replaces the
// original with one rename. The original's permissions are kept.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export function writeFileAtomically(file: string, text: string): void {
  const mode = fs.statSync(file).mode & 0o7777;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.stagecraft-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    const descriptor = fs.openSync(temporary, 'wx', mode);
    try {
      fs.writeFileSync(descriptor, text);
      fs.fsyncSync(descriptor);
    } finally {
      fs.closeSync(descriptor);
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
