// System packages across a split with a Debian `-slim` or Alpine runtime (Ruby, PHP, Node): which
// installed packages only build (compilers, headers, download tools), which header package
// needs which runtime library, and the lines that install them and add the non-root user.
// Package names are the same on Debian 10-13 unless noted; an unknown header package gives
// undefined, so the recipe declines instead of shipping a runtime without the library.

export type Distro = 'debian' | 'alpine';

const BUILD_ONLY: Record<Distro, RegExp> = {
  debian: /^(build-essential|gcc(-\d+)?|g\+\+(-\d+)?|cpp|clang|make|cmake|ninja-build|autoconf|automake|libtool|bison|flex|patch|pkg-config|pkgconf|dpkg-dev|git|curl|wget|gnupg2?|dirmngr|apt-transport-https|apt-utils|software-properties-common|lsb-release|unzip|zip|xz-utils|bzip2|ca-certificates|libc6?-dev|linux-libc-dev)$/,
  alpine: /^(build-base|\.build-deps|gcc|g\+\+|clang|make|cmake|samurai|autoconf|automake|libtool|bison|flex|patch|pkgconf|pkgconfig|musl-dev|libc-dev|linux-headers|git|curl|wget|gnupg|unzip|zip|xz|tar|ca-certificates|\$PHPIZE_DEPS)$/,
};

/** Header package → the library the built code loads ('' when the language's image already has it). */
const RUNTIME_LIBRARY: Record<Distro, Record<string, string>> = {
  debian: {
    'libpq-dev': 'libpq5',
    'default-libmysqlclient-dev': 'libmariadb3', 'libmariadb-dev': 'libmariadb3', 'libmariadb-dev-compat': 'libmariadb3', 'libmysqlclient-dev': 'libmariadb3',
    'libsqlite3-dev': 'libsqlite3-0',
    'libxml2-dev': 'libxml2', 'libxslt1-dev': 'libxslt1.1', 'libxslt-dev': 'libxslt1.1',
    'freetds-dev': 'libsybdb5',
    'libyaml-dev': '', 'libffi-dev': '', 'libssl-dev': '', 'zlib1g-dev': '', 'libgmp-dev': '', 'libgdbm-dev': '',
  },
  alpine: {
    'postgresql-dev': 'libpq', 'libpq-dev': 'libpq',
    'mariadb-dev': 'mariadb-connector-c', 'mariadb-connector-c-dev': 'mariadb-connector-c', 'mysql-dev': 'mariadb-connector-c',
    'sqlite-dev': 'sqlite-libs',
    'libxml2-dev': 'libxml2', 'libxslt-dev': 'libxslt',
    'freetds-dev': 'freetds',
    'libzip-dev': 'libzip', 'libpng-dev': 'libpng', 'libjpeg-turbo-dev': 'libjpeg-turbo', 'freetype-dev': 'freetype', 'libwebp-dev': 'libwebp',
    // aports main/openjpeg/APKBUILD: libopenjp2 stays in openjpeg (subpackages -dev and -tools only).
    'openjpeg-dev': 'openjpeg',
    'icu-dev': 'icu-libs', 'oniguruma-dev': 'oniguruma', 'libsodium-dev': 'libsodium', 'gmp-dev': 'gmp',
    'yaml-dev': '', 'libffi-dev': '', 'openssl-dev': '', 'zlib-dev': '', 'readline-dev': '',
  },
};

/**
 * The packages the runtime installs for those the build left installed: build tools dropped,
 * headers replaced by their library, anything else kept. Undefined when a header's library is
 * unknown. `keep` names build-only packages the app itself runs (git for a CLI that calls it).
 */
export function runtimePackages(distro: Distro, installed: string[], keep: (name: string) => boolean = () => false): string[] | undefined {
  const needed: string[] = [];
  for (const name of installed) {
    // A build-only header (musl-dev, libc-dev: the C library itself) needs no library of its own.
    const library = BUILD_ONLY[distro].test(name) && !keep(name) ? '' : name.endsWith('-dev') ? RUNTIME_LIBRARY[distro][name] : name;
    if (library === undefined) {
      return undefined;
    }
    if (library !== '' && !needed.includes(library)) {
      needed.push(library);
    }
  }
  // A C++ compiler on Alpine: extensions built with it link libstdc++ and libgcc_s, which Alpine's
  // base lacks (Debian's has them), so the runtime installs them.
  if (distro === 'alpine' && installed.some((name) => /^(build-base|g\+\+|clang)$/.test(name))) {
    needed.push(...['libstdc++', 'libgcc'].filter((name) => !needed.includes(name)));
  }
  return needed;
}

/** Whether a package only builds (so a start command that runs it cannot work in the runtime). */
export function isBuildOnly(distro: Distro, name: string): boolean {
  return BUILD_ONLY[distro].test(name) || name.endsWith('-dev');
}

/** The RUN lines that install `packages` in the runtime, without caches. */
export function installLines(distro: Distro, packages: string[]): string[] {
  if (packages.length === 0) {
    return [];
  }
  return distro === 'alpine'
    ? [`RUN apk add --no-cache ${packages.join(' ')}`]
    : ['RUN apt-get update \\', ` && apt-get install -y --no-install-recommends ${packages.join(' ')} \\`, ' && rm -rf /var/lib/apt/lists/*'];
}

/** The official -slim and Alpine images have no user 65532: create it, so HOME exists. */
export function nonRootUserLines(distro: Distro): string[] {
  return distro === 'alpine'
    ? ['RUN addgroup -S -g 65532 nonroot \\', ' && adduser -S -D -u 65532 -G nonroot -h /home/nonroot nonroot']
    : ['RUN groupadd --gid 65532 nonroot \\', ' && useradd --uid 65532 --gid 65532 --create-home nonroot'];
}

/**
 * Header packages on Debian 13 (trixie) → the library the built code loads, for runtimes on a bare
 * trixie -slim image (node:*-trixie-slim adds no library of its own, unlike the Ruby and PHP
 * images RUNTIME_LIBRARY is for). Names after trixie's 64-bit time_t renames (libssl3t64,
 * libpng16-16t64); a header missing here is unknown, and the recipe declines.
 */
const TRIXIE_SLIM_LIBRARY: Record<string, string> = {
  'libpq-dev': 'libpq5',
  'default-libmysqlclient-dev': 'libmariadb3', 'libmariadb-dev': 'libmariadb3', 'libmariadb-dev-compat': 'libmariadb3',
  'libsqlite3-dev': 'libsqlite3-0',
  'libssl-dev': 'libssl3t64', 'zlib1g-dev': 'zlib1g',
  // canvas (node-canvas's Debian build instructions: cairo, pango, jpeg, gif, rsvg).
  'libcairo2-dev': 'libcairo2', 'libpango1.0-dev': 'libpangocairo-1.0-0', 'libjpeg-dev': 'libjpeg62-turbo', 'libjpeg62-turbo-dev': 'libjpeg62-turbo',
  'libgif-dev': 'libgif7', 'librsvg2-dev': 'librsvg2-2', 'libpng-dev': 'libpng16-16t64', 'libpixman-1-dev': 'libpixman-1-0',
  'libfreetype-dev': 'libfreetype6', 'libfreetype6-dev': 'libfreetype6',
  // serialport, usb, kerberos.
  'libudev-dev': 'libudev1', 'libusb-1.0-0-dev': 'libusb-1.0-0', 'libkrb5-dev': 'libgssapi-krb5-2',
};

/** What a trixie -slim runtime installs for the packages a build installed. */
export interface TrixieSlimPackages {
  /** Package → the header package that asked for it ('' when the build installed it itself). */
  needed: Map<string, string>;
  /** Installed packages left out: they only build. */
  dropped: string[];
  /** Header packages whose library is unknown: the recipe cannot tell what the runtime needs. */
  unknownHeaders: string[];
}

/**
 * The packages a runtime on a bare trixie -slim image needs for those the build installed: build
 * tools dropped, headers replaced by their library, anything else (imagemagick, ffmpeg, fonts)
 * kept as it is. `classify` is the ecosystem's own word on a package, before the shared list
 * (node-gyp's python3 only builds; an unzip the app may run is kept).
 */
export function trixieSlimPackages(installed: string[], classify: (name: string) => 'build' | 'runtime' | undefined = () => undefined): TrixieSlimPackages {
  const result: TrixieSlimPackages = { needed: new Map(), dropped: [], unknownHeaders: [] };
  for (const name of new Set(installed)) {
    const own = classify(name);
    if (own === 'build' || (own === undefined && BUILD_ONLY.debian.test(name))) {
      result.dropped.push(name);
      continue;
    }
    if (own === 'runtime' || !name.endsWith('-dev')) {
      result.needed.set(name, '');
      continue;
    }
    const library = TRIXIE_SLIM_LIBRARY[name];
    if (library === undefined) {
      result.unknownHeaders.push(name);
    } else {
      result.dropped.push(name);
      if (!result.needed.has(library)) {
        result.needed.set(library, name);
      }
    }
  }
  return result;
}

/** installLines for Debian, taking the recommended packages too when the build did (no --no-install-recommends there). */
export function aptInstallLines(packages: string[], recommends: boolean): string[] {
  return packages.length === 0
    ? []
    : ['RUN apt-get update \\', ` && apt-get install -y ${recommends ? '' : '--no-install-recommends '}${packages.join(' ')} \\`, ' && rm -rf /var/lib/apt/lists/*'];
}
