// The node:<major>-trixie-slim runtime, for an app that needs system packages at run time
// (imagemagick, ffmpeg, chromium, fonts, the libraries its native modules link): distroless has
// no package manager to add them. Same Node major and Debian release as the distroless plan (the
// builder moves the same way), so the headers the builder compiled against match the libraries
// installed here. The image's own non-root user `node` (uid and gid 1000, made by
// nodejs/docker-node <major>/trixie-slim/Dockerfile) runs the app, by number for Kubernetes'
// runAsNonRoot.
import { TrixieSlimPackages, aptInstallLines, trixieSlimPackages } from '../shared/osPackages';

export const NODE_IMAGE_USER = '1000:1000';
/** apt packages only the build uses on a node image: node-gyp's Python, Debian's Node.js and npm beside the image's own. */
const NODE_BUILD_ONLY = /^(python3|python-is-python3|python3-(pip|setuptools|distutils|dev|venv)|nodejs|npm|node-gyp)$/;
/** Tools the shared list counts as build-only that a Node app may run itself (archives it packs or unpacks). */
const NODE_MAY_RUN = /^(zip|unzip|xz-utils|bzip2)$/;
/** Chromium from apt: puppeteer must be pointed at it. */
const CHROMIUM = /^chromium(-browser)?$/;

/** The runtime packages for those the build installed with apt-get: build-only ones dropped, headers replaced by their library. */
export function nodeRuntimePackages(installed: string[]): TrixieSlimPackages {
  const packages = trixieSlimPackages(installed, (name) => (NODE_BUILD_ONLY.test(name) ? 'build' : NODE_MAY_RUN.test(name) ? 'runtime' : undefined));
  // Node carries its own CA list, but the programs installed beside it (chromium, ffmpeg) read the system's.
  if (packages.needed.size > 0 && packages.dropped.includes('ca-certificates')) {
    packages.dropped = packages.dropped.filter((name) => name !== 'ca-certificates');
    packages.needed.set('ca-certificates', '');
  }
  return packages;
}

/** `imagemagick, libcairo2 (for libcairo2-dev)`, without ca-certificates (kept for the others). */
export function describePackages(packages: TrixieSlimPackages): string {
  return [...packages.needed]
    .filter(([name]) => name !== 'ca-certificates')
    .map(([name, header]) => (header ? `${name} (for ${header})` : name))
    .join(', ');
}

/** The action's title names the image (it is not the distroless the title promises) and any move of the build. */
export function slimLabel(image: string, moves: string | undefined): string {
  return `${image} runtime${moves ? `, build moves ${moves}` : ''}`;
}

/** The runtime's first lines: the packages, installed as the build did (with or without the recommended ones), without apt's lists. */
export function slimRuntimeSetup(packages: TrixieSlimPackages, recommends: boolean): string[] {
  return aptInstallLines([...packages.needed.keys()], recommends);
}

/** Why the runtime is not distroless, what it leaves out, and what the app must do for Chromium. */
export function slimNotes(image: string, packages: TrixieSlimPackages, env: Map<string, string>): string[] {
  const runtime = [...packages.needed.keys()].filter((name) => name !== 'ca-certificates');
  return [
    `Runtime: ${image}, run as its non-root user node (uid 1000), not distroless: the app needs ${describePackages(packages)} at run time, and distroless has no package manager to add ${runtime.length > 1 ? 'them' : 'it'}.`,
    ...packageNotes(packages, env),
  ];
}

/** What the runtime's packages leave out, and what the app must do for Chromium. */
export function packageNotes(packages: TrixieSlimPackages, env: Map<string, string>): string[] {
  const chromium = [...packages.needed.keys()].some((name) => CHROMIUM.test(name)) && !env.has('PUPPETEER_EXECUTABLE_PATH');
  return [
    ...(packages.needed.has('ca-certificates') ? ['ca-certificates stays: Node carries its own CA list, the other programs read the system\'s.'] : []),
    ...droppedNotes(packages.dropped),
    ...(chromium ? ['Assumes puppeteer, if the app uses it, runs this Chromium (PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium): a browser it downloaded during the install is in root\'s cache, which the runtime does not copy.'] : []),
  ];
}

/** HTTP clients a health check defined outside the Dockerfile (compose, Kubernetes) may run in the container. */
const PROBE_TOOLS = /^(curl|wget)$/;

/** What the runtime leaves out: build tools, and probe tools no instruction of the Dockerfile runs. */
function droppedNotes(dropped: string[]): string[] {
  const probes = dropped.filter((name) => PROBE_TOOLS.test(name));
  const others = dropped.filter((name) => !PROBE_TOOLS.test(name));
  return [
    ...(others.length > 0 ? [`Leaves out ${others.join(', ')}: ${others.length > 1 ? 'they only build' : 'it only builds'}.`] : []),
    ...(probes.length > 0 ? [`Leaves out ${probes.join(', ')}: no instruction of the Dockerfile runs ${probes.length > 1 ? 'them' : 'it'} at run time. A health check defined outside it (compose, Kubernetes) that runs ${probes.join(' or ')} in the container needs ${probes.length > 1 ? 'them' : 'it'} added back.`] : []),
  ];
}
