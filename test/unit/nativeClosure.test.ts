// The native closure's builder lines, run for real: the RUN is joined as Docker joins its
// continuation lines and run by dash (POSIX sh) with a stand-in `ldd` that prints what glibc's
// ldd prints, so what it copies, leaves out and refuses is observed, not read. Also the catalog's
// shared-library facts the closure relies on.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lookupImage } from '../../server/src/catalog/catalog';
import { GLIBC_SONAMES } from '../../server/src/catalog/sharedLibraries';
import { parseImageReference } from '../../server/src/core/imageReference';
import { NativeClosure, RUNTIME_LIBS, nativeClosure } from '../../server/src/fixes/split/recipes/shared/nativeClosure';

const CC = 'gcr.io/distroless/cc-debian13:nonroot';
const PYTHON = 'gcr.io/distroless/python3-debian13:nonroot';

function closureFor(targets: Parameters<typeof nativeClosure>[0]): NativeClosure {
  const closure = nativeClosure(targets);
  assert.ok(typeof closure !== 'string', String(closure));
  return closure;
}

function facts(reference: string) {
  const image = parseImageReference(reference);
  assert.ok(image, reference);
  return lookupImage(image).facts;
}

interface Run {
  status: number | null;
  stderr: string;
  /** File name → content of what landed in the runtime-libs folder (symlinks would show as such). */
  copied: Map<string, string>;
}

/**
 * Runs the closure's RUN in `root` (a temporary folder standing in for the builder's /): the
 * stand-in ldd prints `lddOutput`, where `@` stands for `root`.
 */
function runClosure(closure: NativeClosure, root: string, lddOutput: string): Run {
  const run = closure.builderLines.slice(1);
  assert.match(closure.builderLines[0], /^# /, 'a comment says what the RUN does');
  assert.match(run[0], /^RUN /);
  // Docker removes each backslash-newline and hands the one line to /bin/sh -c.
  const script = run.map((line) => line.replace(/\\$/, '')).join('').replace(/^RUN /, '')
    .split(RUNTIME_LIBS).join(`${root}${RUNTIME_LIBS}`)
    .split('/tmp/ldd.txt').join(`${root}/ldd.txt`);
  fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(root, 'ldd.out'), lddOutput.split('@').join(root));
  fs.writeFileSync(path.join(root, 'bin', 'ldd'), `#!/bin/sh\ncat '${root}/ldd.out'\n`, { mode: 0o755 });
  const result = spawnSync('dash', ['-c', script], { env: { ...process.env, PATH: `${root}/bin:${process.env.PATH ?? ''}` }, encoding: 'utf8' });
  const libs = path.join(root, RUNTIME_LIBS);
  const copied = new Map<string, string>();
  if (fs.existsSync(libs)) {
    for (const name of fs.readdirSync(libs)) {
      const file = path.join(libs, name);
      copied.set(name, fs.lstatSync(file).isSymbolicLink() ? '(symlink)' : fs.readFileSync(file, 'utf8'));
    }
  }
  return { status: result.status, stderr: result.stderr, copied };
}

/** A builder's library folder: each name a file with its name as content, `libpq.so.5` a symlink to its versioned file as Debian has it. */
function libraries(root: string, names: string[]): void {
  const dir = path.join(root, 'lib');
  fs.mkdirSync(dir, { recursive: true });
  for (const name of names) {
    if (name === 'libpq.so.5') {
      fs.writeFileSync(path.join(dir, 'libpq.so.5.17'), 'libpq 17');
      fs.symlinkSync('libpq.so.5.17', path.join(dir, name));
    } else {
      fs.writeFileSync(path.join(dir, name), name);
    }
  }
}

describe('native closure: the builder lines, run by dash', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'closure-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('copies what distroless cc lacks, dereferencing symlinks, and leaves out glibc and cc\'s own libraries', () => {
    libraries(root, ['libpq.so.5', 'libgssapi_krb5.so.2', 'libssl.so.3', 'libstdc++.so.6', 'libc.so.6', 'libm.so.6', 'ld-linux-aarch64.so.1']);
    const output = [
      `${root}/app/server:`,
      '\tlinux-vdso.so.1 (0x0000ffff9a5f0000)',
      '\tlibpq.so.5 => @/lib/libpq.so.5 (0x0000ffff9a400000)',
      '\tlibssl.so.3 => @/lib/libssl.so.3 (0x0000ffff9a300000)',
      '\tlibstdc++.so.6 => @/lib/libstdc++.so.6 (0x0000ffff9a200000)',
      '\tlibm.so.6 => @/lib/libm.so.6 (0x0000ffff9a100000)',
      '\tlibc.so.6 => @/lib/libc.so.6 (0x0000ffff99f00000)',
      '\tlibgssapi_krb5.so.2 => @/lib/libgssapi_krb5.so.2 (0x0000ffff99e00000)',
      '\tld-linux-aarch64.so.1 => @/lib/ld-linux-aarch64.so.1 (0x0000ffff9a5b0000)',
      '\t/lib/ld-linux-aarch64.so.1 (0x0000ffff9a5b0000)',
      '',
    ].join('\n');
    const run = runClosure(closureFor({ runtimeImage: CC, binaries: [`${root}/app/server`], subject: 'the binary' }), root, output);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.copied].sort(), [['libgssapi_krb5.so.2', 'libgssapi_krb5.so.2'], ['libpq.so.5', 'libpq 17']]);
  });

  it('stops the build and names the library ldd reports not found', () => {
    libraries(root, ['libpq.so.5']);
    const output = '\tlibpq.so.5 => @/lib/libpq.so.5 (0x00007f2a1c000000)\n\tlibldap-2.5.so.0 => not found\n\tlibc.so.6 => @/lib/libc.so.6 (0x00007f2a1be00000)\n';
    const run = runClosure(closureFor({ runtimeImage: CC, binaries: [`${root}/app/server`], subject: 'the binary' }), root, output);
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /libldap-2\.5\.so\.0 => not found/);
  });

  it('copies nothing for a static binary (ldd: not a dynamic executable)', () => {
    const run = runClosure(closureFor({ runtimeImage: CC, binaries: [`${root}/app/server`], subject: 'the binary' }), root, '\tnot a dynamic executable\n');
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.copied], []);
  });

  it('scans a venv: leaves out libraries inside it and those distroless python3 has, copies the rest', () => {
    const venv = path.join(root, 'venv');
    fs.mkdirSync(path.join(venv, 'lib', 'lxml'), { recursive: true });
    fs.writeFileSync(path.join(venv, 'lib', 'lxml', 'etree.cpython-313-x86_64-linux-gnu.so'), 'elf');
    libraries(root, ['libxml2.so.2', 'libicuuc.so.76', 'liblzma.so.5', 'libz.so.1', 'libc.so.6']);
    const output = [
      `${venv}/lib/lxml/etree.cpython-313-x86_64-linux-gnu.so:`,
      '\tlibxml2.so.2 => @/lib/libxml2.so.2 (0x00007f0000000000)',
      '\tlibicuuc.so.76 => @/lib/libicuuc.so.76 (0x00007f0000100000)',
      '\tliblzma.so.5 => @/lib/liblzma.so.5 (0x00007f0000200000)',
      '\tlibz.so.1 => @/lib/libz.so.1 (0x00007f0000300000)',
      '\tlibexslt-bundled.so.0 => @/venv/lib/lxml.libs/libexslt-bundled.so.0 (0x00007f0000400000)',
      '\tlibc.so.6 => @/lib/libc.so.6 (0x00007f0000500000)',
      '',
    ].join('\n');
    const run = runClosure(closureFor({ runtimeImage: PYTHON, folders: [venv], subject: "the venv's extension modules" }), root, output);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.copied.keys()].sort(), ['libicuuc.so.76', 'libxml2.so.2']);
  });

  it('stops the build when an extension module links libpython, which distroless python3 does not ship', () => {
    const venv = path.join(root, 'venv');
    fs.mkdirSync(venv, { recursive: true });
    fs.writeFileSync(path.join(venv, 'embed.so'), 'elf');
    libraries(root, ['libpython3.13.so.1.0']);
    const run = runClosure(closureFor({ runtimeImage: PYTHON, folders: [venv], subject: "the venv's extension modules" }), root, '\tlibpython3.13.so.1.0 => @/lib/libpython3.13.so.1.0 (0x00007f0000000000)\n');
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /libpython3\.13\.so\.1\.0: gcr\.io\/distroless\/python3-debian13 does not ship it/);
  });
});

describe('native closure: the plan pieces', () => {
  it('gives the runtime the folder and LD_LIBRARY_PATH, keeping a path the build sets', () => {
    const closure = closureFor({ runtimeImage: CC, binaries: ['/app/server'], subject: 'the binary' });
    assert.deepEqual(closure.artifact, { source: RUNTIME_LIBS, target: RUNTIME_LIBS });
    assert.deepEqual(closure.runtimeEnv, ['ENV LD_LIBRARY_PATH=/runtime-libs']);
    assert.deepEqual(closureFor({ runtimeImage: CC, binaries: ['/app/server'], subject: 'the binary', ldLibraryPath: true }).runtimeEnv, ['ENV LD_LIBRARY_PATH=/runtime-libs:$LD_LIBRARY_PATH']);
    assert.match(closure.note, /ldd/);
    assert.match(closure.note, /gcr\.io\/distroless\/cc-debian13/);
  });

  it('hard-codes no architecture: the loader is matched by pattern, the library paths are ldd\'s', () => {
    const text = closureFor({ runtimeImage: CC, binaries: ['/app/server'], subject: 'the binary' }).builderLines.join('\n');
    assert.doesNotMatch(text, /x86_64|aarch64|amd64|arm64/);
    assert.match(text, /cp -L "\$path"/);
  });

  it('copies every library but glibc into debian:trixie-slim, the base of the official -slim images', () => {
    const text = closureFor({ runtimeImage: 'debian:trixie-slim', binaries: ['/crystal/server.out'], subject: 'the executable' }).builderLines.join('\n');
    assert.match(text, /libc\.so\.6\|/);
    assert.doesNotMatch(text, /libstdc\+\+|libssl/);
  });

  it('refuses an image without libc, one whose libraries are unknown, and paths it cannot quote', () => {
    assert.match(String(nativeClosure({ runtimeImage: 'gcr.io/distroless/static-debian13:nonroot', binaries: ['/app'], subject: 'the binary' })), /no C library/);
    assert.match(String(nativeClosure({ runtimeImage: 'gcr.io/distroless/cc-debian12:nonroot', binaries: ['/app'], subject: 'the binary' })), /does not know/);
    assert.match(String(nativeClosure({ runtimeImage: 'debian:trixie', binaries: ['/app'], subject: 'the binary' })), /does not know/);
    assert.match(String(nativeClosure({ runtimeImage: CC, binaries: ['/app/my server'], subject: 'the binary' })), /cannot name/);
  });
});

describe('catalog: shared libraries of the distroless runtime images', () => {
  it('builds each image on the one below it: static (none) → base → cc → python3 and nodejs', () => {
    const sonames = (reference: string) => facts(reference).sharedLibraries?.sonames ?? [];
    assert.deepEqual(sonames('gcr.io/distroless/static-debian13'), []);
    assert.ok(GLIBC_SONAMES.every((soname) => sonames('gcr.io/distroless/base-nossl-debian13').includes(soname)));
    assert.ok(!sonames('gcr.io/distroless/base-nossl-debian13').includes('libssl.so.3'));
    for (const soname of ['libssl.so.3', 'libcrypto.so.3', 'libz.so.1', 'libzstd.so.1']) {
      assert.ok(sonames('gcr.io/distroless/base-debian13:nonroot').includes(soname), soname);
    }
    assert.ok(!sonames('gcr.io/distroless/base-debian13').includes('libstdc++.so.6'));
    for (const soname of ['libstdc++.so.6', 'libgcc_s.so.1', 'libgomp.so.1', 'libssl.so.3']) {
      assert.ok(sonames('gcr.io/distroless/cc-debian13').includes(soname), soname);
      assert.ok(sonames('gcr.io/distroless/python3-debian13').includes(soname), soname);
      assert.ok(sonames('gcr.io/distroless/nodejs24-debian13').includes(soname), soname);
    }
    assert.ok(sonames('gcr.io/distroless/python3-debian13').includes('libffi.so.8'));
    assert.ok(sonames('gcr.io/distroless/nodejs26-debian13').includes('libatomic.so.1'));
    assert.ok(!sonames('gcr.io/distroless/nodejs24-debian13').includes('libatomic.so.1'));
    assert.deepEqual(sonames('gcr.io/distroless/cc'), sonames('gcr.io/distroless/cc-debian13'), 'the alias is Debian 13');
  });

  it('says distroless python3 has no shared libpython, and lists its packages for the Python recipe', () => {
    const python = facts('gcr.io/distroless/python3-debian13').sharedLibraries;
    assert.ok(python?.lacks?.some(({ soname }) => soname.startsWith('libpython3')));
    assert.ok(!python?.packages.includes('libpython3.13'));
    assert.ok(python?.packages.includes('libpython3.13-stdlib'));
    assert.ok(python?.packages.includes('libgssapi-krb5-2'));
  });

  it('knows no libraries of Debian 12 images (the closure is for Debian 13 builds), and names a source and date for each fact', () => {
    assert.equal(facts('gcr.io/distroless/cc-debian12').sharedLibraries, undefined);
    for (const reference of ['gcr.io/distroless/static-debian13', 'gcr.io/distroless/base-debian13', 'gcr.io/distroless/cc-debian13', 'gcr.io/distroless/python3-debian13', 'gcr.io/distroless/nodejs22-debian13']) {
      const libraries = facts(reference).sharedLibraries;
      assert.match(libraries?.source ?? '', /GoogleContainerTools\/distroless/, reference);
      assert.match(libraries?.checked ?? '', /^\d{4}-\d{2}-\d{2}$/, reference);
    }
  });
});
