// Node.js (npm, Yarn, pnpm) on distroless nodejs<major>-debian13, whose ENTRYPOINT is
// /nodejs/bin/node: CMD holds node's arguments, and there is no npm, npx, Yarn or corepack
// (GoogleContainerTools/distroless nodejs/README.md, nodejs/testdata/check_npm.yaml). Interpreted:
// an app without a build step is its own artifact, copied whole with its production-only
// node_modules (distroless examples/nodejs/Dockerfile). With a build step (tsc, a bundler) the
// runtime takes the output, node_modules pruned to production dependencies at the end of the
// builder, and package.json. Which builder image, and where it moves: nodeImage.ts.
// - An app that needs system packages at run time (apt-get install imagemagick, ffmpeg, fonts,
//   the libraries of native modules) gets node:<major>-trixie-slim with them instead: nodeSlim.ts.
// - So does `npm start` when there is no package.json to read what it runs: nodeKeptScript.ts.
// - NODE_ENV=production belongs to the runtime: in the builder it makes every install skip the
//   devDependencies that tsc and bundlers need.
import { isInside } from '../../../../rules/buildArtifacts';
import { Artifact, Declined, SplitPlan, SplitRecipe, decline, isDeclined } from '../../recipe';
import { DISTROLESS_NONROOT as NONROOT } from '../shared/splitHelpers';
import { NodeBuild, scanNodeBuild } from './nodeBuild';
import { NodeContext, rangeAdmits, readNodeContext } from './nodeContext';
import { NodeBuilder, buildMoves, moveLabel, moveNotes, movedBuilderImage, recogniseNodeImage, runtimeMajor } from './nodeImage';
import { productionPrune } from './nodeManagers';
import { TrixieSlimPackages } from '../shared/osPackages';
import { NODE_IMAGE_USER, nodeRuntimePackages, packageNotes, slimLabel, slimNotes, slimRuntimeSetup } from './nodeSlim';
import { keepNpmScript, keptNpmScript, keptScriptNotes } from './nodeKeptScript';
import { DISTROLESS_LAUNCHER, NODE_BIN, NODE_IMAGE_LAUNCHER, adaptStart, startArgs, startProgram } from './nodeStart';

/** The Node release each distroless line ships (the project's research notes, shared/research/rules-and-distroless.md beside the repository, §4.2, from distroless nodejs/testdata); for engines.node checks. */
const DISTROLESS_RELEASE: Record<number, [number, number, number]> = { 22: [22, 23, 2], 24: [24, 19, 0], 26: [26, 7, 0] };
/** Packages that load a system library at run time which distroless lacks, and the Debian 13 package that has it. */
const NEEDS_SYSTEM_LIBRARY: Record<string, { library: string; debian: string }> = {
  canvas: { library: 'cairo and pango', debian: 'libcairo2' },
  'pg-native': { library: 'libpq', debian: 'libpq5' },
  libpq: { library: 'libpq', debian: 'libpq5' },
  'node-libcurl': { library: 'libcurl', debian: 'libcurl4t64' },
};

export const nodeRecipe: SplitRecipe = {
  ecosystem: 'node',
  plan({ stage, model, buildContext }) {
    const builder = recogniseNodeImage(stage, startProgram(stage));
    if (!builder || isDeclined(builder)) {
      return builder ?? [];
    }
    const build = scanNodeBuild(stage, model);
    if (isDeclined(build)) {
      return build;
    }
    if (!build.hasStart) {
      return decline('There is no CMD or ENTRYPOINT, so the node image would start its REPL; add the command that starts the app, then split.');
    }
    const needsCorepackOrYarn = build.usesCorepack || (build.usesYarn && !build.toolInstalls.some((words) => words.includes('yarn')));
    const major = runtimeMajor(builder.major, needsCorepackOrYarn);
    if (build.alpineOnly) {
      return decline(`The build runs \`${build.alpineOnly}\`, which exists on Alpine only, and the distroless runtime is Debian (glibc): build on node:${major}-trixie-slim with apt-get and Debian's useradd first, then split.`);
    }
    const packages = nodeRuntimePackages(build.aptPackages);
    if (packages.unknownHeaders.length > 0) {
      const headers = packages.unknownHeaders;
      return decline(`The build installs ${headers.join(', ')} with apt-get, and the split does not know which library the app then loads at run time; split by hand onto node:${major}-trixie-slim, installing that library there.`);
    }
    if (major >= 25 && needsCorepackOrYarn) {
      return decline(`The node:${builder.major} image has neither corepack nor Yarn (nodejs/docker-node), which the build uses; install the package manager with npm install -g, then split.`);
    }
    const context = build.manifestFromContextRoot ? readNodeContext(buildContext) : undefined;
    // An npm script with no package.json to read stays an npm script, on an image that has npm.
    const kept = context ? undefined : keptNpmScript(stage, build);
    if (kept) {
      const plan = keptScriptPlan(build, builder, major, kept, packages, needsCorepackOrYarn);
      return isDeclined(plan) ? plan : [plan];
    }
    // System packages the app needs at run time: the node image's slim variant, which can install them.
    const slim = packages.needed.size > 0;
    const image = slim ? `${builder.name}:${major}-trixie-slim` : `gcr.io/distroless/nodejs${major}-debian13:nonroot`;
    const user = slim ? NODE_IMAGE_USER : NONROOT;
    const launcher = slim ? NODE_IMAGE_LAUNCHER : DISTROLESS_LAUNCHER;
    const start = startArgs(stage, build, context, launcher);
    if (isDeclined(start)) {
      return start;
    }
    if (!start.script || !isInside(start.script, build.appDir)) {
      return decline(`The app's script ${start.script ?? ''} is outside its directory ${build.appDir}, and the split copies that directory; move the script into it, then split.`);
    }
    const library = context && Object.keys(context.dependencies).find((name) => NEEDS_SYSTEM_LIBRARY[name] && !packages.needed.has(NEEDS_SYSTEM_LIBRARY[name].debian));
    if (library) {
      const { library: loads, debian } = NEEDS_SYSTEM_LIBRARY[library];
      return decline(slim
        ? `The dependency ${library} loads ${loads} at run time, and the build installs no package that has it (${debian}), so the runtime would lack it; add it to the apt-get install, then split.`
        : `The dependency ${library} loads ${loads} at run time, which distroless lacks; install ${debian} with apt-get in the build, and the split then offers node:${major}-trixie-slim with it.`);
    }
    // engines.node that the moved build does not satisfy: Yarn 1 refuses to install, npm and pnpm warn.
    const engines = context?.nodeEngines;
    const enginesRefuse = engines !== undefined && builder.major !== major && rangeAdmits(engines, DISTROLESS_RELEASE[major]) === false;
    if (enginesRefuse && build.manager === 'yarn') {
      return decline(`package.json asks for Node "${engines}" (engines.node), which Yarn enforces, and the split moves the build to Node ${major} (distroless has 22, 24 and 26); widen engines.node, then split.`);
    }
    const layout = runtimeLayout(build, context, start.script, user);
    if (isDeclined(layout)) {
      return layout;
    }
    const tool = start.fromScript?.call.split(' ')[0];
    const notes = [
      ...(slim
        ? slimNotes(image, packages, build.env)
        : [`Runtime: distroless Node.js ${major} (no shell, no npm) as non-root; its entrypoint is ${NODE_BIN}, so CMD holds node's arguments.`]),
      ...moveNotes(builder, major, needsCorepackOrYarn),
      ...(enginesRefuse ? [`package.json asks for Node "${engines}" (engines.node): check the app on Node ${major}.`] : []),
      ...(start.fromScript
        ? [slim
          ? `\`${start.fromScript.call}\` runs \`${start.fromScript.command}\` (package.json): node runs it directly, so signals reach the app (no ${tool} in between, no npm_package_* variables).`
          : `\`${start.fromScript.call}\` runs \`${start.fromScript.command}\` (package.json): distroless has no ${tool}, so node runs it directly (no npm_package_* variables).`]
        : []),
      ...layout.notes,
      ...(!context && builder.variant === 'full' && build.deps !== 'none' ? [`Assumes no native module links a library of the full node image that ${slim ? `${image} lacks` : 'distroless lacks (canvas needs cairo)'}.`] : []),
      ...(build.privilegedPort ? [`Port ${build.privilegedPort} as uid ${user.split(':')[0]}: Docker 20.10+ allows it, Kubernetes needs a port above 1023.`] : []),
    ];
    const plan: SplitPlan = {
      label: slim ? slimLabel(image, buildMoves(builder, major)) : moveLabel(builder, major),
      builderImage: movedBuilderImage(builder, major),
      builderSetup: volumeSetup(build),
      builderFinish: layout.finish,
      runtimeImage: image,
      runtimeNotes: notes,
      runtimeSetup: slim ? slimRuntimeSetup(packages, build.aptRecommends) : [],
      artifacts: layout.artifacts,
      workdir: build.appDir,
      runtimeEnv: build.env.has('NODE_ENV') ? [] : ['ENV NODE_ENV=production'],
      // The node image's ENTRYPOINT runs a CMD that names a command as it is.
      runtimeEntrypoint: slim ? ['docker-entrypoint.sh'] : [NODE_BIN],
      runtimeUser: user,
      adaptStart: (command) => adaptStart(command, build, context, launcher),
    };
    return [plan];
  },
};

interface Layout {
  /** Lines at the end of the builder (the prune). */
  finish: string[];
  artifacts: Artifact[];
  notes: string[];
}

/**
 * The split for an npm script it cannot read (no package.json): the node image's slim variant,
 * which has npm, runs the script as written; the whole app directory is copied, node_modules
 * unpruned. Nothing forces a move here, so the build keeps its Node release and Debian, unless
 * apt packages must be installed in the runtime (their names are Debian 13's). A build already
 * on a slim or Alpine image would get the same image again: declined.
 */
function keptScriptPlan(build: NodeBuild, builder: NodeBuilder, major: number, kept: string[], packages: TrixieSlimPackages, needsCorepackOrYarn: boolean): SplitPlan | Declined {
  const app = wholeApp(build, NODE_IMAGE_USER);
  const moves = packages.needed.size > 0;
  const image = moves ? `${builder.name}:${major}-trixie-slim` : `${builder.name}:${smallVariantTag(builder)}`;
  if (image === `${builder.name}:${builder.tag}` && packages.dropped.length === 0) {
    // Nothing would stay behind in the builder: a second stage on the same image only adds lines.
    return decline(`The CMD runs \`${kept.join(' ')}\`, and without package.json beside the Dockerfile the split cannot read what it runs, so the runtime would keep npm on ${image}: this same image again, with nothing left behind. Keep the Dockerfile next to package.json (the split then gives distroless), or keep one stage and add \`USER node\`.`);
  }
  return {
    label: slimLabel(image, moves ? buildMoves(builder, major) : undefined),
    builderImage: moves ? movedBuilderImage(builder, major) : undefined,
    builderSetup: volumeSetup(build),
    runtimeImage: image,
    runtimeNotes: [
      ...keptScriptNotes(image, kept, build),
      ...(moves ? [...packageNotes(packages, build.env), ...moveNotes(builder, major, needsCorepackOrYarn)] : []),
      ...(!moves && builder.digest ? [`${image} is the builder's image without its digest; pin it by digest again.`] : []),
      ...app.notes,
      ...(builder.variant === 'full' && build.deps !== 'none' ? [`Assumes no native module links a library of the full node image that ${image} lacks.`] : []),
      ...(build.privilegedPort ? [`Port ${build.privilegedPort} as uid 1000: Docker 20.10+ allows it, Kubernetes needs a port above 1023.`] : []),
    ],
    runtimeSetup: packages.needed.size > 0 ? slimRuntimeSetup(packages, build.aptRecommends) : [],
    artifacts: app.artifacts,
    workdir: build.appDir,
    runtimeEnv: build.env.has('NODE_ENV') ? [] : ['ENV NODE_ENV=production'],
    runtimeEntrypoint: ['docker-entrypoint.sh'],
    runtimeUser: NODE_IMAGE_USER,
    adaptStart: (command) => keepNpmScript(command, kept),
  };
}

/** The tag of the builder's own Node release and libc without the build tools: Alpine and slim as they are, a full Debian tag's -slim. */
function smallVariantTag(builder: NodeBuilder): string {
  if (builder.variant !== 'full') {
    return builder.tag;
  }
  return builder.tag === '' || builder.tag === 'latest' ? 'slim' : `${builder.tag}-slim`;
}

/** The app directory as it is (sources, node_modules), the directories the app writes, and what was copied outside it. */
function wholeApp(build: NodeBuild, user: string): { artifacts: Artifact[]; writable: Artifact[]; outside: Artifact[]; appWritable: boolean; notes: string[] } {
  const writable: Artifact[] = build.writable.map((dir) => ({ source: dir, target: dir, chown: user }));
  const outside = build.copiedOutside.filter((path) => !build.writable.some((dir) => isInside(path, dir))).map((path) => ({ source: path, target: path }));
  const app = build.appDir;
  const appWritable = writable.some((artifact) => artifact.source === app);
  const appArtifact = appWritable ? [] : [{ source: app, target: app }];
  const notes = appWritable ? [`${app} is copied owned by uid ${user.split(':')[0]}: the app writes in it (a VOLUME or chown of the original).`] : [];
  return { artifacts: [...writable, ...appArtifact, ...outside], writable, outside, appWritable, notes };
}

/** What the runtime copies, and what the builder must do last for it. */
function runtimeLayout(build: NodeBuild, context: NodeContext | undefined, script: string, user: string): Layout | Declined {
  const whole = wholeApp(build, user);
  const { writable, outside, appWritable } = whole;
  const app = build.appDir;
  if (build.deps !== 'all') {
    // No dependencies, or production ones only: the app directory as it is, sources included.
    // NODE_ENV=production before the install stays where it is (the split keeps every instruction):
    // the build ran with production dependencies only before, and still does.
    const notes = !build.nodeEnvBeforeInstall
      ? []
      : build.builds
        ? ['NODE_ENV=production comes before the install, as in the original: the build step runs without devDependencies (move the ENV below it if the build needs them; the runtime sets it too).']
        : ['NODE_ENV=production comes before the install, as in the original: node_modules holds production dependencies only (the runtime sets it too).'];
    return { finish: [], artifacts: whole.artifacts, notes: [...notes, ...whole.notes] };
  }
  const relative = script.slice(app.length + 1);
  const top = relative.split('/')[0];
  if (build.buildsWithDevDeps && top === '.output' && relative.startsWith('.output/server/')) {
    // Nitro (Nuxt 3, SolidStart...): .output is self-contained, its server/node_modules holds the
    // traced dependencies (nuxt.com/docs/getting-started/deployment, "Node.js Server").
    return { finish: [], artifacts: [...writable, { source: `${app}/.output`, target: `${app}/.output` }, ...outside], notes: ['Nitro output (.output) is self-contained: no node_modules beside it.'] };
  }
  const prune = productionPrune(build, context);
  if (isDeclined(prune)) {
    return prune;
  }
  const pruneNotes = build.manager !== 'npm' && !context ? [`${build.manager === 'yarn' ? "Yarn's production install" : 'pnpm prune'} runs the prepare and postinstall scripts of package.json again: they must not need devDependencies.`] : [];
  const outDirs = ['dist', 'build', 'out', ...(context?.outDir && !context.outDir.includes('/') ? [context.outDir] : [])];
  if (build.buildsWithDevDeps && !appWritable && outDirs.includes(top) && relative !== top) {
    return {
      finish: prune,
      artifacts: [
        ...writable,
        { source: `${app}/${top}`, target: `${app}/${top}` },
        { source: `${app}/node_modules`, target: `${app}/node_modules` },
        { source: `${app}/package.json`, target: `${app}/package.json` },
        ...outside,
      ],
      notes: [`Copies ${top}/, node_modules (pruned to production dependencies after the build) and package.json. Assumes the app reads no other file of the build context at run time (copy public/, views/... too if it does).`, ...pruneNotes],
    };
  }
  // The whole app directory (sources, and the build's output when there is one), its
  // node_modules pruned after the build: what the app may read at run time stays.
  return { finish: prune, artifacts: whole.artifacts, notes: [...pruneNotes, ...whole.notes] };
}

/** Empty VOLUME directories, for the runtime to copy owned by the app's user. */
function volumeSetup(build: NodeBuild): string[] {
  return build.volumesToCreate.length === 0 ? [] : ["# The VOLUME directories, for the runtime to copy owned by the app's user.", `RUN mkdir -p ${build.volumesToCreate.join(' ')}`];
}
