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
//   devDependencies that tsc and bundlers need. Without package.json the runtime keeps the
//   original's environment: the split cannot check the app under production.
import { isInside } from '../../../../rules/buildArtifacts';
import { Declined, RecipeInput, SplitPlan, SplitRecipe, decline, isDeclined } from '../../recipe';
import { TrixieSlimPackages } from '../shared/osPackages';
import { runTimeFiles } from '../shared/runTimeFiles';
import { DISTROLESS_NONROOT as NONROOT } from '../shared/splitHelpers';
import { scanStage } from '../shared/stageScan';
import { COPIED_TO_ROOT, NodeBuild, scanNodeBuild } from './nodeBuild';
import { rootAppBuild, rootMoveLines } from './nodeRootApp';
import { rangeAdmits, readNodeContext } from './nodeContext';
import { NodeBuilder, buildMoves, defaultDebian, fromArgumentsNote, keptBuilderImage, keptMoveNote, moveLabel, moveNotes, movedBuilderImage, pinnedBuilderImage, recogniseNodeImage, runtimeMajor } from './nodeImage';
import { KeptScript, NODE_ENV_UNSET_NOTE, keepScript, keepShellScript, keptScript, keptScriptNotes, keptToolSetup, leftBehind } from './nodeKeptScript';
import { NativeModules, nativeModules } from './nodeNative';
import { codename, distrolessPublishes, endOfLifeNote, nodeImageHasTrixie, oldMajorDebian } from './nodeReleases';
import { NODE_IMAGE_USER, describePackages, nodeRuntimePackages, packageNotes, slimLabel, slimNotes, slimRuntimeSetup } from './nodeSlim';
import { DISTROLESS_LAUNCHER, NODE_BIN, NODE_IMAGE_LAUNCHER, adaptStart, isTiniWrapper, startArgs, startProgram } from './nodeStart';
import { AppWrites, appWrites } from './nodeWrites';
import { expandShellStart, expandedShellStart, expandedStartNotes } from './nodeShellStart';
import { NodeInputs, foldersToCreate, runtimeLayout, wholeApp } from './nodeLayout';
import { globalToolsDecline, globalToolsNote, globalToolsSetup, runTimeGlobalTools } from './nodeGlobalTools';
import { nodeEntrypointScript } from './nodeEntrypointScript';
import { alpinePlan } from './nodeAlpine';
import { ShellStart, shellWriteLines } from '../shared/shellStart';
import { shellScriptArtifacts, shellStartNote } from '../shared/shellRuntime';

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
  plan(input) {
    const scanned: { build?: NodeBuild } = {};
    const plans = nodePlans(input, scanned);
    const from = scanned.build?.movedFromRoot;
    if (isDeclined(plans) || from === undefined) {
      return plans;
    }
    // The app the original copied to the image root: the builder's added WORKDIR, said in a comment there and in the runtime's notes.
    const { setup, notes } = rootMoveLines(input.stage, input.buildContext);
    return plans.map((plan) => ({ ...plan, builderSetup: [...setup, ...plan.builderSetup], runtimeNotes: [...plan.runtimeNotes, ...notes] }));
  },
};

function nodePlans({ stage, model, text, buildContext, today }: RecipeInput, scanned: { build?: NodeBuild }): SplitPlan[] | Declined {
  const builder = recogniseNodeImage(stage, startProgram(stage));
  if (!builder || isDeclined(builder)) {
    return builder ?? [];
  }
  const first = scanNodeBuild(stage, model);
  // Copied to the image root: moved to a folder of its own when nothing depends on it being there.
  const build = isDeclined(first) && first.declined === COPIED_TO_ROOT ? rootAppBuild(stage, model, buildContext) : first;
  if (isDeclined(build)) {
    return build;
  }
  scanned.build = build;
  if (!build.hasStart) {
    return decline('There is no CMD or ENTRYPOINT, so the node image would start its REPL; add the command that starts the app, then split.');
  }
  const needsCorepackOrYarn = build.usesCorepack || (build.usesYarn && !build.toolInstalls.some((words) => words.includes('yarn')));
  const major = runtimeMajor(builder.major, needsCorepackOrYarn);
  if (build.alpineOnly && builder.variant !== 'alpine') {
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
  // A shell-form start command whose variables have no known value: why, before anything else.
  const shellStart = expandedShellStart(stage, 'ENTRYPOINT', build.env) ?? expandedShellStart(stage, 'CMD', build.env);
  if (shellStart && isDeclined(shellStart)) {
    return shellStart;
  }
  const context = build.manifestFromContextRoot ? readNodeContext(buildContext) : undefined;
  const scan = scanStage(stage, model, text);
  // An ENTRYPOINT script (`exec "$@"`) needs a shell: kept on the node image's slim variant.
  const entrypointScript = nodeEntrypointScript(stage, scan, build.aptPackages, buildContext);
  if (entrypointScript && isDeclined(entrypointScript)) {
    return entrypointScript;
  }
  for (const name of entrypointScript?.packages ?? []) {
    // A tool the script runs, which the build installed: the runtime installs it too.
    packages.needed.set(name, packages.needed.get(name) ?? '');
    packages.dropped = packages.dropped.filter((dropped) => dropped !== name);
  }
  const writes = appWrites(scan, buildContext, build.appDir);
  const native = nativeModules(buildContext, context, build);
  // A package manager's script with no package.json to read stays that script, on an image that has the package manager.
  const kept = context || entrypointScript ? undefined : keptScript(stage, build, builder.major);
  if (kept && isDeclined(kept)) {
    return kept;
  }
  if (build.alpineOnly) {
    // apk on the node Alpine image: the runtime is that image again, without the build's packages.
    const plan = alpinePlan({ stage, build, builder, context, buildContext, packages, needsCorepackOrYarn, native, writes, runTime: runTimeFiles(scan, buildContext, build.appDir), shellStart, entrypointScript, today }, kept);
    return isDeclined(plan) ? plan : [plan];
  }
  if (kept) {
    const plan = keptScriptPlan(build, builder, major, kept, packages, needsCorepackOrYarn, writes, native);
    return isDeclined(plan) ? plan : [plan];
  }
  const inputs: NodeInputs = { stage, build, builder, context, buildContext, packages, needsCorepackOrYarn, native, writes, runTime: runTimeFiles(scan, buildContext, build.appDir), shellStart, entrypointScript, today };
  const own = builder.major;
  if (own === undefined || distrolessPublishes(own)) {
    const plan = releasePlan(inputs, { major });
    return isDeclined(plan) ? plan : [plan];
  }
  // Distroless lacks the build's Node major: one variant keeps it, on the node image; the other
  // moves to distroless's next line, unless native modules are built for the one it has.
  const keep = releasePlan(inputs, { major: own, keeps: true, newer: major });
  const move = native.evidence.length > 0 ? undefined : releasePlan(inputs, { major, movesFrom: own, keptOffered: !isDeclined(keep) });
  const plans = [keep, move].filter((plan): plan is SplitPlan => plan !== undefined && !isDeclined(plan));
  if (plans.length > 0) {
    return plans;
  }
  // Neither variant: why the move cannot be made, else why the kept major cannot.
  return move && isDeclined(move) ? move : isDeclined(keep) ? keep : [keep];
}

/** The runtime's Node major: the build's own (`keeps`, on the node image, as distroless has none), or distroless's line, moved from the build's. */
interface Release {
  major: number;
  keeps?: boolean;
  /** With `keeps`: the distroless line the other variant moves to. */
  newer?: number;
  /** The build's major, when the runtime moves away from it because distroless lacks it. */
  movesFrom?: number;
  /** With `movesFrom`: the other variant, which keeps that major, is offered. */
  keptOffered?: boolean;
}

function releasePlan(inputs: NodeInputs, release: Release): SplitPlan | Declined {
  const { stage, build, builder, context, packages, needsCorepackOrYarn, native } = inputs;
  const { major, keeps = false } = release;
  // System packages the app needs at run time, or a Node major distroless lacks: the node image's slim variant.
  const withPackages = packages.needed.size > 0;
  const script = inputs.entrypointScript;
  const slim = withPackages || keeps || script !== undefined;
  const debian = runtimeDebian(builder, release, withPackages);
  if (debian === undefined) {
    return decline(`The app needs ${describePackages(packages)} at run time, which the split installs by Debian 13's package names, and the node image has no Node ${major} on Debian 13; move the app to Node ${release.newer ?? major} or later, then split.`);
  }
  const image = slim ? `${builder.name}:${major}-${codename(debian)}-slim` : `gcr.io/distroless/nodejs${major}-debian13:nonroot`;
  const user = slim ? NODE_IMAGE_USER : NONROOT;
  const tools = runTimeGlobalTools(build.toolInstalls, build.ran);
  // tini as the ENTRYPOINT stays the container's init when the runtime installs it too.
  // So does the ENTRYPOINT script, which runs the CMD with `exec "$@"`.
  const init = script && 'words' in script.start ? script.start.words : slim && packages.needed.has('tini') && isTiniWrapper(build.entrypoint) ? build.entrypoint : undefined;
  const launcher = slim ? { ...NODE_IMAGE_LAUNCHER, init } : DISTROLESS_LAUNCHER;
  const start = startArgs(stage, build, context, launcher);
  if (isDeclined(start)) {
    return start;
  }
  // After the start's own reasons: a start that runs a global tool (nodemon, pm2) says why first.
  if (tools && !slim) {
    return decline(globalToolsDecline(tools));
  }
  if (!start.script || !isInside(start.script, build.appDir)) {
    return decline(`The app's script ${start.script ?? ''} is outside its directory ${build.appDir}, and the split copies that directory; move the script into it, then split.`);
  }
  const library = context && Object.keys(context.dependencies).find((name) => NEEDS_SYSTEM_LIBRARY[name] && !packages.needed.has(NEEDS_SYSTEM_LIBRARY[name].debian));
  if (library) {
    const { library: loads, debian: needed } = NEEDS_SYSTEM_LIBRARY[library];
    return decline(slim
      ? `The dependency ${library} loads ${loads} at run time, and the build installs no package that has it (${needed}), so the runtime would lack it; add it to the apt-get install, then split.`
      : `The dependency ${library} loads ${loads} at run time, which distroless lacks; install ${needed} with apt-get in the build, and the split then offers node:${major}-trixie-slim with it.`);
  }
  // engines.node that the moved build does not satisfy: Yarn 1 refuses to install, npm and pnpm warn.
  const engines = context?.nodeEngines;
  const enginesRefuse = engines !== undefined && builder.major !== major && rangeAdmits(engines, DISTROLESS_RELEASE[major]) === false;
  if (enginesRefuse && build.manager === 'yarn') {
    return decline(`package.json asks for Node "${engines}" (engines.node), which Yarn enforces, and the split moves the build to Node ${major} (distroless has 22, 24 and 26); widen engines.node, then split.`);
  }
  const layout = runtimeLayout(inputs, start, user, major);
  if (isDeclined(layout)) {
    return layout;
  }
  const builderImage = keeps ? keptBuilderImage(builder, major, debian) : movedBuilderImage(builder, major);
  if (keeps && !builderImage && builder.variant === 'slim' && build.aptPackages.length === 0 && layout.finish.length === 0) {
    // The same image again, with nothing left behind in the builder: the split would only add lines.
    return decline(`Distroless has no Node ${major}, and the split keeps the build's Node ${native.evidence.length > 0 ? `for its native modules (${native.evidence.join('; ')})` : 'in one variant'}: the runtime would be ${image}, the build's own image, with nothing left behind. Move the app to Node ${release.newer ?? 22} and split for distroless, or keep one stage and add \`USER node\`.`);
  }
  const tool = start.fromScript?.call.split(' ')[0];
  const runs = start.next ? (start.next.standalone ? 'the standalone server.js' : "Next.js's CLI") : 'it';
  const notes = [
    ...(script && !withPackages && !keeps ? [`Runtime: ${image}, run as its non-root user node (uid 1000).`] : []),
    ...(withPackages ? slimNotes(image, packages, build.env) : []),
    ...(script ? [shellStartNote(script, image, 'the CMD it runs with `exec "$@"` starts node'), ...scriptReplacesNote(script)] : []),
    ...(!slim ? [`Runtime: distroless Node.js ${major} (no shell, no npm) as non-root; its entrypoint is ${NODE_BIN}, so CMD holds node's arguments.`] : []),
    ...(keeps ? keptReleaseNotes(image, major, debian, native, withPackages) : []),
    ...(keeps ? (builderImage ? [keptMoveNote(builder, builderImage, debian)] : []) : moveNotes(builder, major, needsCorepackOrYarn, { distroless: !slim, today: inputs.today })),
    ...fromArgumentsNote(builder),
    ...(keeps ? [endOfLifeNote(major, release.newer ?? 22, inputs.today)].filter((note): note is string => note !== undefined) : nativeNotes(native, major, release)),
    ...(enginesRefuse ? [`package.json asks for Node "${engines}" (engines.node): check the app on Node ${major}.`] : []),
    ...expandedStartNotes(inputs.shellStart, build.envFromArgs),
    ...(tools ? [globalToolsNote(tools)] : []),
    ...(init && !script ? [`The ENTRYPOINT ${init.join(' ')} stays: the runtime installs tini too, so it forwards signals to the app and reaps zombies as in the original.`] : []),
    ...(start.fromScript
      ? [slim
        ? `\`${start.fromScript.call}\` runs \`${start.fromScript.command}\` (package.json): node runs ${runs} directly, so signals reach the app (no ${tool} in between, no npm_package_* variables).`
        : `\`${start.fromScript.call}\` runs \`${start.fromScript.command}\` (package.json): distroless has no ${tool}, so node runs ${runs} directly (no npm_package_* variables).`]
      : []),
    ...layout.notes,
    ...(!context && builder.variant === 'full' && build.deps !== 'none' ? [`Assumes no native module links a library of the full node image that ${slim ? `${image} lacks` : 'distroless lacks (canvas needs cairo)'}.`] : []),
    ...(build.privilegedPort ? [`Port ${build.privilegedPort} as uid ${user.split(':')[0]}: Docker 20.10+ allows it, Kubernetes needs a port above 1023.`] : []),
    ...(!context && !build.env.has('NODE_ENV') ? [NODE_ENV_UNSET_NOTE] : []),
  ];
  const plan: SplitPlan = {
    label: slim ? slimLabel(image, keeps ? undefined : buildMoves(builder, major)) : moveLabel(builder, major),
    builderImage: pinnedBuilderImage(builder, builderImage),
    builderSetup: foldersToCreate(build, layout.create),
    builderFinish: layout.finish,
    runtimeImage: image,
    runtimeNotes: notes,
    runtimeSetup: [...(withPackages ? slimRuntimeSetup(packages, build.aptRecommends) : []), ...globalToolsSetup(tools), ...shellWriteLines(script?.writes ?? [], user)],
    artifacts: [...layout.artifacts, ...shellScriptArtifacts(script, layout.artifacts)],
    workdir: build.appDir,
    // Without package.json the original's environment stays (NODE_ENV_UNSET_NOTE).
    runtimeEnv: [...(!context || build.env.has('NODE_ENV') ? [] : ['ENV NODE_ENV=production']), ...layout.env],
    // The node image's ENTRYPOINT runs a CMD that names a command as it is.
    runtimeEntrypoint: slim ? ['docker-entrypoint.sh'] : [NODE_BIN],
    runtimeUser: user,
    adaptStart: (command) => adaptStart(command, build, context, launcher),
    adaptShellStart: (keyword, shellForm) => {
      const expanded = expandShellStart(keyword, shellForm, build.env);
      return expanded && !isDeclined(expanded) ? adaptStart({ keyword, words: expanded.words }, build, context, launcher) : undefined;
    },
  };
  return plan;
}

/** The node image has its own /usr/local/bin/docker-entrypoint.sh: a script of the app copied there replaces it, as in the original. */
function scriptReplacesNote(script: ShellStart): string[] {
  const replaced = script.scripts.find((path) => path === '/usr/local/bin/docker-entrypoint.sh');
  return replaced ? [`The app's ${replaced} replaces the node image's own, as in the original.`] : [];
}

/**
 * The Debian release of the runtime (and so of the builder): 13 for distroless; for the node
 * image, 13 when it installs packages (the split knows Debian 13's names; undefined when that
 * major has no trixie image), else the build's own release, or its major's default when the
 * build is on Alpine.
 */
function runtimeDebian(builder: NodeBuilder, release: Release, withPackages: boolean): number | undefined {
  if (!release.keeps) {
    return 13;
  }
  if (withPackages) {
    return nodeImageHasTrixie(release.major) ? 13 : undefined;
  }
  const old = oldMajorDebian(release.major, builder.variant === 'alpine' ? undefined : builder.debian);
  if (old !== undefined) {
    return old;
  }
  return builder.variant === 'alpine' || builder.debian === undefined ? defaultDebian(release.major) : builder.debian;
}

/** Why the runtime keeps a Node major distroless lacks: its native modules, or the safe choice. */
function keptReleaseNotes(image: string, major: number, debian: number, native: NativeModules, withPackages: boolean): string[] {
  const because = native.evidence.length > 0 ? `the native modules (${native.evidence.join('; ')}) are built for Node ${major}'s ABI` : 'this variant runs the app on the Node release it was built and tested on';
  return [
    withPackages
      ? `It keeps the build's Node ${major}, which distroless does not have: ${because}.`
      : `Runtime: ${image}, run as its non-root user node (uid 1000), not distroless: distroless has no Node ${major}, and ${because}.`,
    ...(native.evidence.length > 0 ? [`Build and runtime are both on Debian ${debian} (${codename(debian)}): the native modules link the glibc and libstdc++ they were built against.`] : []),
  ];
}

/** What the split saw of native modules when the runtime is distroless's line. */
function nativeNotes(native: NativeModules, major: number, release: Release): string[] {
  const from = release.movesFrom;
  if (native.evidence.length > 0) {
    return [`Native modules (${native.evidence.join('; ')}): built in the builder for Node ${major} on Debian 13, the runtime's, so their ABI and the glibc and libstdc++ they link match.`];
  }
  if (from === undefined) {
    return [];
  }
  const other = release.keptOffered ? `the first variant keeps Node ${from}` : `keeping Node ${from} would give the build's own image again`;
  return [native.readContext
    ? `The build context shows no native module (lock file, package.json, binding.gyp), so moving from Node ${from} to ${major} changes no compiled addon's ABI.`
    : `Without package.json and its lock file beside the Dockerfile the split cannot see native modules: one locked for Node ${from} may not build or load on Node ${major} (${other}).`];
}


/**
 * The split for an npm script it cannot read (no package.json): the node image's slim variant,
 * which has npm, runs the script as written; the whole app directory is copied, node_modules
 * unpruned. Nothing forces a move here, so the build keeps its Node release and Debian, unless
 * apt packages must be installed in the runtime (their names are Debian 13's): then the build's
 * own Node major on trixie, or distroless's line when that major has no trixie image and no
 * native module shows. A build already on a slim or Alpine image would get the same image again: declined.
 */
function keptScriptPlan(build: NodeBuild, builder: NodeBuilder, distrolessMajor: number, kept: KeptScript, packages: TrixieSlimPackages, needsCorepackOrYarn: boolean, writes: AppWrites, native: NativeModules): SplitPlan | Declined {
  const app = wholeApp(build, NODE_IMAGE_USER, writes);
  const tools = runTimeGlobalTools(build.toolInstalls, build.ran);
  const moves = packages.needed.size > 0;
  const major = builder.major !== undefined && nodeImageHasTrixie(builder.major) ? builder.major : distrolessMajor;
  if (moves && builder.major !== undefined && major !== builder.major && native.evidence.length > 0) {
    return decline(`The app needs ${describePackages(packages)} at run time, which the split installs by Debian 13's package names, the node image has no Node ${builder.major} on Debian 13, and the build compiles native modules (${native.evidence.join(', ')}) for Node ${builder.major}; move the app to Node ${distrolessMajor}, then split.`);
  }
  const image = moves ? `${builder.name}:${major}-trixie-slim` : `${builder.name}:${smallVariantTag(builder)}`;
  const behind = leftBehind(build, packages.dropped, builder.variant === 'full');
  if (image === `${builder.name}:${builder.tag}` && behind.length === 0) {
    // Nothing would stay behind in the builder: a second stage on the same image only adds lines.
    return decline(`The CMD runs \`${kept.words.join(' ')}\`, and without package.json beside the Dockerfile the split cannot read what it runs, so the runtime would keep ${kept.tool} on ${image}: this same image again, with nothing left behind (no package manager cache, no build package). Keep the Dockerfile next to package.json (the split then gives distroless), or keep one stage and add \`USER node\`.`);
  }
  // NODE_ENV stays as the original had it: the script may load .env or devDependencies when it is not production.
  const unsetNodeEnv = !build.env.has('NODE_ENV');
  return {
    label: slimLabel(image, moves ? buildMoves(builder, major) : undefined),
    builderImage: pinnedBuilderImage(builder, moves ? movedBuilderImage(builder, major) : undefined),
    builderSetup: foldersToCreate(build, app.create),
    runtimeImage: image,
    runtimeNotes: [
      ...keptScriptNotes(image, kept, build, behind, unsetNodeEnv, builder.major),
      ...(tools ? [globalToolsNote(tools)] : []),
      ...(moves ? [...packageNotes(packages, build.env), ...moveNotes(builder, major, needsCorepackOrYarn, { distroless: false })] : []),
      ...fromArgumentsNote(builder),
      ...(!moves && builder.digest ? [`${image} is the builder's image without its digest; pin it by digest again.`] : []),
      ...app.notes,
      ...(builder.variant === 'full' && build.deps !== 'none' ? [`Assumes no native module links a library of the full node image that ${image} lacks.`] : []),
      ...(build.privilegedPort ? [`Port ${build.privilegedPort} as uid 1000: Docker 20.10+ allows it, Kubernetes needs a port above 1023.`] : []),
    ],
    runtimeSetup: [...(packages.needed.size > 0 ? slimRuntimeSetup(packages, build.aptRecommends) : []), ...globalToolsSetup(tools), ...keptToolSetup(kept)],
    artifacts: app.artifacts,
    workdir: build.appDir,
    runtimeEnv: [],
    runtimeEntrypoint: ['docker-entrypoint.sh'],
    runtimeUser: NODE_IMAGE_USER,
    adaptStart: (command) => keepScript(command, kept),
    adaptShellStart: (keyword, shellForm) => keepShellScript(keyword, shellForm, kept),
  };
}

/** The tag of the builder's own Node release and libc without the build tools: Alpine and slim as they are, a full Debian tag's -slim. */
function smallVariantTag(builder: NodeBuilder): string {
  if (builder.variant !== 'full') {
    return builder.tag;
  }
  return builder.tag === '' || builder.tag === 'latest' ? 'slim' : `${builder.tag}-slim`;
}
