// Node.js (npm, Yarn, pnpm) on distroless nodejs<major>-debian13, whose ENTRYPOINT is
// /nodejs/bin/node: CMD holds node's arguments, and there is no npm, npx, Yarn or corepack
// (GoogleContainerTools/distroless nodejs/README.md, nodejs/testdata/check_npm.yaml). Interpreted:
// an app without a build step is its own artifact, copied whole with its production-only
// node_modules (distroless examples/nodejs/Dockerfile). With a build step (tsc, a bundler) the
// runtime takes the output, node_modules pruned to production dependencies at the end of the
// builder, and package.json. Which builder image, and where it moves: nodeImage.ts.
// - NODE_ENV=production belongs to the runtime: in the builder it makes every install skip the
//   devDependencies that tsc and bundlers need.
import { isInside } from '../../../rules/buildArtifacts';
import { Artifact, Declined, SplitPlan, SplitRecipe, decline, isDeclined } from '../recipe';
import { NodeBuild, scanNodeBuild } from './nodeBuild';
import { NodeContext, rangeAdmits, readNodeContext } from './nodeContext';
import { moveLabel, moveNotes, movedBuilderImage, recogniseNodeImage, runtimeMajor } from './nodeImage';
import { productionPrune } from './nodeManagers';
import { NODE_BIN, adaptStart, startArgs, startProgram } from './nodeStart';

const NONROOT = '65532:65532';
/** The Node release each distroless line ships (../shared/research/rules-and-distroless.md §4.2, from distroless nodejs/testdata); for engines.node checks. */
const DISTROLESS_RELEASE: Record<number, [number, number, number]> = { 22: [22, 23, 2], 24: [24, 19, 0], 26: [26, 7, 0] };
/** apt packages that only build (node-gyp's toolchain, fetch tools, Debian's npm beside the image's own): nothing the app loads. */
const BUILD_ONLY_APT = /^(build-essential|gcc|g\+\+|make|cmake|python3|python-is-python3|python3-(pip|setuptools|distutils)|pkg-config|git|ca-certificates|libc6-dev|curl|wget|gnupg|npm)$/;
/** Packages that load a system library at run time which distroless lacks. */
const NEEDS_SYSTEM_LIBRARY: Record<string, string> = { canvas: 'cairo and pango', 'pg-native': 'libpq', libpq: 'libpq', 'node-libcurl': 'libcurl' };

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
    const runtimePackages = build.aptPackages.filter((name) => !BUILD_ONLY_APT.test(name));
    if (runtimePackages.length > 0) {
      return decline(`The build installs ${runtimePackages.join(', ')} with apt-get, which the app may use at run time, and distroless has no package manager to add ${runtimePackages.length > 1 ? 'them' : 'it'}; split by hand onto node:${major}-trixie-slim, installing ${runtimePackages.length > 1 ? 'them' : 'it'} there.`);
    }
    const context = build.manifestFromContextRoot ? readNodeContext(buildContext) : undefined;
    const start = startArgs(stage, build, context);
    if (isDeclined(start)) {
      return start;
    }
    if (!start.script || !isInside(start.script, build.appDir)) {
      return decline(`The app's script ${start.script ?? ''} is outside its directory ${build.appDir}, and the split copies that directory; move the script into it, then split.`);
    }
    if (major >= 25 && needsCorepackOrYarn) {
      return decline(`The node:${builder.major} image has neither corepack nor Yarn (nodejs/docker-node), which the build uses; install the package manager with npm install -g, then split.`);
    }
    const library = context && Object.keys(context.dependencies).find((name) => NEEDS_SYSTEM_LIBRARY[name]);
    if (library) {
      return decline(`The dependency ${library} loads ${NEEDS_SYSTEM_LIBRARY[library]} at run time, which distroless lacks; split by hand onto node:${major}-trixie-slim with that library.`);
    }
    // engines.node that the moved build does not satisfy: Yarn 1 refuses to install, npm and pnpm warn.
    const engines = context?.nodeEngines;
    const enginesRefuse = engines !== undefined && builder.major !== major && rangeAdmits(engines, DISTROLESS_RELEASE[major]) === false;
    if (enginesRefuse && build.manager === 'yarn') {
      return decline(`package.json asks for Node "${engines}" (engines.node), which Yarn enforces, and the split moves the build to Node ${major} (distroless has 22, 24 and 26); widen engines.node, then split.`);
    }
    const layout = runtimeLayout(build, context, start.script);
    if (isDeclined(layout)) {
      return layout;
    }
    const notes = [
      `Runtime: distroless Node.js ${major} (no shell, no npm) as non-root; its entrypoint is ${NODE_BIN}, so CMD holds node's arguments.`,
      ...moveNotes(builder, major, needsCorepackOrYarn),
      ...(enginesRefuse ? [`package.json asks for Node "${engines}" (engines.node): check the app on Node ${major}.`] : []),
      ...(start.fromScript ? [`\`${start.fromScript.call}\` runs \`${start.fromScript.command}\` (package.json): distroless has no ${start.fromScript.call.split(' ')[0]}, so node runs it directly (no npm_package_* variables).`] : []),
      ...layout.notes,
      ...(!context && builder.variant === 'full' && build.deps !== 'none' ? ['Assumes no native module links a library of the full node image that distroless lacks (canvas needs cairo).'] : []),
      ...(build.privilegedPort ? [`Port ${build.privilegedPort} as uid 65532: Docker 20.10+ allows it, Kubernetes needs a port above 1023.`] : []),
    ];
    const plan: SplitPlan = {
      label: moveLabel(builder, major),
      builderImage: movedBuilderImage(builder, major),
      builderSetup: volumeSetup(build),
      builderFinish: layout.finish,
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

interface Layout {
  /** Lines at the end of the builder (the prune). */
  finish: string[];
  artifacts: Artifact[];
  notes: string[];
}

/** What the runtime copies, and what the builder must do last for it. */
function runtimeLayout(build: NodeBuild, context: NodeContext | undefined, script: string): Layout | Declined {
  const writable: Artifact[] = build.writable.map((dir) => ({ source: dir, target: dir, chown: NONROOT }));
  const outside = build.copiedOutside.filter((path) => !build.writable.some((dir) => isInside(path, dir))).map((path) => ({ source: path, target: path }));
  const app = build.appDir;
  const appWritable = writable.some((artifact) => artifact.source === app);
  const appArtifact = appWritable ? [] : [{ source: app, target: app }];
  const writableNote = appWritable ? [`${app} is copied owned by uid 65532: the app writes in it (a VOLUME or chown of the original).`] : [];
  if (build.deps !== 'all') {
    // No dependencies, or production ones only: the app directory as it is, sources included.
    // NODE_ENV=production before the install stays where it is (the split keeps every instruction):
    // the build ran with production dependencies only before, and still does.
    const notes = !build.nodeEnvBeforeInstall
      ? []
      : build.builds
        ? ['NODE_ENV=production comes before the install, as in the original: the build step runs without devDependencies (move the ENV below it if the build needs them; the runtime sets it too).']
        : ['NODE_ENV=production comes before the install, as in the original: node_modules holds production dependencies only (the runtime sets it too).'];
    return { finish: [], artifacts: [...writable, ...appArtifact, ...outside], notes: [...notes, ...writableNote] };
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
  return { finish: prune, artifacts: [...writable, ...appArtifact, ...outside], notes: [...pruneNotes, ...writableNote] };
}

/** Empty VOLUME directories, for the runtime to copy owned by the app's user. */
function volumeSetup(build: NodeBuild): string[] {
  return build.volumesToCreate.length === 0 ? [] : ["# The VOLUME directories, for the runtime to copy owned by the app's user.", `RUN mkdir -p ${build.volumesToCreate.join(' ')}`];
}
