// Node.js (npm, Yarn, pnpm) on distroless nodejs<major>-debian13, whose ENTRYPOINT is
// /nodejs/bin/node: CMD holds node's arguments, and there is no npm, npx, Yarn or corepack
// (GoogleContainerTools/distroless nodejs/README.md, nodejs/testdata/check_npm.yaml). Interpreted:
// an app without a build step is its own artifact, copied whole with its production-only
// node_modules (distroless examples/nodejs/Dockerfile). With a build step (tsc, a bundler) the
// runtime takes the output, production dependencies installed apart and package.json.
// - Distroless ships Node 22, 24 and 26 (20 was dropped 2026-05-01): the builder moves to the
//   runtime's major and to trixie (Debian 13, the runtime's glibc); an Alpine (musl) builder
//   moves to Debian, since native modules built on musl do not load on glibc.
// - NODE_ENV=production belongs to the runtime: in the builder it makes every install skip the
//   devDependencies that tsc and bundlers need.
import { lookupImage } from '../../../catalog/catalog';
import { Stage, resolveBaseImage } from '../../../core/stages';
import { isInside } from '../../../rules/buildArtifacts';
import { Artifact, SplitPlan, SplitRecipe } from '../recipe';
import { NodeBuild, scanNodeBuild } from './nodeBuild';
import { NodeContext, rangeAdmits, readNodeContext } from './nodeContext';
import { NODE_BIN, adaptStart, startArgs } from './nodeStart';
import { productionInstall } from './nodeManagers';

const NONROOT = '65532:65532';
/** The Node release each distroless line ships (../shared/research/rules-and-distroless.md §4.2, from distroless nodejs/testdata); for engines.node checks. */
const DISTROLESS_RELEASE: Record<number, [number, number, number]> = { 22: [22, 23, 2], 24: [24, 19, 0], 26: [26, 7, 0] };
/** LTS code names used as tags. */
const CODENAMES: Record<string, number> = { hydrogen: 18, iron: 20, jod: 22, krypton: 24 };
/** apt packages that only build (node-gyp's toolchain, fetch tools): nothing the app loads. */
const BUILD_ONLY_APT = /^(build-essential|gcc|g\+\+|make|cmake|python3|python-is-python3|python3-(pip|setuptools|distutils)|pkg-config|git|ca-certificates|libc6-dev)$/;
/** Packages that load a system library at run time which distroless lacks (canvas: cairo, pango). */
const NEEDS_SYSTEM_LIBRARY = new Set(['canvas', 'pg-native', 'libpq', 'node-libcurl']);

interface Builder {
  /** Image name as written, without tag or digest (`node`, `mirror.gcr.io/library/node`). */
  name: string;
  tag: string;
  /** undefined when the tag floats (`latest`, `lts`, `alpine`). */
  major?: number;
  variant: 'full' | 'slim' | 'alpine';
  trixie: boolean;
  /** Pinned by digest: the moved builder is not, until someone pins it again. */
  digest: boolean;
}

export const nodeRecipe: SplitRecipe = {
  ecosystem: 'node',
  plan({ stage, model, buildContext }) {
    const builder = recognise(stage);
    const build = builder && scanNodeBuild(stage, model);
    if (!builder || !build || !build.hasStart || build.alpineOnly) {
      return []; // the node image's default CMD is the REPL; apk and BusyBox commands do not run on Debian
    }
    const major = runtimeMajor(builder.major);
    if (major === undefined || (major >= 25 && (build.usesCorepack || (build.usesYarn && !build.toolInstalls.some((words) => words.includes('yarn')))))) {
      return []; // the node 26 image has neither corepack nor Yarn (nodejs/docker-node 26/trixie-slim/Dockerfile)
    }
    if (build.aptPackages.some((name) => !BUILD_ONLY_APT.test(name))) {
      return []; // a library or tool the app uses at run time: distroless has no package manager
    }
    const context = build.manifestFromContextRoot ? readNodeContext(buildContext) : undefined;
    if (context && Object.keys(context.dependencies).some((name) => NEEDS_SYSTEM_LIBRARY.has(name))) {
      return []; // the runtime would lack the library
    }
    // engines.node that the moved build does not satisfy: Yarn 1 refuses to install, npm and pnpm warn.
    const engines = context?.nodeEngines;
    const enginesRefuse = engines !== undefined && builder.major !== major && rangeAdmits(engines, DISTROLESS_RELEASE[major]) === false;
    if (enginesRefuse && build.manager === 'yarn') {
      return [];
    }
    const start = startArgs(stage, build, context);
    if (!start?.script || !isInside(start.script, build.appDir)) {
      return [];
    }
    const layout = runtimeLayout(build, context, start.script);
    if (!layout) {
      return [];
    }
    const notes = [
      `Runtime: distroless Node.js ${major} (no shell, no npm) as non-root; its entrypoint is ${NODE_BIN}, so CMD holds node's arguments.`,
      ...moveNotes(builder, major),
      ...(enginesRefuse ? [`package.json asks for Node "${engines}" (engines.node): check the app on Node ${major}.`] : []),
      ...(start.fromScript ? [`\`${start.fromScript.call}\` runs \`${start.fromScript.command}\` (package.json): distroless has no ${start.fromScript.call.split(' ')[0]}, so node runs it directly (no npm_package_* variables).`] : []),
      ...layout.notes,
      ...(!context && builder.variant === 'full' && build.deps !== 'none' ? ['Assumes no native module links a library of the full node image that distroless lacks (canvas needs cairo).'] : []),
      ...(build.privilegedPort ? [`Port ${build.privilegedPort} as uid 65532: Docker 20.10+ allows it, Kubernetes needs a port above 1023.`] : []),
    ];
    const plan: SplitPlan = {
      label: label(builder, major),
      builderImage: builderImage(builder, major),
      builderSetup: [...layout.setup, ...volumeSetup(build)],
      runtimeImage: `gcr.io/distroless/nodejs${major}-debian13:nonroot`,
      runtimeNotes: notes,
      artifacts: layout.artifacts,
      workdir: build.appDir,
      runtimeEnv: build.env.has('NODE_ENV') ? [] : ['ENV NODE_ENV=production'],
      runtimeEntrypoint: [NODE_BIN],
      runtimeUser: NONROOT,
      adaptStart: (command) => adaptStart(command, build, context),
    };
    return [plan];
  },
};

function recognise(stage: Stage): Builder | undefined {
  const { base } = resolveBaseImage(stage);
  if (base.kind !== 'image' || (stage.from.getArgumentsContent() ?? '').includes('$') || lookupImage(base.image).entry?.id !== 'node') {
    return undefined; // a version from a build argument: builder and runtime could not follow it together
  }
  const tag = base.image.tag ?? '';
  const numeric = /^(\d+)(?:[.-]|$)/.exec(tag)?.[1];
  const codename = /^([a-z]+)(?:-|$)/.exec(tag)?.[1];
  const floating = tag === '' || /^(latest|current|lts|alpine|slim|bookworm|bullseye|trixie)([.\d-]|$)/.test(tag);
  const major = numeric !== undefined ? Number(numeric) : codename !== undefined ? CODENAMES[codename] : undefined;
  if (major === undefined && !floating) {
    return undefined; // gallium (16), argon...: too old to move
  }
  return {
    name: base.image.text.replace(/@.*$/, '').replace(/:[^/:]*$/, ''),
    tag,
    major,
    variant: /(^|-)alpine/.test(tag) ? 'alpine' : /(^|-)slim(-|$)/.test(tag) ? 'slim' : 'full',
    trixie: /(^|-)trixie(-|$)/.test(tag),
    digest: base.image.digest !== undefined,
  };
}

/** The distroless Node line for a builder's major: the same even line, or the next one; a floating tag gets the newest. */
function runtimeMajor(major: number | undefined): number | undefined {
  if (major === undefined) {
    return 26;
  }
  if (major < 18 || major > 26) {
    return undefined; // 16 and older: dependencies of that age (node-sass, old bcrypt) often do not build on 22; 27+: no distroless yet
  }
  return Math.max(22, major + (major % 2));
}

/** Names the move in the action's title when the build changes Node major or leaves Alpine. */
function label(builder: Builder, major: number): string | undefined {
  const moves = [...(builder.major !== major ? [`to Node ${major}`] : []), ...(builder.variant === 'alpine' ? ['to Debian'] : [])];
  return moves.length > 0 ? `nodejs${major}, build moves ${moves.join(' and ')}` : undefined;
}

function builderImage(builder: Builder, major: number): string | undefined {
  if (builder.major === major && builder.trixie && builder.variant !== 'alpine') {
    return undefined;
  }
  return `${builder.name}:${major}-trixie${builder.variant === 'full' ? '' : '-slim'}`;
}

function moveNotes(builder: Builder, major: number): string[] {
  const to = builderImage(builder, major);
  if (!to) {
    return [];
  }
  const from = `${builder.name}:${builder.tag || 'latest'}`;
  const reasons = [
    builder.major === undefined ? `${from} pins no Node version, ${major} is the newest distroless line` : undefined,
    builder.major !== undefined && builder.major !== major ? `distroless has no Node ${builder.major}${builder.major === 20 ? ' (its images ended 2026-05-01)' : ''}` : undefined,
    builder.variant === 'alpine' ? 'native modules built on Alpine (musl) do not load on its glibc' : undefined,
  ].filter((reason) => reason !== undefined);
  const pin = builder.digest ? ' Pin it by digest again.' : '';
  return [`The build moves from ${from} to ${to}, the runtime's Node and Debian (13)${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}.${pin}`];
}

interface Layout {
  setup: string[];
  artifacts: Artifact[];
  notes: string[];
}

/** What the runtime copies, and what the builder must add for it. */
function runtimeLayout(build: NodeBuild, context: NodeContext | undefined, script: string): Layout | undefined {
  const writable: Artifact[] = build.writable.map((dir) => ({ source: dir, target: dir, chown: NONROOT }));
  const outside = build.copiedOutside.filter((path) => !build.writable.some((dir) => isInside(path, dir))).map((path) => ({ source: path, target: path }));
  const app = build.appDir;
  if (build.deps !== 'all') {
    // No dependencies, or production ones only: the app directory as it is, sources included.
    const appWritable = writable.some((artifact) => artifact.source === app);
    const appArtifact = appWritable ? [] : [{ source: app, target: app }];
    // NODE_ENV=production before the install stays where it is (the split keeps every instruction):
    // the build ran with production dependencies only before, and still does.
    const notes = !build.nodeEnvBeforeInstall
      ? []
      : build.builds
        ? ['NODE_ENV=production comes before the install, as in the original: the build step runs without devDependencies (move the ENV below it if the build needs them; the runtime sets it too).']
        : ['NODE_ENV=production comes before the install, as in the original: node_modules holds production dependencies only (the runtime sets it too).'];
    if (appWritable) {
      notes.push(`${app} is copied owned by uid 65532: the app writes in it (a VOLUME or chown of the original).`);
    }
    return { setup: [], artifacts: [...writable, ...appArtifact, ...outside], notes };
  }
  if (!build.buildsWithDevDeps || writable.some((artifact) => artifact.source === app)) {
    return undefined; // all dependencies and nothing built: the runtime would need a prune after the install
  }
  const relative = script.slice(app.length + 1);
  const top = relative.split('/')[0];
  if (top === '.output' && relative.startsWith('.output/server/')) {
    // Nitro (Nuxt 3, SolidStart...): .output is self-contained, its server/node_modules holds the
    // traced dependencies (nuxt.com/docs/getting-started/deployment, "Node.js Server").
    return { setup: [], artifacts: [...writable, { source: `${app}/.output`, target: `${app}/.output` }, ...outside], notes: ['Nitro output (.output) is self-contained: no node_modules beside it.'] };
  }
  const outDirs = ['dist', 'build', 'out', ...(context?.outDir && !context.outDir.includes('/') ? [context.outDir] : [])];
  if (!context || !outDirs.includes(top) || relative === top) {
    return undefined; // without package.json we cannot install the production dependencies apart
  }
  const deps = productionInstall(build, context, build.startsAtRoot);
  if (!deps) {
    return undefined;
  }
  return {
    setup: deps,
    artifacts: [
      ...writable,
      { source: `${app}/${top}`, target: `${app}/${top}` },
      { source: '/prod/node_modules', target: `${app}/node_modules` },
      { source: `${app}/package.json`, target: `${app}/package.json` },
      ...outside,
    ],
    notes: [`Copies ${top}/, production node_modules and package.json. Assumes the app reads no other file of the build context at run time (copy public/, views/... too if it does).`],
  };
}

/** Empty VOLUME directories, for the runtime to copy owned by the app's user. */
function volumeSetup(build: NodeBuild): string[] {
  return build.volumesToCreate.length === 0 ? [] : ["# The VOLUME directories, for the runtime to copy owned by the app's user.", `RUN mkdir -p ${build.volumesToCreate.join(' ')}`];
}
