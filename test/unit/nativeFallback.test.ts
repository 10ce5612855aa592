// The compiled-language fallback's build-time checks, run for real by sh: the start program must
// be an ELF executable, and the builder's glibc must not be newer than the runtime's (a stand-in
// getconf plays the builder's C library).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyFix, dockerfile } from './helpers';
import { splitIntoStages } from '../../server/src/fixes/split/splitStages';

const INPUT = dockerfile('FROM gcc:14', 'WORKDIR /app', 'COPY . .', 'RUN make', 'CMD ["./server"]');

/** The builder's RUN lines that follow a comment naming `topic`, joined as Docker joins continuations. */
function checkRun(text: string, topic: RegExp): string {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.startsWith('#') && topic.test(line));
  assert.ok(at >= 0, `a comment about ${topic}`);
  const run: string[] = [];
  for (let i = at + 1; i < lines.length; i++) {
    run.push(lines[i].replace(/\\$/, ''));
    if (!lines[i].endsWith('\\')) {
      break;
    }
  }
  return run.join('').replace(/^RUN /, '');
}

function runIn(script: string, binary: string, glibc: string | undefined): number | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-fallback-'));
  try {
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.writeFileSync(path.join(dir, 'bin', 'getconf'), glibc ? `#!/bin/sh\necho "glibc ${glibc}"\n` : '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'server'), binary);
    const result = spawnSync('sh', ['-c', script.replaceAll('/app/server', path.join(dir, 'server'))], { env: { ...process.env, PATH: `${path.join(dir, 'bin')}:${process.env.PATH}` }, encoding: 'utf8', timeout: 10_000 });
    return result.status;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('split: the compiled-language fallback', () => {
  const output = applyFix(splitIntoStages, INPUT) ?? '';

  it('puts the executable on distroless base, with the library closure', () => {
    assert.match(output, /^FROM gcr\.io\/distroless\/base-debian13:nonroot$/m);
    assert.match(output, /^COPY --from=build \/app\/server \/app\/server$/m);
    assert.match(output, /^ENV LD_LIBRARY_PATH=\/runtime-libs$/m);
    assert.match(output, /^CMD \["\/app\/server"\]$/m);
  });

  it('stops the build when the start program is a script, not an ELF executable', () => {
    const script = checkRun(output, /compiled executable \(ELF\)/);
    assert.equal(runIn(script, '\x7fELF\x02\x01', '2.41'), 0);
    assert.equal(runIn(script, '#!/bin/sh\necho hi\n', '2.41'), 1);
  });

  it('stops the build when its glibc is newer than the runtime\'s, or unknown', () => {
    const script = checkRun(output, /has glibc/);
    assert.equal(runIn(script, '', '2.36'), 0);
    assert.equal(runIn(script, '', '2.41'), 0);
    assert.equal(runIn(script, '', '2.42'), 1);
    assert.equal(runIn(script, '', undefined), 1, 'no glibc (musl): getconf knows no GNU_LIBC_VERSION');
  });
});
