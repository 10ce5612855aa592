// Java builder entries: Temurin, OpenJDK, Corretto, SapMachine, Maven, Gradle and Clojure images.
import type { CatalogEntry } from '../catalog';
import { officialEndOfSupport } from '../officialLifecycle';
import { CHECKED, OFFICIAL, linuxFacts, officialName } from './tags';

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
      // Only Temurin's releases are dated here (Adoptium's roadmap); the other vendors differ.
      const endOfSupport = id === 'eclipse-temurin' ? officialEndOfSupport('eclipse-temurin', 'eclipse-temurin', tag, version) : undefined;
      const alpineArches = id === 'eclipse-temurin' && major !== undefined && /(?:^|-)alpine/.test(tag) ? temurinAlpineArchitectures(major) : undefined;
      return {
        ...linuxFacts(tag),
        ...(alpineArches ? { architectures: alpineArches } : {}),
        ...(endOfSupport ? { endOfSupport } : {}),
        ...(version ? { runtime: { language: 'java' as const, version } } : {}),
        ...(jre ? {} : { toolchain: { language: 'java' as const, version } }),
      };
    },
    source: OFFICIAL(repository),
    checked: CHECKED,
  };
}

/**
 * The Java releases whose Temurin JRE the official image publishes, by libc: `NN-jre` (Ubuntu,
 * glibc) and `NN-jre-alpine` (musl), the LTS releases 8, 11, 17 and 21 (docker-library/
 * official-images library/eclipse-temurin, commit 00257ae: tags 8u412-b08-jre-alpine,
 * 11.0.23_9-jre-alpine, 17.0.11_9-jre-alpine, 21.0.4_7-jre-alpine and their -jre; checked
 * 2026-12-07). That snapshot predates 25: its glibc JRE is the one the Java recipe's Temurin
 * plan already uses; its Alpine tag is not checked here, so it is left out.
 */
export const TEMURIN_JRE_RELEASES: Record<'glibc' | 'musl', readonly number[]> = { glibc: [8, 11, 17, 21, 25], musl: [8, 11, 17, 21] };

/** The tag of the Temurin JRE for a Java release and libc, when the official image publishes it. */
export function temurinJreTag(release: number, libc: 'glibc' | 'musl'): string | undefined {
  return TEMURIN_JRE_RELEASES[libc].includes(release) ? `${release}-jre${libc === 'musl' ? '-alpine' : ''}` : undefined;
}

/**
 * Temurin's Alpine images are published for amd64 only up to 17, for amd64 and arm64v8 from 21
 * (the same official-images snapshot: `Architectures: amd64` for 8, 11 and 17 -alpine).
 */
function temurinAlpineArchitectures(release: number): readonly string[] {
  return release >= 21 ? ['amd64', 'arm64'] : ['amd64'];
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

/**
 * The JDK of a clojure image's tag: named in it (`temurin-21-lein`, `openjdk-8-lein-2.9.1`), or,
 * for the Leiningen tags without one before 2.9 (`lein-2.8.1`, `lein-2.8.3`), OpenJDK 8 on
 * Debian 9: they were only ever built from openjdk:8 (docker-library/repo-info
 * repos/clojure/remote/lein-2.8.1.md and lein-2.8.3.md, as mirrored by hiramtibbit/repo-info:
 * `apt-get install openjdk-8-jdk`, 2018). Other tags follow the newest default JDK: no release.
 */
function clojureTagRelease(tag: string): number | undefined {
  const named = /^(?:openjdk|temurin)-(\d+)-/.exec(tag);
  if (named) {
    return Number(named[1]);
  }
  return /^lein-2\.[0-8]\.\d+(?:-|$)/.test(tag) ? 8 : undefined;
}

export function javaImages(): CatalogEntry[] {
  return [
    java('eclipse-temurin', 'eclipse-temurin', leadingRelease, 'Eclipse Temurin JDK/JRE (official image)'),
    java('openjdk', 'openjdk', leadingRelease, 'OpenJDK (official image, deprecated)'),
    java('amazoncorretto', 'amazoncorretto', leadingRelease, 'Amazon Corretto (official image)'),
    java('sapmachine', 'sapmachine', leadingRelease, 'SapMachine (official image)'),
    java('maven', 'maven', toolTagRelease, 'Maven (official image)'),
    java('gradle', 'gradle', toolTagRelease, 'Gradle (official image)'),
    {
      ...java('clojure', 'clojure', clojureTagRelease, 'Clojure with Leiningen or the Clojure CLI (official image)'),
      source: `${OFFICIAL('clojure')}; docker-library/repo-info repos/clojure/remote/lein-2.8.1.md, lein-2.8.3.md (2018)`,
      checked: '2026-12-07',
    },
  ];
}
