// Every fact about an image carries where it came from and when it was last checked, so that a
// reader can re-verify it and stale facts are visible (see docs/ARCHITECTURE.md, "Image catalog").

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

export interface ImageFacts {
  kind: RuntimeKind;
  /** Whether `/bin/sh` exists (RUN and shell-form commands need it). */
  hasShell?: boolean;
  /** The image's ENTRYPOINT in exec form; [] when it sets none. */
  entrypoint?: string[];
  /** Default user as uid (0 is root). */
  defaultUser?: number;
  libc?: 'glibc' | 'musl' | 'none';
  /** E.g. `python 3.13`, `node 22`, `java 21`. */
  runtime?: string;
  /** Debian release the image is built from, when it is Debian-based. */
  debian?: number;
}
