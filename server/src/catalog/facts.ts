// Every fact about an image carries where it came from and when it was last checked, so that a
// reader can re-verify it and stale facts are visible (see docs/ARCHITECTURE.md, "Image catalog").
import type { SharedLibraries } from './sharedLibraries';

export interface Source {
  /** A repository path, documentation page or issue the fact was read from. */
  source: string;
  /** ISO date (YYYY-MM-DD) the fact was last checked against that source. */
  checked: string;
}

/** How well an image fits the team's runtime-image decision. */
export type RuntimeKind =
  /** No shell, no package manager: distroless, Chainguard, chiseled, scratch. */
  | 'distroless'
  /** Small general-purpose images with a shell: `-slim`, `alpine`, UBI minimal. */
  | 'minimal'
  /** Full distribution images (the default `python:3.13`, `node:24`, `ubuntu`, ...). */
  | 'full'
  /** Windows images: Linux distroless advice does not apply. */
  | 'windows';

export type Language = 'python' | 'node' | 'java' | 'dotnet';

/** Languages whose builds produce native binaries that need no language runtime to run. */
export type NativeLanguage = 'go' | 'rust';

/** What a builder image builds with. */
export interface Toolchain {
  language: Language | NativeLanguage;
  /** Read from the tag (`3.12`, `24`, `21`, `1.25`); absent when the tag floats (`python:3`, `latest`). */
  version?: string;
}

export interface EndOfSupport {
  /** ISO date from which the image gets no more updates. */
  date: string;
  /** The image to move to, as a full reference. */
  replacement: string;
  /** The source calls the date an estimate. */
  estimate?: boolean;
  /** What else must change with it (e.g. the builder's Debian release). */
  note?: string;
}

export interface ImageFacts {
  kind: RuntimeKind;
  /** Whether `/bin/sh` (or another shell) exists: RUN and shell-form commands need it. */
  hasShell?: boolean;
  /** The image's ENTRYPOINT in exec form; [] when it sets none. */
  entrypoint?: string[];
  /** Default user as a uid (0 is root). */
  defaultUser?: number;
  /** Default working directory. */
  workdir?: string;
  libc?: 'glibc' | 'musl' | 'none';
  /** The language runtime the image ships, with its major (or major.minor) version. */
  runtime?: { language: Language; version: string };
  /** The Debian release the image is built from. */
  debian?: number;
  /** Architectures the image is published for (Docker's names: amd64, arm64, ...). */
  architectures?: readonly string[];
  endOfSupport?: EndOfSupport;
  /** Has CA certificates, /etc/passwd and tzdata (false for scratch). */
  hasBaseFiles?: boolean;
  /** .NET chiseled images without `-extra` run without ICU and tzdata. */
  globalizationInvariant?: boolean;
  /** The compiler or interpreter a builder image builds with (see `catalog/builders/`). */
  toolchain?: Toolchain;
  /** The shared libraries a runtime image ships (`catalog/sharedLibraries.ts`); absent: not known. */
  sharedLibraries?: SharedLibraries;
}
