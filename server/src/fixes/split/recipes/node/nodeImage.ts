// Which Node image the build runs on, and where the builder moves for the distroless runtime:
// distroless ships Node 22, 24 and 26 on Debian 13 (nodejs20 ended 2026-05-01;
// shared/research/rules-and-distroless.md beside the repository, §4.1), so the builder moves to the runtime's major
// and to trixie (the runtime's glibc); an Alpine (musl) builder moves to Debian, since native
// modules built on musl do not load on glibc.
// The builder's Debian is always the runtime's, never newer: a native module links the glibc and
// libstdc++ symbols of the release it was built on, and an older runtime may lack them (the other
// way, built on an older release and run on a newer one, works, but the split has no reason to
// choose it). A build that keeps a Node major distroless lacks (nodeReleases.ts) keeps its own
// Debian too, on the node image's slim variant: keptBuilderImage.
import { OLDEST_KEPT_MAJOR, nodeImageHasTrixie } from './nodeReleases';
import { releaseLine } from '../../../../catalog/languageReleases';
import { lookupImage } from '../../../../catalog/catalog';
import { Stage, resolveBaseImage } from '../../../../core/stages';
import { Declined, decline } from '../../recipe';
import { parseImageReference } from '../../../../core/imageReference';
import { codename } from './nodeReleases';

export interface NodeBuilder {
  /** Image name as written, without tag or digest (`node`, `mirror.gcr.io/library/node`). */
  name: string;
  tag: string;
  /** undefined when the tag floats (`latest`, `lts`, `alpine`). */
  major?: number;
  variant: 'full' | 'slim' | 'alpine';
  trixie: boolean;
  /** Pinned by digest: the moved builder is not, until someone pins it again. */
  digest: boolean;
  /** The Debian release of the tag, or the default of its major (catalog); undefined on Alpine. */
  debian?: number;
  /**
   * FROM takes the image from build arguments with defaults (`node:${NODE_VERSION}-alpine`): the
   * names, and the image their defaults give, which both stages are then written for.
   */
  fromArguments?: { names: string[]; image: string };
}

/** The newest distroless Node line, for builders whose tag pins no version. */
export const NEWEST_MAJOR = 26;
/** LTS code names used as tags. */
const CODENAMES: Record<string, number> = { argon: 4, boron: 6, carbon: 8, dubnium: 10, erbium: 12, fermium: 14, gallium: 16, hydrogen: 18, iron: 20, jod: 22, krypton: 24 };
/** Programs that show a start command is a Node.js one. */
const NODE_PROGRAMS = /^(\S*\/)?(node|nodejs|npm|npx|yarn|pnpm|nodemon|pm2|pm2-runtime)$/;

/**
 * The node image a stage builds on; a decline when it is a Node build the split cannot follow
 * (a version from a build argument, a release too old, App Engine's image, Node from apt-get);
 * undefined when it is not a Node build.
 */
export function recogniseNodeImage(stage: Stage, startProgram: string | undefined): NodeBuilder | Declined | undefined {
  const { base } = resolveBaseImage(stage);
  const from = stage.from.getArgumentsContent() ?? '';
  if (base.kind !== 'image') {
    return /(^|\/)node[:@]/.test(from) ? decline(variableVersion(from)) : undefined;
  }
  const image = base.image;
  if (/(^|\/)google_appengine\/nodejs$/.test(image.text.replace(/[:@].*$/, ''))) {
    return decline(`${image.text} is App Engine's retired Node.js base image; rebuild on node:22-trixie-slim first, then split.`);
  }
  const entry = lookupImage(image).entry?.id;
  if (entry !== 'node') {
    const repository = image.text.replace(/[:@].*$/, '');
    // Node.js from the distribution's packages: the runtime's Node would be another release.
    const distribution = entry === 'debian' || /(^|\/)ubuntu$/.test(repository);
    if (distribution && ((startProgram !== undefined && NODE_PROGRAMS.test(startProgram)) || installsNodePackage(stage))) {
      return decline(`Node.js comes from ${image.text}'s own packages, not from a node image, so the runtime's Node would be another release; build on node:22-trixie-slim first, then split.`);
    }
    // A Node image of another publisher (mhart/alpine-node): its release and layout are not the official image's.
    if (image.registry === undefined && /\/(?:[\w.-]+[-_])?node(?:js)?$/.test(repository)) {
      return decline(`Node.js comes from ${image.text}, not the official node image, so the split can neither rely on its layout nor pick a distroless runtime of the same Node; build on the official node image (node:22-trixie-slim, Node 22 or later), then split.`);
    }
    return undefined;
  }
  // Build arguments with defaults (an ARG before FROM): the split is for the image the defaults give.
  const names = [...new Set([...from.split(/\s+/)[0].matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]))];
  const tag = image.tag ?? '';
  const numeric = /^(\d+)(?:[.-]|$)/.exec(tag)?.[1];
  const codename = /^([a-z]+)(?:-|$)/.exec(tag)?.[1];
  const major = numeric !== undefined ? Number(numeric) : codename !== undefined ? CODENAMES[codename] : undefined;
  const floating = tag === '' || /^(latest|current|lts|alpine|slim|bookworm|bullseye|trixie)([.\d-]|$)/.test(tag);
  if (major === undefined && !floating) {
    return decline(`The split cannot tell which Node release ${image.text} is; write its major version in the tag (node:22-trixie-slim), then split.`);
  }
  if (major !== undefined && (major < OLDEST_KEPT_MAJOR || major === 15 || major === 17)) {
    return decline(`Node ${major} is years past its end of life, and neither distroless nor the node image has a runtime the split can keep it on; dependencies of that age often do not build on Node 22. Move the app to Node 22 or later, then split.`);
  }
  if (major !== undefined && major > NEWEST_MAJOR) {
    return decline(`Distroless has no Node ${major} image yet (22, 24 and 26 only); build on node:${NEWEST_MAJOR} to split now.`);
  }
  return {
    name: image.text.replace(/@.*$/, '').replace(/:[^/:]*$/, ''),
    tag,
    major,
    variant: /(^|-)alpine/.test(tag) ? 'alpine' : /(^|-)slim(-|$)/.test(tag) ? 'slim' : 'full',
    trixie: /(^|-)trixie(-|$)/.test(tag),
    digest: image.digest !== undefined,
    debian: lookupImage(image).facts.debian,
    ...(names.length > 0 ? { fromArguments: { names, image: image.text } } : {}),
  };
}

/**
 * Whether the stage is a Node app on Node.js from the system's package manager: it copies in a
 * package.json and a RUN installs `nodejs` (`apt-get install nodejs`). Without the package.json
 * the image is another language's that also has Node (Laravel Sail's PHP images).
 */
function installsNodePackage(stage: Stage): boolean {
  const copiesPackageJson = stage.instructions.some((instruction) => ['COPY', 'ADD'].includes(instruction.getKeyword()) && /(^|[\s/])package(\*|\.json)/.test(instruction.getArgumentsContent() ?? ''));
  return copiesPackageJson && stage.instructions.some((instruction) => instruction.getKeyword() === 'RUN'
    && /\b(?:apt-get|apt|apk|yum|dnf|microdnf)\s+(?:[^&|;]*\s)?(?:install|add)\s(?:[^&|;]*\s)?nodejs(?:\s|$)/.test(instruction.getTextContent().replace(/\\\r?\n/g, ' ')));
}

function variableVersion(from: string): string {
  return `The Node image comes from a build argument without a default (${from.split(/\s+/)[0]}), so the split cannot tell which Node the runtime needs; give the ARG a default before FROM (ARG NODE_VERSION=22) or write the version in FROM, then split.`;
}

/**
 * The builder's image when FROM takes it from build arguments: the image their defaults give,
 * unless the split moves the builder anyway. The runtime is written for that image, so the
 * builder is too: a --build-arg that changed only the builder would build native modules for a
 * Node the runtime does not have.
 */
export function pinnedBuilderImage(builder: NodeBuilder, moved: string | undefined): string | undefined {
  return moved ?? builder.fromArguments?.image;
}

/** Says that the build arguments of FROM no longer choose the image. */
export function fromArgumentsNote(builder: NodeBuilder): string[] {
  const from = builder.fromArguments;
  if (!from) {
    return [];
  }
  return [`FROM took the image from ARG ${from.names.join(', ')} (${from.names.length > 1 ? 'their defaults give' : 'its default gives'} ${from.image}), and both stages are written for that default: --build-arg ${from.names[0]} no longer changes them. To build on another Node, change the builder's and the runtime's FROM together.`];
}

/**
 * The distroless Node line for a builder's major: the same even line, or the next one (18 and
 * 20 move to 22, with a note); a floating tag gets the newest, or 24 when the build needs
 * corepack or the image's Yarn, which the node 25+ images no longer ship
 * (nodejs/docker-node 26/trixie-slim/Dockerfile).
 */
export function runtimeMajor(major: number | undefined, needsCorepackOrYarn: boolean): number {
  if (major === undefined) {
    return needsCorepackOrYarn ? 24 : NEWEST_MAJOR;
  }
  return Math.max(22, major + (major % 2));
}

/** Names the move in the action's title when the build changes Node major or leaves Alpine. */
export function moveLabel(builder: NodeBuilder, major: number): string | undefined {
  const moves = buildMoves(builder, major);
  return moves ? `nodejs${major}, build moves ${moves}` : undefined;
}

/** `to Node 22 and to Debian`; undefined when the build stays on its Node major and Debian. */
export function buildMoves(builder: NodeBuilder, major: number): string | undefined {
  const moves = [...(builder.major !== major ? [`to Node ${major}`] : []), ...(builder.variant === 'alpine' ? ['to Debian'] : [])];
  return moves.length > 0 ? moves.join(' and ') : undefined;
}

export function movedBuilderImage(builder: NodeBuilder, major: number): string | undefined {
  if (builder.major === major && builder.trixie && builder.variant !== 'alpine') {
    return undefined;
  }
  return `${builder.name}:${major}-trixie${builder.variant === 'full' ? '' : '-slim'}`;
}

/**
 * Why the build leaves its Node major. With a distroless runtime: distroless has no image of it.
 * With the node image as the runtime (a shell start, apt packages), that is no reason: the move
 * comes from the major's end of life or from the node image having no Debian 13 tag of it.
 */
function majorMoveReason(from: number, distrolessRuntime: boolean, today: string | undefined): string {
  if (distrolessRuntime) {
    return `distroless has no Node ${from}${from === 20 ? ' (its images ended 2026-05-01)' : ''}`;
  }
  const ended = releaseLine('node', String(from))?.end;
  if (ended !== undefined && today !== undefined && ended < today) {
    return `Node ${from} is past its end of life (${ended})`;
  }
  return nodeImageHasTrixie(from) ? `Node ${from} is not a line distroless publishes, and the split keeps to those` : `the node image has no Node ${from} on Debian 13 (trixie)`;
}

export function moveNotes(builder: NodeBuilder, major: number, needsCorepackOrYarn: boolean, runtime: { distroless: boolean; today?: string } = { distroless: true }): string[] {
  const to = movedBuilderImage(builder, major);
  if (!to) {
    return [];
  }
  const from = `${builder.name}:${builder.tag || 'latest'}`;
  const reasons = [
    builder.major === undefined
      ? `${from} pins no Node version; ${major} is the ${needsCorepackOrYarn ? 'newest distroless line whose node image still has corepack and Yarn' : 'newest distroless line'}`
      : undefined,
    builder.major !== undefined && builder.major !== major ? majorMoveReason(builder.major, runtime.distroless, runtime.today) : undefined,
    builder.variant === 'alpine' ? 'native modules built on Alpine (musl) do not load on its glibc' : undefined,
  ].filter((reason) => reason !== undefined);
  const pin = builder.digest ? ' Pin it by digest again.' : '';
  return [`The build moves from ${from} to ${to}, the runtime's Node and Debian (13)${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}.${pin}`];
}

/** The Debian release the node image of `major` uses when its tag names none (catalog: the docker-node default). */
export function defaultDebian(major: number): number {
  const reference = parseImageReference(`node:${major}`);
  return (reference && lookupImage(reference).facts.debian) ?? 12;
}

/**
 * The builder for a runtime on the node image's `<major>-<debian>-slim`: unchanged when it is
 * already that Node major on that Debian, else the same major on that Debian (slim unless the
 * build was on the full image, whose compilers native modules may use).
 */
export function keptBuilderImage(builder: NodeBuilder, major: number, debian: number): string | undefined {
  if (builder.major === major && builder.variant !== 'alpine' && builder.debian === debian) {
    return undefined;
  }
  return `${builder.name}:${major}-${codename(debian)}${builder.variant === 'full' ? '' : '-slim'}`;
}

/** Why a kept-major builder moves: to Debian from Alpine, or to trixie for the runtime's packages. */
export function keptMoveNote(builder: NodeBuilder, to: string, debian: number): string {
  const from = `${builder.name}:${builder.tag || 'latest'}`;
  const why = builder.variant === 'alpine'
    ? 'native modules built on Alpine (musl) do not load on its glibc'
    : builder.debian === undefined || builder.debian !== debian
      ? `native modules must be built against the libraries the runtime has (${from} names no Debian release, or one the runtime image is not published on)`
      : `the runtime installs Debian ${debian}'s packages, and native modules must link the libraries it has`;
  return `The build moves from ${from} to ${to}, the runtime's Node and Debian (${debian}): ${why}.${builder.digest ? ' Pin it by digest again.' : ''}`;
}
