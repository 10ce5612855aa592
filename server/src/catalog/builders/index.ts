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
//
// Files: tags.ts (shared tag parsing), python.ts (python, uv), node.ts, native.ts (golang, rust),
// java.ts, dotnet.ts, ruby.ts, php.ts, debian.ts (debian, alpine mirrors, Debian facts); this
// file lists the entries in lookup order and picks the builder image for a runtime.
import type { CatalogEntry } from '../catalog';
import { Language, NativeLanguage } from '../facts';
import { debian, alpineMirror, debianCodename } from './debian';
import { dotnet } from './dotnet';
import { javaImages } from './java';
import { golang, rust } from './native';
import { node } from './node';
import { php } from './php';
import { python, uv } from './python';
import { ruby } from './ruby';

export { DEBIAN_PYTHON_SOURCE, debianCodename, debianPythonVersion } from './debian';
export { phpVariant } from './php';
export type { PhpVariant } from './php';

/**
 * Builder and Debian entries, placed after the Windows entries (so Windows tags stay Windows) and
 * before the generic `-alpine`/`-slim` entries (whose kind and libc these reproduce).
 */
export const BUILDER_ENTRIES: readonly CatalogEntry[] = [python(), node(), golang(), rust(), ...javaImages(), ...dotnet(), uv(), ruby(), php(), debian(), alpineMirror()];

/** The Debian releases each official image still publishes tags for (official-images, 2026-08-21). */
const PUBLISHED_RELEASES: Record<'python' | 'node' | 'go' | 'rust', readonly number[]> = {
  python: [12, 13],
  node: [11, 12, 13],
  go: [12, 13],
  rust: [11, 12, 13],
};

/**
 * The official builder image that produces artifacts for a runtime: same language version, same
 * Debian release (glibc), e.g. Python 3.13 on Debian 13 → `python:3.13-slim-trixie`; for Java the
 * same build tool (`family`: `maven`, `gradle`). Used in messages; undefined when no such tag exists.
 */
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
