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
      return {
        ...linuxFacts(tag),
        ...(endOfSupport ? { endOfSupport } : {}),
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
