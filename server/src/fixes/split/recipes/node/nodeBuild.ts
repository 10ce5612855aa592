// What a single-stage Node.js build does, read from its instructions: which package manager
// installs node_modules and whether with production dependencies only, whether a build step
// runs, what apt-get adds, which paths the app writes, what COPY puts where. Anything it does not
// understand (downloads, `cd` elsewhere, scripts run by a shell, COPY --from) makes it decline,
// saying what is in the way. Its RUN commands are read in nodeCommands.ts.
import { Env, Instruction, ModifiableInstruction } from 'dockerfile-ast';
import { execFormWords, isExecForm, shellToExecForm } from '../../../../core/commands';
import { Stage, StageModel } from '../../../../core/stages';
import { Declined, decline } from '../../recipe';
import { copyPaths, isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { isAppWritable, scanRun } from './nodeCommands';
import { Manager } from './nodeContext';
import { declareArgs, expandFully, unquote } from '../shared/stageScan';
import { firstPrivilegedPort } from '../shared/privilegedPort';

export interface NodeBuild {
  /** The final WORKDIR, where the app runs: the application's directory. */
  appDir: string;
  /**
   * The folder the runtime copies whole: the app directory, or the folder above it where the
   * project's dependencies are installed (`WORKDIR /opt/node_app`, install, `WORKDIR app`): Node
   * looks for node_modules in every folder above the script, so both keep their paths.
   */
  appRoot: string;
  /** Where a RUN moved node_modules after the install (`mv node_modules ../`): a folder above the app directory, where Node still finds it. */
  movedModules?: string;
  /** The package manager of the project install; undefined when nothing is installed. */
  manager?: Manager;
  /** node_modules after the last project install (or prune): `prod` = production dependencies only. */
  deps: 'none' | 'prod' | 'all';
  /** A build step (npm run, npx, tsc, a bundler...) ran. */
  builds: boolean;
  /** A build step ran while all dependencies were installed. */
  buildsWithDevDeps: boolean;
  /** `ENV NODE_ENV=production` came before the first project install. */
  nodeEnvBeforeInstall: boolean;
  /** The project install's subcommand (`ci`, `install`, `i`...). */
  installVerb?: string;
  /** Options of the project install a separate production install must repeat (`--legacy-peer-deps`). */
  installOptions: string[];
  /** Global installs (`npm install -g pnpm@9`, `yarn global add nodemon`), as exec words. */
  toolInstalls: string[][];
  /** The programs the RUN commands run (`npm`, `tsc`, and what npx runs). */
  ran: Set<string>;
  usesCorepack: boolean;
  usesYarn: boolean;
  aptPackages: string[];
  /** An apt-get install also took the recommended packages (no --no-install-recommends). */
  aptRecommends: boolean;
  /** A command that only exists on Alpine (`apk add graphviz`, BusyBox `adduser -S`), as written. */
  alpineOnly?: string;
  /** Alpine packages added with apk and not deleted again (a `--virtual` group's members go with it). */
  apkPackages: string[];
  /** apk `--virtual` groups and their members. */
  apkGroups: Map<string, string[]>;
  /** The last USER of the stage (undefined: root). */
  user?: string;
  /** Directories the app writes (chowned, opened to all, VOLUMEs), outside /tmp and system paths. */
  writable: string[];
  /** What in the original gives the app directory to the app's user (`COPY --chown=node:node`, VOLUME /app/data, `chown`), for notes. */
  appOwnedBy: string[];
  /** VOLUMEs no mkdir of the build creates. */
  volumesToCreate: string[];
  /** COPY/ADD destinations outside the app directory. */
  copiedOutside: string[];
  /** package.json in the app directory comes from the context root (`COPY . .`, `COPY package*.json ./`). */
  manifestFromContextRoot: boolean;
  env: Map<string, string>;
  /** The ARGs an ENV's value is made of (`ENV NODE_ENV $ENV` → ENV). */
  envFromArgs: Map<string, string[]>;
  /** An ARG or ENV configures the package manager (registry, token): an install before it would miss it. */
  packageManagerConfig: boolean;
  /** The first instruction that depends on the working directory is not an absolute WORKDIR: lines added after FROM must leave `/` as it. */
  startsAtRoot: boolean;
  /** The original copied the app to the image root (/): the split reads it as if a WORKDIR set this folder first (nodeRootApp.ts). */
  movedFromRoot?: string;
  /** The last ENTRYPOINT's words; undefined without one. */
  entrypoint?: string[];
  hasStart: boolean;
  /** `EXPOSE` of a port below 1024, which a non-root user may not bind (Kubernetes). */
  privilegedPort?: string;
  /** A `git clone` brings the app's sources in the build: no package.json can lie beside the Dockerfile. */
  sourcesCloned: boolean;
  /** node-gyp or `npm rebuild` ran: the build compiles native modules. */
  nodeGyp: boolean;
  /**
   * The package managers whose download cache an install left in the image (npm's ~/.npm, Yarn's
   * and pnpm's caches): a second stage leaves it behind. Not recorded for a RUN with a cache mount,
   * and dropped by a `cache clean` or an `rm` of the cache.
   */
  caches: Set<Manager>;
}

export interface ScanState {
  workdir: string;
  vars: Map<string, string>;
  installDirs: Set<string>;
  /** The ARGs declared in the stage. */
  args: Set<string>;
  /** Sources and destinations of cp and mv. */
  moved: string[];
  /** Where node_modules was moved, up from the folder it was installed in. */
  movedModules?: string;
  copies: { source: string; target: string }[];
  created: string[];
  owned: string[];
  /** What made each owned path the app user's (`COPY --chown=node:node`, VOLUME /data, `chown`). */
  ownedBy: Map<string, string>;
  /** Why the scan stopped: shown to the user. */
  why?: string;
}

/** Folders of the system: dependencies installed there would make the runtime copy all of it. */
const SYSTEM_FOLDER = /^\/(usr|usr\/local|usr\/src|usr\/lib|opt|var|srv|home|root|etc|tmp|mnt)?$/;
/** Variables npm, Yarn, pnpm or corepack read (npm_config_registry, NPM_TOKEN, YARN_CACHE_FOLDER...). */
const PACKAGE_MANAGER_CONFIG = /^(npm_|yarn_|pnpm_|corepack_|node_auth_token$)/i;

/** Why the scan stops at a COPY into the image root; nodeRootApp.ts may then move the app to a folder of its own. */
export const COPIED_TO_ROOT = "The app's files are copied to the image root (/); set a WORKDIR such as /app before copying them, then split.";

/** `workdir`: the folder the stage starts in (a WORKDIR the split adds after FROM), / by default. */
export function scanNodeBuild(stage: Stage, model: StageModel, workdir = '/'): NodeBuild | Declined {
  const state: ScanState = { workdir, vars: new Map(), installDirs: new Set(), args: new Set(), moved: [], copies: [], created: [], owned: [], ownedBy: new Map() };
  const build: NodeBuild = {
    appDir: '/', appRoot: '/', deps: 'none', builds: false, buildsWithDevDeps: false, nodeEnvBeforeInstall: false, installOptions: [], toolInstalls: [], ran: new Set(), usesCorepack: false, usesYarn: false,
    aptPackages: [], aptRecommends: false, apkPackages: [], apkGroups: new Map(), writable: [], appOwnedBy: [], volumesToCreate: [], copiedOutside: [],
    manifestFromContextRoot: false, env: new Map(), envFromArgs: new Map(), packageManagerConfig: false, startsAtRoot: true, hasStart: false, sourcesCloned: false, nodeGyp: false, caches: new Set(),
  };
  const escape = model.dockerfile.getEscapeCharacter();
  const first = stage.instructions.find((instruction) => ['RUN', 'COPY', 'ADD', 'WORKDIR'].includes(instruction.getKeyword()));
  build.startsAtRoot = workdir === '/' && !(first?.getKeyword() === 'WORKDIR' && (first.getArgumentsContent() ?? '').trim().replace(/^["']/, '').startsWith('/'));
  build.movedFromRoot = workdir === '/' ? undefined : workdir;
  for (const instruction of stage.instructions) {
    if (!scanInstruction(instruction, state, build, escape)) {
      return decline(state.why ?? `The split does not understand \`${firstLine(instruction)}\`; split by hand.`);
    }
  }
  build.appDir = state.workdir;
  if (build.appDir === '/') {
    return decline('The app runs from the image root (/); set a WORKDIR such as /app before copying its files, then split.');
  }
  const installDirs = [...state.installDirs];
  const parent = installDirs.length === 1 && installDirs[0] !== build.appDir && isInside(build.appDir, installDirs[0]) ? installDirs[0] : undefined;
  if (parent !== undefined && SYSTEM_FOLDER.test(parent)) {
    return decline(`Dependencies are installed in ${parent}, a system folder above the app's WORKDIR ${build.appDir}, and the split would copy all of it; install them in a folder of the app's own (${build.appDir}, or /opt/node_app with the app in /opt/node_app/app), then split.`);
  }
  const elsewhere = installDirs.find((dir) => dir !== build.appDir && dir !== parent);
  if (elsewhere !== undefined) {
    return decline(`Dependencies are installed in ${elsewhere}, which is neither the app's WORKDIR ${build.appDir} nor a folder above it, so Node would not find them from the app; install them where the app runs, then split.`);
  }
  build.appRoot = parent ?? build.appDir;
  if (state.movedModules !== undefined) {
    const folder = state.movedModules.replace(/\/?node_modules$/, '') || '/';
    if (!isInside(build.appDir, folder) || isInside(folder, build.appDir)) {
      return decline(`A RUN moves node_modules to ${state.movedModules}, which is not in a folder above the app directory ${build.appDir}, so Node would not find it from the app; install the dependencies where the app runs, then split.`);
    }
    build.movedModules = state.movedModules;
  }
  const movedOut = state.moved.find((path) => !isInside(path, build.appDir));
  if (movedOut !== undefined) {
    return decline(`A RUN copies or moves files to ${movedOut}, outside the app directory ${build.appDir}, and the split cannot tell which the app needs; split by hand.`);
  }
  for (const { source, target } of state.copies) {
    if (isInside(target, build.appDir)) {
      build.manifestFromContextRoot ||= (target === build.appDir && /^(\.?\/?|(\.\/)?package\*(\.json)?)$/.test(source)) || (target === `${build.appDir}/package.json` && /^(\.\/)?package\.json$/.test(source));
    } else {
      build.copiedOutside.push(target);
    }
  }
  build.writable = writableDirs(state, build.appRoot);
  build.appOwnedBy = [...new Set(state.owned.filter((dir) => isInside(dir, build.appRoot) || isInside(build.appRoot, dir)).map((dir) => state.ownedBy.get(dir)).filter((why): why is string => why !== undefined))];
  return build;
}

function scanInstruction(instruction: Instruction, state: ScanState, build: NodeBuild, escape: string): boolean {
  switch (instruction.getKeyword()) {
    case 'ARG': {
      const names = declareArgs(instruction, state.vars);
      names.forEach((name) => state.args.add(name));
      build.packageManagerConfig ||= names.some((name) => PACKAGE_MANAGER_CONFIG.test(name));
      return true;
    }
    case 'ENV':
      return scanEnv(instruction as Env, state, build);
    case 'WORKDIR': {
      const target = expandFully(unquote((instruction.getArgumentsContent() ?? '').trim()), state.vars);
      state.workdir = target === undefined ? '' : resolvePath(state.workdir, target);
      return target !== undefined || refuse(state, 'The WORKDIR uses a variable the split cannot resolve; write the path, then split.');
    }
    case 'COPY':
    case 'ADD':
      return scanCopy(instruction, state);
    case 'RUN':
      return scanRun(instruction, state, build, escape);
    case 'VOLUME':
      return scanVolume(instruction, state, build);
    case 'EXPOSE':
      build.privilegedPort ??= firstPrivilegedPort(instruction.getArguments().map((a) => a.getValue()));
      return true;
    case 'ENTRYPOINT':
      build.entrypoint = isExecForm(instruction) ? execFormWords(instruction) : shellToExecForm(instruction.getArgumentsContent() ?? '') ?? [];
      build.hasStart = true;
      return true;
    case 'CMD':
      build.hasStart = true;
      return true;
    case 'USER':
      build.user = (instruction.getArgumentsContent() ?? '').trim();
      return true;
    case 'ONBUILD':
      return refuse(state, 'ONBUILD instructions run in images built from this one; split by hand.');
    default:
      return true;
  }
}

function scanEnv(instruction: Env, state: ScanState, build: NodeBuild): boolean {
  for (const property of instruction.getProperties()) {
    const name = property.getName();
    const raw = property.getValue() ?? '';
    build.packageManagerConfig ||= PACKAGE_MANAGER_CONFIG.test(name);
    // A value built from an ARG: the split declares the ARG again in the runtime.
    const value = expandFully(raw, state.vars) ?? raw;
    build.env.set(name, value);
    const args = [...raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]).filter((arg) => state.args.has(arg));
    build.envFromArgs.set(name, args);
    state.vars.set(name, value);
    if (name === 'NODE_ENV' && value === 'production' && state.installDirs.size === 0) {
      build.nodeEnvBeforeInstall = true;
    }
  }
  return true;
}

function scanCopy(instruction: Instruction, state: ScanState): boolean {
  const flags = instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
  if (flags.some((flag) => flag.getName().toLowerCase() === 'from')) {
    return refuse(state, `A ${instruction.getKeyword()} takes files from another image or stage, and the split cannot tell which the app needs at run time; split by hand.`);
  }
  const paths = copyPaths(instruction);
  const destination = paths && expandFully(paths.destination, state.vars);
  if (!paths || destination === undefined || paths.sources.some((source) => /^(https?|git):|\$/.test(source))) {
    return refuse(state, `The split cannot read where \`${firstLine(instruction)}\` puts its files (a URL or a variable); split by hand.`);
  }
  const target = resolvePath(state.workdir, destination);
  const chown = flags.find((flag) => flag.getName().toLowerCase() === 'chown');
  if (chown) {
    state.owned.push(target); // files the original gave the app's user: it may write them
    state.ownedBy.set(target, `${instruction.getKeyword()} --chown=${chown.getValue() ?? ''}`);
  }
  const intoDirectory = destination.endsWith('/') || destination === '.' || paths.sources.length > 1;
  for (const source of paths.sources) {
    const whole = /^\.?\/?$/.test(source) || source.endsWith('/') || /[*?[]/.test(source);
    state.copies.push({ source, target: intoDirectory && !whole ? resolvePath(target, source.slice(source.lastIndexOf('/') + 1)) : target });
  }
  return target !== '/' || refuse(state, COPIED_TO_ROOT);
}

function scanVolume(instruction: Instruction, state: ScanState, build: NodeBuild): boolean {
  const words = isExecForm(instruction) ? execFormWords(instruction) : instruction.getArguments().map((a) => a.getValue());
  for (const word of words) {
    const path = expandFully(word, state.vars);
    if (path === undefined) {
      return refuse(state, 'A VOLUME uses a variable the split cannot resolve; write the path, then split.');
    }
    const dir = resolvePath('/', path);
    if (dir !== '/tmp') {
      state.owned.push(dir);
      state.ownedBy.set(dir, `VOLUME ${dir}`);
      // Made even when a COPY may bring it: the context may lack it, and Docker would then create
      // the mount point owned by root at run time.
      if (!state.created.some((created) => isInside(dir, created))) {
        build.volumesToCreate.push(dir);
      }
    }
  }
  return true;
}

/** Records why the scan stops (the first reason wins) and returns false. */
export function refuse(state: ScanState, why: string): false {
  state.why ??= why;
  return false;
}

function firstLine(instruction: Instruction): string {
  const text = instruction.getTextContent().split(/\r?\n/)[0].trim();
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
}

/**
 * The directories to copy with --chown: those chowned, opened or declared VOLUME, and those made
 * with mkdir outside the app directory. A writable directory inside the app (or one holding it)
 * makes the app directory itself writable: BuildKit's COPY of the app gives an existing inner
 * directory the owner of the copy (tonistiigi/fsutil copy/copy.go: children are copied with
 * overwriteTargetMetadata), and a COPY into an existing directory leaves its owner alone.
 */
function writableDirs(state: ScanState, appDir: string): string[] {
  const dirs = new Set<string>();
  // Owned paths are filtered here, when the app's folder is known: /usr/src/app is the app's, /usr is not.
  const owned = state.owned.filter((dir) => isAppWritable(dir) || isInside(dir, appDir));
  for (const dir of [...owned, ...state.created]) {
    if (!isInside(dir, appDir) && !isInside(appDir, dir)) {
      dirs.add(dir);
    } else if (owned.includes(dir)) {
      dirs.add(appDir);
    }
  }
  return [...dirs].filter((dir) => ![...dirs].some((other) => other !== dir && isInside(dir, other)));
}

