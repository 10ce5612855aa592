// What the Node runtime copies, and what the builder does last for it: the whole app folder (owned
// by the app's user where it writes), a build output beside what it reads, Nitro's .output, or
// Next.js's standalone server; production dependencies by a prune, unless the started script
// loads a devDependency.
import { pruneCommand } from './nodeKeptScript';
import { Stage } from '../../../../core/stages';
import { isInside } from '../../../../rules/buildArtifacts';
import { readDockerIgnore } from '../../../dockerIgnore';
import { BuildContext } from '../../../fix';
import { Artifact, Declined, decline, isDeclined } from '../../recipe';
import { TrixieSlimPackages } from '../shared/osPackages';
import { RunTimeFiles, runTimeFilesNotes } from '../shared/runTimeFiles';
import { NodeBuild } from './nodeBuild';
import { NodeContext } from './nodeContext';
import { NodeBuilder } from './nodeImage';
import { productionPrune } from './nodeManagers';
import { outputImports } from './nodeOutputImports';
import { NativeModules } from './nodeNative';
import { NodeArgs } from './nodeStart';
import { AppWrites } from './nodeWrites';
import { ExpandedStart } from './nodeShellStart';
import { ShellStart } from '../shared/shellStart';

/** What every variant of the split is planned from. */
export interface NodeInputs {
  stage: Stage;
  build: NodeBuild;
  builder: NodeBuilder;
  context?: NodeContext;
  buildContext?: BuildContext;
  packages: TrixieSlimPackages;
  needsCorepackOrYarn: boolean;
  native: NativeModules;
  writes: AppWrites;
  runTime: RunTimeFiles;
  /** A shell-form start command whose variables the exec form writes in. */
  shellStart?: ExpandedStart;
  /** An ENTRYPOINT shell script that runs the CMD (`exec "$@"`), kept on the node image's slim variant. */
  entrypointScript?: ShellStart;
  /** Today's date, for the end of life of a kept major. */
  today: string;
}


export interface Layout {
  /** Lines at the end of the builder (the prune). */
  finish: string[];
  artifacts: Artifact[];
  notes: string[];
  /** Folders the builder makes for the runtime to copy owned by the app's user. */
  create: string[];
  /** ENV lines of the runtime (the standalone Next.js server's HOSTNAME and PORT). */
  env: string[];
}


interface WholeApp {
  /** The writable folders, the app directory, and what was copied outside it. */
  artifacts: Artifact[];
  /** Folders copied owned by the app's user (the app directory among them when it is writable). */
  writable: Artifact[];
  outside: Artifact[];
  appWritable: boolean;
  /** Folders the builder makes (the app writes them, and the build does not bring them). */
  create: string[];
  notes: string[];
}

/**
 * The app directory as it is (sources, node_modules), the folders the app writes, and what was
 * copied outside it. A folder the app writes inside its directory makes the directory itself
 * writable (a COPY of the directory would give the folder root again: writableDirs in
 * nodeBuild.ts), unless `separate` says the runtime copies that folder on its own (the dist
 * layout, which does not copy the directory whole). `alsoWrites` are reasons of the start
 * command (Next.js's .next/cache).
 */
export function wholeApp(build: NodeBuild, user: string, writes: AppWrites, alsoWrites: string[] = [], separate: (folder: string) => boolean = () => false, copiedAs = build.appRoot): WholeApp {
  const app = build.appRoot;
  const uid = user.split(':')[0];
  const rootOriginal = build.user === undefined || /^(root|0)(:.*)?$/.test(build.user);
  const appFolders = writes.folders.filter((folder) => isInside(folder.path, app) && !separate(folder.path));
  const ownFolders = writes.folders.filter((folder) => !isInside(folder.path, app) || separate(folder.path));
  // Without the build context the split cannot see where an app that ran as root writes: the safe choice is its whole directory.
  const unsure = !writes.known && rootOriginal && build.writable.length === 0;
  const appWritable = build.writable.includes(app) || appFolders.length > 0 || alsoWrites.length > 0 || unsure;
  const dirs = [...build.writable, ...ownFolders.map((folder) => folder.path), ...(appWritable ? [app] : [])];
  const kept = dirs.filter((dir, index) => dirs.indexOf(dir) === index && !dirs.some((other) => other !== dir && isInside(dir, other)));
  const writable: Artifact[] = kept.map((dir) => ({ source: dir, target: dir, chown: user }));
  const outside = [...build.copiedOutside, ...(build.movedModules ? [build.movedModules] : [])].filter((path) => !kept.some((dir) => isInside(path, dir))).map((path) => ({ source: path, target: path }));
  const reasons = [...appFolders.map((folder) => folder.why), ...alsoWrites];
  // What in the original gave the directory to the app's user (its USER, a COPY --chown, a VOLUME), as written.
  const given = build.writable.includes(app) ? [...(rootOriginal ? [] : [`USER ${build.user ?? ''}`]), ...build.appOwnedBy] : [];
  const notes = [
    ...(appWritable && reasons.length > 0 ? [`${copiedAs} is copied owned by uid ${uid}: the app writes in it (${reasons.join('; ')})${given.length > 0 ? `, and the original gives it to the app's user (${given.join(', ')})` : ''}.`] : []),
    ...(appWritable && reasons.length === 0 && given.length > 0 ? [`${copiedAs} is copied owned by uid ${uid}, as in the original (${given.join(', ')}).`] : []),
    ...(appWritable && reasons.length === 0 && given.length === 0
      ? [`${copiedAs} is copied owned by uid ${uid}, as the split cannot see where the app writes (uploads, logs, SQLite); if it writes nothing there, drop --chown so the app cannot change its code.`]
      : []),
    ...ownFolders.map((folder) => `${folder.path} is ${folder.create ? 'made in the build and ' : ''}copied owned by uid ${uid}: the app writes there (${folder.why}).`),
    ...(!appWritable && writes.known
      ? [`${copiedAs} stays owned by root, read-only for uid ${uid}: the build context shows no folder in it the app writes (uploads/, logs/, tmp/, data/) and no SQLite database there; copy such a folder with --chown=${user} if it writes one.`]
      : []),
    ...(!appWritable && !writes.known && !rootOriginal ? [`${copiedAs} stays owned by root, read-only for uid ${uid}, as for the original's user ${build.user}.`] : []),
  ];
  const create = writes.folders.filter((folder) => folder.create).map((folder) => folder.path);
  notes.push(...modulesNotes(build));
  return { artifacts: [...writable, ...(appWritable ? [] : [{ source: app, target: app }]), ...outside], writable, outside, appWritable, create, notes };
}

/** Where node_modules is when it is not in the app directory, and why the runtime finds it there. */
function modulesNotes(build: NodeBuild): string[] {
  if (build.movedModules) {
    return [`node_modules is copied to ${build.movedModules}, where the build moved it: Node looks for node_modules in the folders above ${build.appDir}.`];
  }
  return build.appRoot === build.appDir
    ? []
    : [`The dependencies are installed in ${build.appRoot}, above the app in ${build.appDir}: ${build.appRoot} is copied whole, so node_modules keeps its place, where Node finds it from the app.`];
}

/** The devDependencies that `script` (relative to the app folder, which holds the build context) loads with require or import. */
function devDependenciesLoaded(context: BuildContext | undefined, script: string, devDependencies: string[]): string[] {
  const text = script === '' ? undefined : context?.readFile(script);
  if (text === undefined || devDependencies.length === 0) {
    return [];
  }
  const loaded = new Set<string>();
  for (const match of text.matchAll(/\brequire\(\s*['"]([^'"./][^'"]*)['"]\s*\)|\bfrom\s+['"]([^'"./][^'"]*)['"]|\bimport\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g)) {
    const specifier = match[1] ?? match[2] ?? match[3] ?? '';
    loaded.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
  }
  return devDependencies.filter((name) => loaded.has(name));
}

/** What the runtime copies, and what the builder must do last for it. */
export function runtimeLayout(inputs: NodeInputs, start: NodeArgs, user: string, nodeMajor: number): Layout | Declined {
  const { build, context } = inputs;
  const script = start.script ?? build.appDir;
  if (start.next) {
    return nextLayout(inputs, start.next, user);
  }
  const whole = wholeApp(build, user, inputs.writes);
  const app = build.appDir;
  const layout = (finish: string[], artifacts: Artifact[], notes: string[], from: WholeApp = whole): Layout => ({ finish, artifacts, notes: [...notes, ...from.notes], create: from.create, env: [] });
  if (build.deps !== 'all') {
    // No dependencies, or production ones only: the app directory as it is, sources included.
    // NODE_ENV=production before the install stays where it is (the split keeps every instruction):
    // the build ran with production dependencies only before, and still does.
    const notes = !build.nodeEnvBeforeInstall
      ? []
      : build.builds
        ? ['NODE_ENV=production comes before the install, as in the original: the build step runs without devDependencies (move the ENV below it if the build needs them; the runtime sets it too).']
        : ['NODE_ENV=production comes before the install, as in the original: node_modules holds production dependencies only (the runtime sets it too).'];
    return layout([], whole.artifacts, notes);
  }
  if (build.movedModules) {
    // npm prune works where package.json and node_modules are together, and the build moved node_modules away.
    const none = context !== undefined && context.devDependencies.every((name) => name in context.dependencies);
    return layout([], whole.artifacts, [none
      ? `package.json has no devDependencies: node_modules holds the production dependencies only.`
      : `node_modules is copied as the build installed it, devDependencies included: the build moved it away from package.json, where a prune cannot reach it (the original image had them too). Install with --omit=dev to leave them out.`]);
  }
  const relative = script.slice(app.length + 1);
  const top = relative.split('/')[0];
  if (build.buildsWithDevDeps && top === '.output' && relative.startsWith('.output/server/')) {
    // Nitro (Nuxt 3, SolidStart...): .output is self-contained, its server/node_modules holds the
    // traced dependencies (nuxt.com/docs/getting-started/deployment, "Node.js Server").
    const nitro = wholeApp(build, user, inputs.writes, [], (folder) => folder !== app, `${app}/.output`);
    const output: Artifact = { source: `${app}/.output`, target: `${app}/.output`, ...(nitro.appWritable ? { chown: user } : {}) };
    return layout([], [...nitro.writable.filter((artifact) => artifact.source !== app), output, ...nitro.outside], ['Nitro output (.output) is self-contained: no node_modules beside it.'], nitro);
  }
  // Without package.json the split cannot check what the started file requires: a bundler that
  // leaves node_modules outside its output (Parcel with --target node, tsc) makes devDependencies
  // run-time needs, and the original had them all (review round 8: wally's frontend without its
  // context). So node_modules stays as installed.
  if (!context) {
    return layout([], whole.artifacts, [`node_modules is copied as the build installed it, devDependencies included, as in the original: without package.json beside the Dockerfile the split cannot tell whether ${relative} requires one at run time (a bundler that leaves node_modules outside its output, a devDependency loaded by habit). ${build.sourcesCloned ? `Add \`RUN ${pruneCommand(build.manager ?? 'npm', inputs.builder.major)}\` at the end of the build stage if it needs none.` : 'Beside package.json the split checks, and prunes what is not needed.'}`]);
  }
  // A devDependency the started script itself loads (server.js requiring one by habit): the
  // prune would remove it and the app would crash at start, so node_modules stays whole.
  const devAtRunTime = !build.builds && context ? devDependenciesLoaded(inputs.buildContext, relative, context.devDependencies.filter((name) => !(name in context.dependencies))) : [];
  if (devAtRunTime.length > 0) {
    return layout([], whole.artifacts, [`node_modules keeps its devDependencies: ${relative} loads ${devAtRunTime.join(', ')}, ${devAtRunTime.length > 1 ? 'devDependencies' : 'a devDependency'} (move ${devAtRunTime.length > 1 ? 'them' : 'it'} to dependencies, and the split prunes the rest).`]);
  }
  // A build output whose compiler or bundler leaves node_modules outside it: what its sources
  // import is required at run time, devDependencies too.
  const fromOutput = build.builds && context && inputs.buildContext ? outputImports(inputs.buildContext, context, relative) : undefined;
  if (fromOutput && fromOutput.devDependencies.length > 0) {
    const names = fromOutput.devDependencies;
    const many = names.length > 1;
    return layout([], whole.artifacts, [`node_modules keeps its devDependencies: \`${fromOutput.command}\` writes ${relative} and leaves node_modules outside it, and its sources import ${names.join(', ')}, ${many ? 'devDependencies' : 'a devDependency'} the app then requires at run time (move ${many ? 'them' : 'it'} to dependencies, and the split prunes the rest).`]);
  }
  const prune = productionPrune(build, context, nodeMajor);
  if (isDeclined(prune)) {
    return prune;
  }
  const pruneNotes = build.manager !== 'npm' && !context ? [`${build.manager === 'yarn' ? "Yarn's production install" : 'pnpm prune'} runs the prepare and postinstall scripts of package.json again: they must not need devDependencies.`] : [];
  const outDirs = ['dist', 'build', 'out', ...(context?.outDir && !context.outDir.includes('/') ? [context.outDir] : [])];
  if (build.buildsWithDevDeps && outDirs.includes(top) && relative !== top && build.appRoot === app) {
    // The build output only, with what the app reads at run time beside it (views/, public/, .env).
    const copied = [`${app}/${top}`, `${app}/node_modules`, ...inputs.runTime.paths];
    const dist = wholeApp(build, user, inputs.writes, [], (folder) => folder !== app && !copied.some((path) => isInside(folder, path)));
    if (!dist.appWritable) {
      const runTime = inputs.runTime.paths.filter((path) => !isInside(path, `${app}/${top}`) && path !== `${app}/package.json`);
      return layout(
        prune,
        [
          ...dist.writable,
          { source: `${app}/${top}`, target: `${app}/${top}` },
          { source: `${app}/node_modules`, target: `${app}/node_modules` },
          { source: `${app}/package.json`, target: `${app}/package.json` },
          ...runTime.map((path) => ({ source: path, target: path })),
          ...dist.outside,
        ],
        [
          `Copies ${top}/, node_modules (pruned to production dependencies after the build) and package.json.`,
          ...runTimeFilesNotes(inputs.runTime, app),
          ...(runTime.length === 0 && !inputs.runTime.unknown ? ['The build context has nothing else the app reads at run time beside its sources (views/, public/, locales/, config/, .env).'] : []),
          ...pruneNotes,
        ],
        dist,
      );
    }
  }
  // The whole app directory (sources, and the build's output when there is one), its
  // node_modules pruned after the build: what the app may read at run time stays.
  return layout(prune, whole.artifacts, pruneNotes);
}

/**
 * Next.js: the standalone output with .next/static and public/ beside it, or the whole app with
 * its pruned node_modules for `next start`. Either way Next.js writes its cache (ISR pages,
 * optimised images) in .next/cache, so the copy is owned by the app's user.
 */
function nextLayout(inputs: NodeInputs, next: NonNullable<NodeArgs['next']>, user: string): Layout | Declined {
  const { build, context, buildContext } = inputs;
  const app = build.appDir;
  const config = context?.next?.config ?? 'next.config.js';
  if (!build.builds) {
    return decline(`The app starts Next.js, but this Dockerfile runs no \`next build\`, so the builder has no .next for the runtime to copy; build in the Dockerfile, then split.`);
  }
  if (build.movedModules) {
    return decline(`The build moves node_modules to ${build.movedModules}, and a Next.js app needs it beside package.json for its production prune and standalone output; keep node_modules in ${app}, then split.`);
  }
  const cache = 'Next.js writes its cache in .next/cache, for ISR pages and optimised images';
  if (!next.standalone) {
    if (!context?.dependencies.next) {
      return decline(`\`next start\` runs Next.js's CLI from node_modules, and next is not in "dependencies" of package.json, so the production prune would remove it; move next to dependencies, or set output: 'standalone' in ${config}, then split.`);
    }
    const whole = wholeApp(build, user, inputs.writes, [cache]);
    const prune = build.deps === 'all' ? productionPrune(build, context) : [];
    if (isDeclined(prune)) {
      return prune;
    }
    return {
      finish: prune,
      artifacts: whole.artifacts,
      notes: [`node runs Next.js's CLI (next start) from node_modules: the whole app is copied, node_modules pruned to production dependencies. With output: 'standalone' in ${config} the runtime would copy only the server Next.js traces (smaller, no sources).`, ...whole.notes],
      create: whole.create,
      env: [],
    };
  }
  const standaloneWrites = wholeApp(build, user, inputs.writes, [cache], (folder) => folder !== app && !isInside(folder, `${app}/.next`));
  const hasPublic = buildContext?.listDirectory?.('')?.includes('public/') === true && !readDockerIgnore(buildContext).excludes('public');
  const env = [...next.env, ...(build.env.has('HOSTNAME') || next.env.some(([name]) => name === 'HOSTNAME') ? [] : [['HOSTNAME', '0.0.0.0'] as [string, string]])];
  return {
    finish: [],
    artifacts: [
      ...standaloneWrites.writable.filter((artifact) => artifact.source !== app),
      { source: `${app}/.next/standalone`, target: app, chown: user },
      { source: `${app}/.next/static`, target: `${app}/.next/static`, chown: user },
      ...(hasPublic ? [{ source: `${app}/public`, target: `${app}/public` }] : []),
      ...standaloneWrites.outside,
    ],
    notes: [
      `Next.js standalone output (output: 'standalone' in ${config}): .next/standalone (server.js and the node_modules Next.js traced) becomes ${app}, with .next/static${hasPublic ? ' and public/' : ''} beside it; no other file of the build context is copied.`,
      `${app} is copied owned by uid ${user.split(':')[0]}: ${cache}.`,
      ...standaloneWrites.notes.filter((note) => !note.startsWith(`${app} `)),
      ...(next.env.length > 0 ? [`server.js takes no options: ${next.env.map(([name, value]) => `${name}=${value}`).join(' and ')} ${next.env.length > 1 ? 'are' : 'is'} its environment instead.`] : []),
      ...(env.some(([name, value]) => name === 'HOSTNAME' && value === '0.0.0.0') && !next.env.some(([name]) => name === 'HOSTNAME') ? ['HOSTNAME=0.0.0.0: server.js listens on $HOSTNAME, which Docker sets to the container\'s id; next start listened on all interfaces.'] : []),
    ],
    create: standaloneWrites.create,
    env: env.map(([name, value]) => `ENV ${name}=${value}`),
  };
}

/**
 * The builder lines that make the folders the runtime copies owned by the app's user: the empty
 * VOLUME directories, and the folders the app writes that the build does not bring (`create`).
 */
export function foldersToCreate(build: NodeBuild, create: string[]): string[] {
  return [
    ...(build.volumesToCreate.length > 0 ? ["# The VOLUME directories, for the runtime to copy owned by the app's user.", `RUN mkdir -p ${build.volumesToCreate.join(' ')}`] : []),
    ...(create.length > 0 ? ["# The folders the app writes, for the runtime to copy owned by the app's user.", `RUN mkdir -p ${create.join(' ')}`] : []),
  ];
}
