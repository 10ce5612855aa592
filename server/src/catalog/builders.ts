// Builder images: the official language images a build stage starts from, and Debian itself.
// Their facts come from the tag: the language version (`python:3.12-slim` → 3.12), the Debian
// release (`-bookworm` → 12, `-trixie` → 13, and what a tag without a codename points at today)
// and the libc (`-alpine` → musl). Rules compare them with the runtime image's facts.
//
// The Debian release of a tag without a codename was read from each image's
// docker-library/official-images `library/<image>` file (the `Directory:` of the block whose
// tags include the plain version), at every commit since June 2023, latest commit 37079fb
// (2026-08-21):
// - python: 3.9 and newer on trixie since 2025-08-11; 3.7 and 3.8 were last built on bookworm.
// - golang: 1.24 and newer (and `1`, `latest`) on trixie since 2025-08-12; 1.19–1.23 ended on bookworm.
// - rust: `1`, `latest` and 1.89 and newer on trixie since 2025-08-19 ("Make Trixie the default
//   Debian version"); 1.72–1.88 on bookworm.
// - node: only 26 and newer (and `latest`, `current`) are trixie (since 2026-05-06); the plain
//   `18`–`25` tags, `-slim` included, stay on bookworm, so `node:24` is Debian 12. `lts` moves
//   from 24 (bookworm) to 26 (trixie) in October 2026: we do not guess it.
// - debian: `latest`, `stable`, `13` are trixie since 2025-08-11; `oldstable` is bookworm.
// Tags that float across versions (`python:3`, `node:latest`) get no version: the catalog only
// states what a tag pins.
import type { CatalogEntry } from './catalog';
import { ImageFacts, Language, NativeLanguage, RuntimeKind } from './facts';

const CHECKED = '2026-11-29';
const OFFICIAL = (image: string): string => `docker-library/official-images library/${image} (commit 37079fb, 2026-08-21)`;

/** Docker Hub's official image, also through the common mirrors and per-architecture namespaces. */
function officialName(repository: string): RegExp {
  return new RegExp(`^(?:(?:mirror\\.gcr\\.io|public\\.ecr\\.aws/docker)/library/|(?:amd64|arm64v8|arm32v7|arm32v6|arm32v5|i386|ppc64le|s390x|riscv64)/)?${repository}$`);
}

const CODENAMES: Record<string, number> = { stretch: 9, buster: 10, bullseye: 11, bookworm: 12, trixie: 13 };
const CODENAME_OF: Record<number, string> = { 9: 'stretch', 10: 'buster', 11: 'bullseye', 12: 'bookworm', 13: 'trixie' };

/** The Debian release a tag names (`-bookworm`, `-slim-trixie`), if it names one. */
function codenameRelease(tag: string): number | undefined {
  const match = /(?:^|-)(stretch|buster|bullseye|bookworm|trixie)(?:-|$)/.exec(tag);
  return match ? CODENAMES[match[1]] : undefined;
}

const isAlpine = (tag: string): boolean => /(?:^|-)alpine/.test(tag);
const isSlim = (tag: string): boolean => /(?:^|-)slim(?:-|$)/.test(tag);

/** The facts every Linux tag of an official image shares: kind from `-slim`/`-alpine`, libc, shell, root. */
function linuxFacts(tag: string): Pick<ImageFacts, 'kind' | 'libc' | 'hasShell' | 'defaultUser'> {
  const kind: RuntimeKind = isAlpine(tag) || isSlim(tag) ? 'minimal' : 'full';
  return { kind, libc: isAlpine(tag) ? 'musl' : 'glibc', hasShell: true, defaultUser: 0 };
}

/** Debian release: the codename in the tag, else the image's default for that version; none on Alpine. */
function debianRelease(tag: string, defaultFor: () => number | undefined): number | undefined {
  if (isAlpine(tag)) {
    return undefined;
  }
  return codenameRelease(tag) ?? defaultFor();
}

/** `3.12` from `3.12.4-slim`; undefined for `3-slim`, `latest`, `slim`. */
function majorMinor(tag: string): string | undefined {
  const match = /^(\d+)\.(\d+)(?:[.-]|rc|$)/.exec(tag);
  return match ? `${match[1]}.${match[2]}` : undefined;
}

function minorOf(version: string | undefined): number | undefined {
  return version === undefined ? undefined : Number(version.split('.')[1]);
}

/** A tag without any version number: `latest`, `slim`, `bookworm`, `alpine3.20`, ''. */
function hasNoVersion(tag: string): boolean {
  return !/^\d/.test(tag);
}

function python(): CatalogEntry {
  return {
    id: 'python',
    title: 'Python (official image)',
    name: officialName('python'),
    facts: { kind: 'full' },
    factsFromTag: (tag) => {
      const version = majorMinor(tag);
      const minor = minorOf(version);
      const floating = version === undefined && (hasNoVersion(tag) || /^3(?:-|$)/.test(tag));
      const debian = debianRelease(tag, () => {
        if (floating) {
          return 13;
        }
        if (version?.startsWith('3.') && minor !== undefined) {
          return minor >= 9 ? 13 : minor >= 7 ? 12 : undefined;
        }
        return undefined;
      });
      return {
        ...linuxFacts(tag),
        debian,
        toolchain: { language: 'python', version },
        ...(version ? { runtime: { language: 'python' as const, version } } : {}),
      };
    },
    source: OFFICIAL('python'),
    checked: CHECKED,
  };
}

/** Node.js LTS code names used as tags. */
const NODE_CODENAMES: Record<string, number> = { gallium: 16, hydrogen: 18, iron: 20, jod: 22, krypton: 24 };

function node(): CatalogEntry {
  return {
    id: 'node',
    title: 'Node.js (official image)',
    name: officialName('node'),
    facts: { kind: 'full' },
    factsFromTag: (tag) => {
      const numeric = /^(\d+)(?:[.-]|$)/.exec(tag)?.[1];
      const codename = /^([a-z]+)(?:-|$)/.exec(tag)?.[1];
      const major = numeric !== undefined ? Number(numeric) : codename !== undefined ? NODE_CODENAMES[codename] : undefined;
      // `latest`, `current`, `slim`, `alpine`, '' follow the newest release (26, trixie).
      const newest = major === undefined && (tag === '' || /^(latest|current|slim|bookworm|trixie|bullseye)(?:-|$)/.test(tag));
      const debian = debianRelease(tag, () => {
        if (newest) {
          return 13;
        }
        if (major === undefined) {
          return undefined;
        }
        return major >= 26 ? 13 : major >= 18 ? 12 : major === 16 ? 10 : undefined;
      });
      const version = major !== undefined ? String(major) : undefined;
      return {
        ...linuxFacts(tag),
        debian,
        toolchain: { language: 'node', version },
        ...(version ? { runtime: { language: 'node' as const, version } } : {}),
      };
    },
    source: OFFICIAL('node'),
    checked: CHECKED,
  };
}

/**
 * Go and Rust images: versioned `1.x` tags, whose default Debian release follows the minor
 * version (trixie from `trixieFrom`, bookworm from `bookwormFrom`); `1` and untagged are trixie.
 */
function toolchainImage(
  repository: 'golang' | 'rust',
  title: string,
  language: 'go' | 'rust',
  minors: { trixieFrom: number; bookwormFrom: number },
  source: string,
): CatalogEntry {
  return {
    id: repository,
    title,
    name: officialName(repository),
    facts: { kind: 'full' },
    factsFromTag: (tag) => {
      const version = majorMinor(tag);
      const minor = minorOf(version);
      const debian = debianRelease(tag, () => {
        if (version === undefined) {
          return hasNoVersion(tag) || /^1(?:-|$)/.test(tag) ? 13 : undefined;
        }
        return minor === undefined ? undefined : minor >= minors.trixieFrom ? 13 : minor >= minors.bookwormFrom ? 12 : undefined;
      });
      return { ...linuxFacts(tag), debian, toolchain: { language, version } };
    },
    source,
    checked: CHECKED,
  };
}

function golang(): CatalogEntry {
  return toolchainImage('golang', 'Go (official image)', 'go', { trixieFrom: 24, bookwormFrom: 19 }, OFFICIAL('golang'));
}

function rust(): CatalogEntry {
  return toolchainImage(
    'rust',
    'Rust (official image)',
    'rust',
    { trixieFrom: 89, bookwormFrom: 72 },
    `${OFFICIAL('rust')}; rust-lang/docker-rust#246 (trixie default, GLIBC_2.xx not found on bookworm)`,
  );
}

/**
 * Java images. Temurin, OpenJDK, Corretto and SapMachine tags start with the Java release
 * (`21-jdk`, `17.0.18_8-jre`, `8u502-b07-jdk`); Maven and Gradle tags name the JDK after the tool
 * version (`3.9-eclipse-temurin-21`, `3-openjdk-17`, `3.8-jdk-11`, `8.5-jdk17`). Maven and Gradle
 * tags without a JDK follow the newest JDK and get no version. `-jre` images cannot compile: they
 * have a runtime, no toolchain. Temurin and the Maven/Gradle defaults are Ubuntu, not Debian.
 */
function java(id: string, repository: string, release: (tag: string) => number | undefined, title: string): CatalogEntry {
  return {
    id,
    title,
    name: officialName(repository),
    facts: { kind: 'full' },
    factsFromTag: (tag) => {
      const major = release(tag);
      const version = major !== undefined ? String(major) : undefined;
      const jre = /(?:^|-)jre(?:-|$)/.test(tag);
      return {
        ...linuxFacts(tag),
        ...(version ? { runtime: { language: 'java' as const, version } } : {}),
        ...(jre ? {} : { toolchain: { language: 'java' as const, version } }),
      };
    },
    source: OFFICIAL(repository),
    checked: CHECKED,
  };
}

/** `21` from `21-jdk`, `17.0.18_8-jre`; `8` from `8u502-b07-jdk`. */
function leadingRelease(tag: string): number | undefined {
  const match = /^(\d+)(?:u\d+)?(?:[._-]|$)/.exec(tag);
  return match ? Number(match[1]) : undefined;
}

/** The JDK named inside a Maven or Gradle tag. */
function toolTagRelease(tag: string): number | undefined {
  const match = /(?:^|-)(?:eclipse-temurin|openjdk|amazoncorretto|sapmachine|ibm-semeru|ibmjava|graalvm-community|graalvm-ce|jdk)-?(\d+)(?:-|$)/.exec(tag);
  return match ? Number(match[1]) : undefined;
}

function javaImages(): CatalogEntry[] {
  return [
    java('eclipse-temurin', 'eclipse-temurin', leadingRelease, 'Eclipse Temurin JDK/JRE (official image)'),
    java('openjdk', 'openjdk', leadingRelease, 'OpenJDK (official image, deprecated)'),
    java('amazoncorretto', 'amazoncorretto', leadingRelease, 'Amazon Corretto (official image)'),
    java('sapmachine', 'sapmachine', leadingRelease, 'SapMachine (official image)'),
    java('maven', 'maven', toolTagRelease, 'Maven (official image)'),
    java('gradle', 'gradle', toolTagRelease, 'Gradle (official image)'),
  ];
}

const DOTNET_SOURCE = 'dotnet/dotnet-docker README; dotnet/core release-notes/releases-index.json (eol-date)';

/**
 * .NET images not matched by the entries in `entries.ts` (which cover 8.0, 9.0 and the chiseled
 * tags): the version from the tag, and the end of support of the older releases.
 */
function dotnet(): CatalogEntry[] {
  const name = /^mcr\.microsoft\.com\/dotnet\/(sdk|aspnet|runtime|runtime-deps)$/;
  const ended: [string, string][] = [
    ['3.1', '2022-12-13'],
    ['5.0', '2022-05-10'],
    ['6.0', '2024-11-12'],
    ['7.0', '2024-05-14'],
  ];
  const old = ended.map(([version, date]): CatalogEntry => ({
    id: `dotnet-${version}`,
    title: `.NET ${version} image`,
    name,
    tag: new RegExp(`^${version.replace('.', '\\.')}(\\.|-|$)`),
    // No `runtime` fact: rules read `runtime.language === 'dotnet'` as "defines APP_UID", which
    // only .NET 8 and newer images do.
    facts: {
      kind: 'full',
      endOfSupport: { date, replacement: 'mcr.microsoft.com/dotnet/aspnet:10.0', note: 'move the SDK image to 10.0 too and retarget the project to net10.0' },
    },
    factsFromTag: (tag) => ({
      ...linuxFacts(tag),
      ...(/(chiseled|distroless)/.test(tag) ? { kind: 'distroless' as const, hasShell: false, defaultUser: undefined } : {}),
    }),
    source: DOTNET_SOURCE,
    checked: CHECKED,
  }));
  const current: CatalogEntry = {
    id: 'dotnet',
    title: '.NET image',
    name,
    tag: /^\d+\.\d+/,
    facts: { kind: 'full' },
    factsFromTag: (tag) => {
      const version = /^(\d+\.\d+)/.exec(tag)?.[1] ?? '';
      return { ...linuxFacts(tag), runtime: { language: 'dotnet', version } };
    },
    source: DOTNET_SOURCE,
    checked: CHECKED,
  };
  const sdk: CatalogEntry = {
    ...current,
    id: 'dotnet-sdk',
    title: '.NET SDK image',
    name: /^mcr\.microsoft\.com\/dotnet\/sdk$/,
    factsFromTag: (tag) => {
      const version = /^(\d+\.\d+)/.exec(tag)?.[1] ?? '';
      return { ...linuxFacts(tag), runtime: { language: 'dotnet', version }, toolchain: { language: 'dotnet', version } };
    },
  };
  return [...old, sdk, current];
}

/**
 * astral-sh/uv images with a distribution (`python3.12-bookworm-slim`, `0.5-alpine`); the bare
 * `uv:0.5` image holds only the uv binary (FROM scratch) and is not a builder.
 */
function uv(): CatalogEntry {
  return {
    id: 'uv',
    title: 'uv (astral-sh) with a Python image',
    name: /^ghcr\.io\/astral-sh\/uv$/,
    tag: /(?:^|-)(bookworm|trixie|bullseye|alpine|debian)/,
    facts: { kind: 'minimal' },
    factsFromTag: (tag) => {
      const version = /(?:^|-)python(\d+\.\d+)(?:-|$)/.exec(tag)?.[1];
      return {
        ...linuxFacts(tag),
        debian: debianRelease(tag, () => (/(?:^|-)debian(?:-|$)/.test(tag) ? 13 : undefined)),
        toolchain: { language: 'python', version },
        ...(version ? { runtime: { language: 'python' as const, version } } : {}),
      };
    },
    source: 'astral-sh/uv docs/guides/integration/docker.md (available images); python images built FROM python:<version>-<distro>',
    checked: CHECKED,
  };
}

/**
 * Ruby (docker-library/ruby): Debian tags `<version>[-slim][-<codename>]`, Alpine tags
 * `<version>-alpine[<release>]`. The images set no ENTRYPOINT and no WORKDIR (CMD is `irb`);
 * gems go to GEM_HOME /usr/local/bundle. Without a codename the Debian release moves with new
 * Debian releases, so it is not stated. The Ruby version is in the tag, but ImageFacts has no
 * Ruby toolchain (Language lists the languages with a distroless runtime).
 */
function ruby(): CatalogEntry {
  return {
    id: 'ruby',
    title: 'Ruby (official image)',
    name: officialName('ruby'),
    facts: { kind: 'full' },
    factsFromTag: (tag) => ({ ...linuxFacts(tag), debian: isAlpine(tag) ? undefined : codenameRelease(tag), workdir: '/' }),
    source: 'docker-library/ruby Dockerfile.template; docker-library/official-images library/ruby (tag scheme)',
    checked: CHECKED,
  };
}

export type PhpVariant = 'cli' | 'apache' | 'fpm' | 'zts';

/**
 * The variant a php tag names: `8.3-apache`, `8-fpm-alpine3.20`, `apache-bookworm`, `zts`; a
 * tag without one (`8.3`, `8.3-alpine`, `latest`) is the cli variant.
 */
export function phpVariant(tag: string): PhpVariant {
  const named = /(?:^|-)(cli|apache|fpm|zts)(?:-|$)/.exec(tag)?.[1];
  return named === 'apache' || named === 'fpm' || named === 'zts' ? named : 'cli';
}

/**
 * PHP (docker-library/php Dockerfile-linux.template): every variant has ENTRYPOINT
 * ["docker-php-entrypoint"]; apache and fpm set WORKDIR /var/www/html (cli and zts set none).
 * The Debian variants keep $PHPIZE_DEPS (gcc, make, ...) installed, the Alpine ones do not.
 * There is no -slim variant: the Alpine variants are the minimal ones.
 */
function php(): CatalogEntry {
  return {
    id: 'php',
    title: 'PHP (official image)',
    name: officialName('php'),
    facts: { kind: 'full' },
    factsFromTag: (tag) => {
      const variant = phpVariant(tag);
      return {
        ...linuxFacts(tag),
        debian: isAlpine(tag) ? undefined : codenameRelease(tag),
        entrypoint: ['docker-php-entrypoint'],
        workdir: variant === 'apache' || variant === 'fpm' ? '/var/www/html' : '/',
      };
    },
    source: 'docker-library/php Dockerfile-linux.template; docker-library/official-images library/php (tag scheme)',
    checked: CHECKED,
  };
}

function debian(): CatalogEntry {
  return {
    id: 'debian',
    title: 'Debian (official image)',
    name: officialName('debian'),
    facts: { kind: 'full' },
    factsFromTag: (tag) => {
      const number = /^(\d+)(?:[.-]|$)/.exec(tag)?.[1];
      const suite = /^(latest|stable|oldstable|oldoldstable)?(?:-|$)/.exec(tag)?.[1];
      const release =
        codenameRelease(tag) ??
        (number !== undefined ? Number(number) : tag === '' || tag === 'slim' || suite === 'latest' || suite === 'stable' ? 13 : suite === 'oldstable' ? 12 : suite === 'oldoldstable' ? 11 : undefined);
      return { ...linuxFacts(tag), debian: release };
    },
    source: OFFICIAL('debian'),
    checked: CHECKED,
  };
}

/** Alpine through a registry mirror or an architecture namespace (plain `alpine` is in entries.ts). */
function alpineMirror(): CatalogEntry {
  return {
    id: 'alpine-mirror',
    title: 'Alpine Linux (mirror or architecture namespace)',
    name: /^(?:(?:mirror\.gcr\.io|public\.ecr\.aws\/docker)\/library\/|(?:amd64|arm64v8|arm32v7|arm32v6|i386|ppc64le|s390x|riscv64)\/)alpine$/,
    facts: { kind: 'minimal', hasShell: true, defaultUser: 0, libc: 'musl' },
    source: 'Docker Hub official image "alpine"',
    checked: CHECKED,
  };
}

/**
 * Builder and Debian entries, placed after the Windows entries (so Windows tags stay Windows) and
 * before the generic `-alpine`/`-slim` entries (whose kind and libc these reproduce).
 */
export const BUILDER_ENTRIES: readonly CatalogEntry[] = [python(), node(), golang(), rust(), ...javaImages(), ...dotnet(), uv(), ruby(), php(), debian(), alpineMirror()];

/**
 * The Python that `apt-get install python3` brings on each Debian release (bullseye 3.9.2,
 * bookworm 3.11.2, trixie 3.13.5): the builder of distroless' own python3 example.
 */
const DEBIAN_PYTHON: Record<number, string> = { 11: '3.9', 12: '3.11', 13: '3.13' };
export const DEBIAN_PYTHON_SOURCE = 'Debian packages python3 (packages.debian.org bullseye/bookworm/trixie); distroless python3/config.bzl';

export function debianPythonVersion(release: number | undefined): string | undefined {
  return release === undefined ? undefined : DEBIAN_PYTHON[release];
}

/** The Debian codename of a release (12 → `bookworm`). */
export function debianCodename(release: number): string | undefined {
  return CODENAME_OF[release];
}

/**
 * The official builder image that produces artifacts for a runtime: same language version, same
 * Debian release (glibc), e.g. Python 3.13 on Debian 13 → `python:3.13-slim-trixie`; for Java the
 * same build tool (`family`: `maven`, `gradle`). Used in messages; undefined when no such tag exists.
 */
/** The Debian releases each official image still publishes tags for (official-images, 2026-08-21). */
const PUBLISHED_RELEASES: Record<'python' | 'node' | 'go' | 'rust', readonly number[]> = {
  python: [12, 13],
  node: [11, 12, 13],
  go: [12, 13],
  rust: [11, 12, 13],
};

export function builderImageFor(language: Language | NativeLanguage, version: string | undefined, debianRelease: number | undefined, family?: string): string | undefined {
  const published = language === 'python' || language === 'node' || language === 'go' || language === 'rust' ? PUBLISHED_RELEASES[language] : [];
  const codename = debianRelease !== undefined && published.includes(debianRelease) ? debianCodename(debianRelease) : undefined;
  switch (language) {
    case 'python':
      return version && codename ? `python:${version}-slim-${codename}` : undefined;
    case 'node':
      return version && codename ? `node:${version}-${codename}-slim` : undefined;
    case 'java':
      if (!version) {
        return undefined;
      }
      // Keep the build tool: `family` is the builder's catalog entry id.
      return family === 'maven' ? `maven:3-eclipse-temurin-${version}` : family === 'gradle' ? `gradle:jdk${version}` : `eclipse-temurin:${version}-jdk`;
    case 'rust':
      return codename ? `rust:1-${codename}` : undefined;
    case 'go':
      return codename ? `golang:1-${codename}` : undefined;
    case 'dotnet':
      return version ? `mcr.microsoft.com/dotnet/sdk:${version}` : undefined;
  }
}
