// The package managers the official node image ships beside Node.js, per Node release, read from
// nodejs/docker-node's templates and update script and from Node.js's own documentation (not from
// memory). The Node split keeps `npm start` / `yarn start` on a node image when it cannot read
// package.json, so it must know which of them the runtime has without an install of its own.

/** When the facts below were last read against their sources. */
export const NODE_IMAGE_TOOLS_CHECKED = '2026-12-06';

export const NODE_IMAGE_TOOLS_SOURCE =
  'nodejs/docker-node@f27d936f7d7ccdeec25cd2de33584c1a841f561d Dockerfile-debian.template, Dockerfile-slim.template and Dockerfile-alpine.template ' +
  '(ENV YARN_VERSION=1.22.22, the tarball unpacked in /opt, /usr/local/bin/yarn and yarnpkg linked to it, in every variant; no `corepack enable` anywhere); ' +
  'update.sh "Strip out Yarn v1 from Node 26+ images" (commit 9328841d, 2026-03-16, issue #2407: 26/*/Dockerfile have no YARN_VERSION, 22/ and 24/ have it, 25/ had it until 9d221e15 dropped Node 25); ' +
  'nodejs/node doc/api/corepack.md ("added: v16.9.0, v14.19.0"; "Corepack will no longer be distributed starting with Node.js v25", PR #57825)';

/** Yarn classic as the node image installs it for the majors that have it. */
export const NODE_IMAGE_YARN_VERSION = '1.22.22';

/**
 * Whether the node image of this Node major has Yarn classic (/usr/local/bin/yarn) without an
 * install: every major before 26, in all variants (Debian, -slim, Alpine).
 */
export function nodeImageHasYarn(major: number): boolean {
  return major < 26;
}

/**
 * Whether Node.js of this release ships corepack (its shims are not enabled in the image: a
 * `corepack enable` puts them in /usr/local/bin). From 14.19.0 and 16.9.0 to 24; not from 25.
 */
export function nodeShipsCorepack(major: number, minor?: number): boolean {
  if (major === 14 || major === 16) {
    return minor !== undefined && minor >= (major === 14 ? 19 : 9);
  }
  return major >= 17 && major < 25;
}

/**
 * Alpine packages every node Alpine image installs: nodejs/docker-node's Dockerfile-alpine.template
 * runs `apk add --no-cache libstdc++` (node links it), and libgcc (libgcc_s.so.1) comes with it as
 * its dependency. Read at nodejs/docker-node@f27d936f (template last changed 2026-07-15; the same
 * line in 22/, 24/ and 26/alpine3.23 and alpine3.24), checked 2026-12-07.
 */
export const NODE_ALPINE_IMAGE_PACKAGES: readonly string[] = ['libstdc++', 'libgcc'];
