// The shared libraries each distroless runtime image ships, so that a split copies into it only
// the libraries it lacks (fixes/split/recipes/shared/nativeClosure.ts). Each image adds Debian
// packages to the one it is built on: static (no libc) → base → cc → python3 and nodejs. The
// package lists are the images' config.bzl; the sonames are those the Debian 13 (trixie) packages
// install. Only sonames we are sure of are listed: a library missing here is copied, which is
// harmless when the builder runs the same Debian release. None of the images has a shell or
// runs ldconfig at build time of the user's image: libraries added later are found through
// LD_LIBRARY_PATH, which the loader reads (python3 also ships a pre-generated ld.so.cache).
import { Source } from './facts';

export interface SharedLibraries extends Source {
  /** The Debian packages the image installs (all of them, from the images it is built on too). */
  packages: readonly string[];
  /**
   * Shell `case` patterns of the sonames the loader finds in the image, glibc's first; [] for an
   * image without libc (nothing can be loaded there).
   */
  sonames: readonly string[];
  /** Libraries the image does not ship that an app may expect of its runtime, with why. */
  lacks?: readonly { soname: string; note: string }[];
}

const CHECKED = '2026-12-06';
const DISTROLESS_AT = 'GoogleContainerTools/distroless@cd080764';

/**
 * glibc (libc6): the C library, its loader (named per architecture: ld-linux-x86-64.so.2,
 * ld-linux-aarch64.so.1, ld-linux-armhf.so.3, ld64.so.1 on s390x, ld64.so.2 on ppc64le,
 * ld-linux-riscv64-lp64d.so.1) and the libraries split out of it. Never copied out of a builder:
 * they must match the runtime's loader, which is why a builder runs the runtime's Debian release.
 * libcrypt.so.1 is not glibc's any more (libxcrypt's libcrypt1).
 */
export const GLIBC_SONAMES: readonly string[] = [
  'ld-linux*', 'ld64.so.*', 'libc.so.6', 'libm.so.6', 'libmvec.so.1', 'libpthread.so.0', 'libdl.so.2', 'librt.so.1', 'libutil.so.1',
  'libanl.so.1', 'libresolv.so.2', 'libnss_*', 'libBrokenLocale.so.1', 'libc_malloc_debug.so.0', 'libthread_db.so.1',
];

const STATIC_PACKAGES = ['base-files', 'netbase', 'tzdata', 'tzdata-legacy', 'media-types'];

/** static: base files only (static/config.bzl STATIC_PACKAGES debian13); no libc, so no loader. */
export const STATIC_LIBRARIES: SharedLibraries = {
  packages: STATIC_PACKAGES,
  sonames: [],
  source: `${DISTROLESS_AT} static/config.bzl`,
  checked: CHECKED,
};

/** base-nossl: static + libc6 (base/config.bzl BASE_NOSSL_PACKAGES debian13). */
export const BASE_NOSSL_LIBRARIES: SharedLibraries = {
  packages: [...STATIC_PACKAGES, 'libc6'],
  sonames: GLIBC_SONAMES,
  source: `${DISTROLESS_AT} base/config.bzl BASE_NOSSL_PACKAGES`,
  checked: CHECKED,
};

/** base: static + libc6, libssl3t64 (libssl.so.3, libcrypto.so.3), libzstd1, zlib1g (base/config.bzl BASE_PACKAGES debian13). */
export const BASE_LIBRARIES: SharedLibraries = {
  packages: [...STATIC_PACKAGES, 'libc6', 'libssl3t64', 'libzstd1', 'zlib1g'],
  sonames: [...GLIBC_SONAMES, 'libssl.so.3', 'libcrypto.so.3', 'libzstd.so.1', 'libz.so.1'],
  source: `${DISTROLESS_AT} base/config.bzl BASE_PACKAGES`,
  checked: CHECKED,
};

/** cc: base + libgomp1, libstdc++6, libgcc-s1 (cc/config.bzl CC_PACKAGES debian13; cc/cc.bzl: built on //base). */
export const CC_LIBRARIES: SharedLibraries = {
  packages: [...BASE_LIBRARIES.packages, 'libgomp1', 'libstdc++6', 'libgcc-s1', 'gcc-14-base'],
  sonames: [...BASE_LIBRARIES.sonames, 'libgomp.so.1', 'libstdc++.so.6', 'libgcc_s.so.1'],
  source: `${DISTROLESS_AT} cc/config.bzl CC_PACKAGES, cc/cc.bzl`,
  checked: CHECKED,
};

/**
 * python3-debian13: cc + Python 3.13 and the libraries its modules load (python3/config.bzl
 * PYTHON_PACKAGES; python3/python.bzl: built on //cc "so that C extensions work properly").
 * The interpreter is python3.13-minimal's /usr/bin/python3.13; the list has libpython3.13-minimal
 * and -stdlib (the standard library) but not libpython3.13, the package of the shared
 * libpython3.13.so.1.0: an app that loads it (LD_PRELOAD, an embedding library) needs a python:3.13 image.
 */
export const PYTHON3_LIBRARIES: SharedLibraries = {
  packages: [
    ...CC_LIBRARIES.packages,
    'libbz2-1.0', 'libdb5.3t64', 'libexpat1', 'liblzma5', 'libsqlite3-0', 'libuuid1', 'libncursesw6', 'libtinfo6', 'libcom-err2', 'libcrypt1', 'libc-bin',
    'libgssapi-krb5-2', 'libk5crypto3', 'libkeyutils1', 'libkrb5-3', 'libkrb5support0', 'libnsl2', 'libreadline8t64', 'libtirpc3t64', 'libffi8',
    'libpython3.13-minimal', 'libpython3.13-stdlib', 'python3.13-minimal', 'python3.13-venv',
  ],
  sonames: [
    ...CC_LIBRARIES.sonames,
    'libbz2.so.1.0', 'libdb-5.3.so', 'libexpat.so.1', 'liblzma.so.5', 'libsqlite3.so.0', 'libuuid.so.1', 'libncursesw.so.6', 'libtinfo.so.6', 'libcom_err.so.2',
    'libcrypt.so.1', 'libgssapi_krb5.so.2', 'libk5crypto.so.3', 'libkeyutils.so.1', 'libkrb5.so.3', 'libkrb5support.so.0', 'libnsl.so.2', 'libreadline.so.8',
    'libtirpc.so.3', 'libffi.so.8',
  ],
  lacks: [{ soname: 'libpython3*', note: 'the shared Python library: libpython3.13 is not among its packages' }],
  source: `${DISTROLESS_AT} python3/config.bzl PYTHON_PACKAGES, python3/python.bzl, private/repos/deb/trixie_python.yaml`,
  checked: CHECKED,
};

/** nodejs22, nodejs24: cc + Node.js in /nodejs (nodejs/nodejs.bzl: built on //cc); nodejs26 adds libatomic1. */
export function nodejsLibraries(major: number): SharedLibraries {
  const atomic = major >= 26;
  return {
    packages: [...CC_LIBRARIES.packages, ...(atomic ? ['libatomic1'] : [])],
    sonames: [...CC_LIBRARIES.sonames, ...(atomic ? ['libatomic.so.1'] : [])],
    source: `${DISTROLESS_AT} nodejs/config.bzl NODEJS_PACKAGES, nodejs/nodejs.bzl`,
    checked: CHECKED,
  };
}

/**
 * The official images' Debian `-slim` variants (python, node, ruby: docker-library's
 * `*-slim-<codename>` Dockerfiles install their runtime packages on debian:<codename>-slim), and
 * debian:<codename>-slim itself (the runtime of a binary whose start needs a shell): only
 * glibc is counted as present, so a closure into them copies every other library it finds from a
 * builder on the same Debian release, the same versions the image may already have.
 */
export const OFFICIAL_SLIM: SharedLibraries = {
  packages: ['libc6'],
  sonames: GLIBC_SONAMES,
  source: 'docker-library/python, docker-library/ruby, nodejs/docker-node: *-slim-<codename>/Dockerfile (debian:<codename>-slim base); docker-library/official-images library/debian (the -slim tags)',
  checked: CHECKED,
};
