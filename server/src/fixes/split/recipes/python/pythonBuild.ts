// What a single-stage Python build does, read from its instructions: which tool installs the
// packages (pip, Poetry, uv), what apt-get adds, which paths the app writes, what COPY puts
// where, how it starts. Anything it does not understand (a venv of its own, downloads, other
// package managers, `pip --user`, RUN as a non-root user, files at the image root) makes it
// return the reason instead: the split is then declined with it.
import { Env, Instruction, ModifiableInstruction } from 'dockerfile-ast';
import { lookupImage } from '../../../../catalog/catalog';
import { parseImageReference } from '../../../../core/imageReference';
import { execFormWords, isExecForm } from '../../../../core/commands';
import { Stage, StageModel } from '../../../../core/stages';
import { copyPaths, isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { DocumentText } from '../../../../rules/documentText';
import { ScanState, scanRun } from './pythonCommands';
import { ScannedCopy, declareArgs, expandFully, unquote } from '../shared/stageScan';
import { dropsPortBind, shellStartWords } from './pythonShellStart';
import { firstPrivilegedPort } from '../shared/privilegedPort';

export interface PythonBuild {
  installer: 'pip' | 'poetry' | 'uv';
  /** Packages go into an environment (pip or uv pip install, `poetry install`, `uv sync`). */
  installs: boolean;
  /** `uv sync`'s project environment: UV_PROJECT_ENVIRONMENT, else `.venv` where it ran. */
  uvEnvironment?: string;
  /** `pip install --target` directories. */
  targets: string[];
  /** Debian packages installed with apt-get and not removed again. */
  aptPackages: string[];
  /** Alpine packages added with apk and not deleted again, members of `--virtual` groups still installed included. */
  apkPackages: string[];
  /** An apt-get install took the recommended packages too: the runtime's install does the same. */
  aptRecommends: boolean;
  /** Directories the app writes: made with mkdir, chowned, opened with chmod, or a VOLUME. */
  writable: string[];
  /** VOLUMEs that nothing in the build creates. */
  volumesToCreate: string[];
  /** COPY/ADD destinations outside the app directory, dependency manifests left out. */
  copiedOutside: string[];
  /** The final WORKDIR: the app's directory. */
  appDir: string;
  copiedIntoApp: boolean;
  /** Package names on pip command lines: their console scripts may start the app. */
  pipNames: string[];
  /** Files given to `pip install -r`, as written. */
  requirementFiles: string[];
  /** The ENV values the original sets. */
  env: Map<string, string>;
  /** The last ENTRYPOINT's words ([] for `ENTRYPOINT []`); undefined without one. */
  entrypoint?: string[];
  /** The last CMD's words (shell form split as the split converts it, gunicorn's `--bind :$PORT` dropped). */
  cmd?: string[];
  /** The last CMD is shell form and its exec words drop gunicorn's `--bind :$PORT` (the default when PORT is set). */
  cmdDropsPortBind: boolean;
  /** There is a CMD or an ENTRYPOINT. */
  hasStart: boolean;
  /** The stage has an EXPOSE of its own. */
  exposes: boolean;
  /** A port below 1024 in EXPOSE, which a non-root user may not bind everywhere. */
  privilegedPort?: string;
  /** What each COPY/ADD from the build context put where, to read the copied files in the context. */
  copies: ScannedCopy[];
  /** The last USER, when it is not root: the original app ran as that user. */
  nonRootUser?: string;
  /**
   * The build's own venv (`python -m venv /opt/venv` with its bin first on PATH): copied at the same
   * path, its bin/python still linking to the image's /usr/local/bin/python, so the runtime is the
   * same python image (slim or Alpine), not distroless (whose Python is /usr/bin/python3.13).
   */
  ownVenv?: string;
  /** UV_SYSTEM_PYTHON or `uv pip install --system`: the packages go into the image's Python (its site-packages). */
  systemPython: boolean;
  /** pip ran as the non-root USER: the split's venv is opened to it during the build. */
  nonRootInstalls: boolean;
  /** curl or wget the Dockerfile installs for health checks: the runtime keeps them. */
  healthTools: string[];
  /** On App Engine's image: the `-p` value of the `virtualenv` that made the own venv (`python3.6`), if it gave one. */
  venvPython?: string;
  /** `apk add --repository` URLs: packages from a repository the image does not use. */
  apkRepositories: string[];
}

/** Files that only feed the dependency install: not needed at run time. */
const MANIFEST = /^(requirements[\w.-]*\.(txt|in)|constraints[\w.-]*\.txt|pyproject\.toml|poetry\.lock|uv\.lock|Pipfile(\.lock)?|\.python-version)$/;
/** ENV that bring an environment of their own or install past the venv (VIRTUAL_ENV and UV_SYSTEM_PYTHON are checked against the installs). */
const OWN_ENVIRONMENT = /^(UV_PYTHON|PYTHONUSERBASE|PIP_USER|PIP_TARGET|PIP_PREFIX|CONDA_\w+)$/;
/** uv's true values for a boolean variable. */
const UV_TRUE = /^(1|true|yes|on|y|t)$/i;

/**
 * What the build does, or why the split cannot follow it (shown to the user). `appEngine`: the
 * build is on App Engine's image, which starts in /app and has `virtualenv`.
 */
export function scanPythonBuild(stage: Stage, model: StageModel, text: string, appEngine = false): PythonBuild | string {
  const doc = new DocumentText(text);
  const state: ScanState = {
    workdir: appEngine ? '/app' : '/', appEngine, apkRepositories: [], vars: new Map(), aptRecommends: false, nonRootUser: false, poetryInstall: false, appPipInstalls: 0, bareBuildPython: false,
    systemInstalls: 0, nonRootInstalls: 0, ownedHomes: [], uvSystem: false, healthTools: new Set(), tooling: [], installed: new Set(), apkInstalled: new Set(), apkVirtual: new Map(), targets: [], pipNames: [], requirementFiles: [], copied: [], edited: [], created: [], owned: [],
  };
  const build: PythonBuild = {
    installer: 'pip', installs: false, exposes: false, targets: [], aptPackages: [], apkPackages: [], aptRecommends: false, writable: [], volumesToCreate: [], copiedOutside: [], appDir: '/',
    copiedIntoApp: false, pipNames: [], requirementFiles: [], env: new Map(), hasStart: false, cmdDropsPortBind: false, copies: [],
    systemPython: false, nonRootInstalls: false, healthTools: [], apkRepositories: [],
  };
  const escape = model.dockerfile.getEscapeCharacter();
  const lines = text.split(/\r?\n/);
  for (const instruction of stage.instructions) {
    const refusal = scanInstruction(instruction, state, build, escape, doc, lines);
    if (refusal) {
      return refusal;
    }
  }
  const uv = state.uvSyncDir !== undefined;
  build.installer = uv ? 'uv' : state.poetryInstall ? 'poetry' : 'pip';
  if (uv && state.poetryInstall) {
    return 'The build installs with both Poetry and uv, into two environments; install with one of them, then split.';
  }
  if (build.installer === 'pip' && state.tooling.length > 0) {
    // pip would put Poetry or uv into the runtime's venv
    return `pip installs ${state.tooling[0]} but nothing installs with it, so the split's venv would carry it into the runtime; install the app's packages with it (or drop it), then split.`;
  }
  if (build.installer !== 'pip' && (state.appPipInstalls > 0 || state.bareBuildPython)) {
    // with Poetry or uv, pip would install beside their environment and a bare python would not see it
    const tool = build.installer === 'uv' ? 'uv' : 'Poetry';
    return `The build installs with ${tool} and also runs pip or a bare \`python\` beside ${tool}'s environment; install everything with ${tool} (or run through it), then split.`;
  }
  const environment = scanEnvironment(state, build);
  if (environment) {
    return environment;
  }
  build.installs = uv || state.poetryInstall || state.appPipInstalls > 0 || (build.ownVenv !== undefined && !build.systemPython);
  build.uvEnvironment = uv ? resolvePath(state.uvSyncDir ?? '/', build.env.get('UV_PROJECT_ENVIRONMENT') ?? '.venv') : undefined;
  if (build.uvEnvironment === '/' || /^\/(usr|bin|sbin|lib\w*|etc)(\/|$)/.test(build.uvEnvironment ?? '')) {
    // UV_PROJECT_ENVIRONMENT=/usr/local: no venv to copy
    return 'uv syncs into the system Python (UV_PROJECT_ENVIRONMENT), so there is no environment to copy; let it use a venv such as /app/.venv, then split.';
  }
  build.appDir = state.workdir;
  build.venvPython = state.venvPython;
  build.apkRepositories = state.apkRepositories;
  build.aptPackages = [...state.installed];
  build.apkPackages = [...state.apkInstalled, ...[...state.apkVirtual.values()].flat()];
  build.aptRecommends = state.aptRecommends;
  build.targets = state.targets;
  build.pipNames = state.pipNames;
  build.requirementFiles = state.requirementFiles;
  for (const path of state.copied) {
    if (build.appDir !== '/' && isInside(path, build.appDir)) {
      build.copiedIntoApp = true;
    } else if (!MANIFEST.test(path.slice(path.lastIndexOf('/') + 1))) {
      build.copiedOutside.push(path);
    }
  }
  if (build.appDir === '/' && build.copiedOutside.length > 0) {
    // the runtime would start in /home/nonroot, and copying / is not separable
    return "The app's files are copied to the image root (/); set a WORKDIR such as /app before copying them, then split.";
  }
  const kept = [...(build.copiedIntoApp ? [build.appDir] : []), ...build.copiedOutside, ...(build.ownVenv ? [build.ownVenv] : []), ...build.targets];
  const lost = state.edited.find((file) => !kept.some((folder) => isInside(file, folder)));
  if (lost !== undefined) {
    // the builder would edit it, and the runtime would not have it
    return `A RUN edits ${lost} with \`sed -i\`, outside the folders the runtime copies (${kept.length > 0 ? kept.join(', ') : 'none'}), so the runtime would not have the change; split by hand and repeat the edit in the runtime stage (or, for a file of the app, make the change in the build context).`;
  }
  build.writable = writableDirs(state, build.appDir);
  return build;
}

/**
 * Where the packages went, when not into the venv the split makes: the build's own venv, or the
 * image's Python (UV_SYSTEM_PYTHON). The reason when the split cannot follow them.
 */
function scanEnvironment(state: ScanState, build: PythonBuild): string | undefined {
  const virtualEnv = build.env.get('VIRTUAL_ENV');
  build.systemPython = state.uvSystem || UV_TRUE.test(build.env.get('UV_SYSTEM_PYTHON') ?? '');
  build.nonRootInstalls = state.nonRootInstalls > 0;
  build.healthTools = [...state.healthTools];
  if (build.systemPython) {
    if (state.uvSyncDir !== undefined || state.poetryInstall || state.ownVenv !== undefined || virtualEnv !== undefined) {
      return 'The build installs both into the image\'s Python (UV_SYSTEM_PYTHON or `--system`) and into an environment; install into one of them, then split.';
    }
    // as a non-root user, pip falls back to ~/.local and uv fails: nothing the split could copy from site-packages
    return build.nonRootInstalls ? 'A RUN after USER installs into the image\'s Python as a non-root user; set the USER after the last RUN, then split.' : undefined;
  }
  if (state.ownVenv === undefined && virtualEnv === undefined) {
    return undefined;
  }
  if (state.ownVenv === undefined || (virtualEnv !== undefined && resolvePath('/', virtualEnv) !== state.ownVenv)) {
    return state.appEngine
      ? '`ENV VIRTUAL_ENV` names a venv the build does not make with `virtualenv`, so the split cannot tell where the packages are; make it with `virtualenv -p python3.X $VIRTUAL_ENV`, then split.'
      : '`ENV VIRTUAL_ENV` names a venv the build does not make with `python -m venv`, so the split cannot tell where the packages are; make it with `python -m venv $VIRTUAL_ENV` (or remove the ENV and let the split make one), then split.';
  }
  if (state.uvSyncDir !== undefined || state.poetryInstall) {
    return 'The build makes its own venv and installs with Poetry or uv sync, which use environments of their own; install into the venv with pip (or remove the venv step), then split.';
  }
  if (state.systemInstalls > 0) {
    return `pip installs into the image's Python beside the build's venv ${state.ownVenv}, because its bin is not first on PATH there; set \`ENV PATH="${state.ownVenv}/bin:$PATH"\` before the installs, then split.`;
  }
  build.ownVenv = state.ownVenv;
  return undefined;
}

/** Whether the comment lines right above an instruction say it is for health checks (`# curl for healthchecks`). */
function commentSaysHealth(lines: string[], instruction: Instruction): boolean {
  for (let line = instruction.getRange().start.line - 1; line >= 0 && /^\s*#/.test(lines[line]); line--) {
    if (/health/i.test(lines[line])) {
      return true;
    }
  }
  return false;
}

/** The reason the split cannot follow an instruction, or undefined when it can. */
function scanInstruction(instruction: Instruction, state: ScanState, build: PythonBuild, escape: string, doc: DocumentText, lines: string[]): string | undefined {
  switch (instruction.getKeyword()) {
    case 'ARG':
      declareArgs(instruction, state.vars);
      return undefined;
    case 'ENV':
      return scanEnv(instruction as Env, state, build);
    case 'WORKDIR': {
      const target = expandFully(unquote((instruction.getArgumentsContent() ?? '').trim()), state.vars);
      state.workdir = resolvePath(state.workdir, target ?? '');
      return target === undefined ? UNKNOWN_VARIABLE('WORKDIR') : undefined;
    }
    case 'COPY':
    case 'ADD':
      return scanCopy(instruction, state, build);
    case 'RUN':
      // as a non-root USER too: the commands say what they install where (pip into the split's venv: it is opened to that user)
      return scanRun(instruction, state, escape, doc, commentSaysHealth(lines, instruction));
    case 'USER': {
      const user = (instruction.getArgumentsContent() ?? '').trim().split(':')[0];
      state.nonRootUser = user !== 'root' && !/^0+$/.test(user);
      build.nonRootUser = state.nonRootUser ? user : undefined;
      return undefined;
    }
    case 'VOLUME':
      return scanVolume(instruction, state, build);
    case 'EXPOSE':
      build.exposes = true;
      build.privilegedPort ??= firstPrivilegedPort(instruction.getArguments().map((a) => a.getValue()));
      return undefined;
    case 'ENTRYPOINT':
      build.entrypoint = isExecForm(instruction) ? execFormWords(instruction) : ['(shell)'];
      build.hasStart = true;
      return undefined;
    case 'CMD': {
      const shellForm = isExecForm(instruction) ? undefined : (instruction.getArgumentsContent() ?? '').trim();
      build.cmd = shellForm === undefined ? execFormWords(instruction) : shellStartWords(shellForm);
      build.cmdDropsPortBind = shellForm !== undefined && dropsPortBind(shellForm);
      build.hasStart = true;
      return undefined;
    }
    case 'ONBUILD':
      return 'ONBUILD runs its instruction in images built FROM this one, which the split cannot place; remove it, then split.';
    default:
      return undefined;
  }
}

const UNKNOWN_VARIABLE = (keyword: string) => `A ${keyword} uses a variable without a value the split can read, so it cannot tell where the app's files go; write the path, then split.`;

function scanEnv(instruction: Env, state: ScanState, build: PythonBuild): string | undefined {
  for (const property of instruction.getProperties()) {
    const name = property.getName();
    const raw = property.getValue() ?? '';
    // A value made from an ARG is fine: the split declares that ARG again in the runtime.
    if (OWN_ENVIRONMENT.test(name)) {
      return `\`ENV ${name}\` sends installs to a place of its own, and the split makes the venv the runtime copies; remove it, then split.`;
    }
    if (name === 'PATH' && !/\$\{?PATH\b/.test(raw)) {
      // it would hide the venv's bin directory from the build
      return '`ENV PATH` replaces the whole PATH; keep `$PATH` in it, then split.';
    }
    // each entry on its own: `$VIRTUAL_ENV/bin:$PATH` is `/opt/venv/bin:$PATH`
    const entries = name === 'PATH' ? raw.split(':').map((entry) => (/\$\{?PATH\b/.test(entry) ? entry : expandFully(entry, state.vars) ?? entry)) : undefined;
    if (entries) {
      state.pathHead = /\$/.test(entries[0]) ? undefined : entries[0];
    }
    const value = entries?.join(':') ?? expandFully(raw, state.vars) ?? raw;
    build.env.set(name, value);
    state.vars.set(name, value);
  }
  return undefined;
}

function scanCopy(instruction: Instruction, state: ScanState, build: PythonBuild): string | undefined {
  const flags = instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
  const from = flags.find((flag) => flag.getName().toLowerCase() === 'from')?.getValue();
  if (from) {
    // the uv binary is a build tool; other images' files would be missing at run time
    return /^ghcr\.io\/astral-sh\/uv(:|@|$)/.test(from)
      ? undefined
      : `A COPY takes files from \`${from}\`, and the split cannot tell what of them the app needs at run time; split by hand.`;
  }
  const paths = copyPaths(instruction);
  const destination = paths && expandFully(paths.destination, state.vars);
  if (!paths || destination === undefined) {
    return UNKNOWN_VARIABLE(instruction.getKeyword());
  }
  const intoDirectory = destination.endsWith('/') || destination === '.' || paths.sources.length > 1;
  const target = resolvePath(state.workdir, destination);
  build.copies.push({ sources: paths.sources, destination: target, intoDirectory });
  // `COPY --chown=app . .`: the build gives that user the copied folder, as a `chown -R` would.
  const owner = flags.find((flag) => flag.getName().toLowerCase() === 'chown')?.getValue()?.split(':')[0];
  const chowned = owner !== undefined && owner !== '' && owner !== 'root' && !/^0+$/.test(owner);
  for (const source of paths.sources) {
    const whole = /^\.?\/?$/.test(source) || source.endsWith('/') || /[*?[]/.test(source);
    state.copied.push(intoDirectory && !whole ? resolvePath(target, source.slice(source.lastIndexOf('/') + 1)) : target);
    if (chowned && whole && !state.owned.includes(target)) {
      state.owned.push(target);
    }
  }
  // the build context over the image root: not separable
  return state.copied.includes('/') ? "The app's files are copied to the image root (/); set a WORKDIR such as /app before copying them, then split." : undefined;
}

function scanVolume(instruction: Instruction, state: ScanState, build: PythonBuild): string | undefined {
  const words = isExecForm(instruction) ? execFormWords(instruction) : instruction.getArguments().map((a) => a.getValue());
  for (const word of words) {
    const path = expandFully(word, state.vars);
    if (path === undefined) {
      return UNKNOWN_VARIABLE('VOLUME');
    }
    const dir = resolvePath('/', path);
    if (dir !== '/tmp') {
      state.owned.push(dir);
      if (![...state.copied, ...state.created].some((made) => isInside(dir, made) || isInside(made, dir))) {
        build.volumesToCreate.push(dir);
      }
    }
  }
  return undefined;
}

/**
 * The directories to copy with --chown: chowned, opened and VOLUME ones, and those made with
 * mkdir except the app directory and its parents (mkdir only prepares them). An app directory
 * inside a chowned one is writable itself.
 */
function writableDirs(state: ScanState, appDir: string): string[] {
  const dirs = new Set<string>();
  if (state.ownedHomes.some((home) => isInside(appDir, home))) {
    dirs.add(appDir); // `chown -R app /home/app` with the app in /home/app: the app's folder is its user's
  }
  for (const dir of [...state.owned, ...state.created]) {
    if (!isInside(appDir, dir)) {
      dirs.add(dir);
    } else if (state.owned.includes(dir)) {
      dirs.add(appDir);
    }
  }
  return [...dirs].filter((dir) => ![...dirs].some((other) => other !== dir && isInside(dir, other)));
}

/** apt packages that only build (compilers, headers, download tools). */
const BUILD_ONLY = new RegExp(
  '^(build-essential|gcc(-\\d+)?|g\\+\\+(-\\d+)?|cpp|clang|make|cmake|ninja-build|pkg-config|pkgconf|autoconf|automake|libtool|bison|flex|swig|gfortran|rustc|cargo' +
    '|git|curl|wget|ca-certificates|gnupg2?|dirmngr|apt-transport-https|apt-utils|software-properties-common|lsb-release|unzip|xz-utils|bzip2|patch|file|dpkg-dev|locales' +
    '|python3|python3-(dev|pip|venv|setuptools|wheel|distutils)|python-is-python3|libc6?-dev|linux-headers-\\S+|linux-libc-dev)$',
);
/** Header packages, and the library the built code loads at run time ('' = part of every Python image). */
const DEV_RUNTIME: Record<string, string> = {
  'libpq-dev': 'libpq5', 'default-libmysqlclient-dev': 'libmariadb3', 'libmysqlclient-dev': 'libmariadb3', 'libmariadb-dev': 'libmariadb3', 'libmariadb-dev-compat': 'libmariadb3',
  'libxml2-dev': 'libxml2', 'libxslt1-dev': 'libxslt1.1', 'libxslt-dev': 'libxslt1.1', 'libjpeg-dev': 'libjpeg62-turbo', 'libjpeg62-turbo-dev': 'libjpeg62-turbo', 'libsasl2-dev': 'libsasl2-2',
  'libffi-dev': '', 'libssl-dev': '', 'zlib1g-dev': '', 'libbz2-dev': '', 'liblzma-dev': '', 'libsqlite3-dev': '', 'libreadline-dev': '', 'libncurses-dev': '', 'libncurses5-dev': '',
  'libncursesw5-dev': '', 'uuid-dev': '', 'libexpat1-dev': '', 'libpython3-dev': '', 'libgdbm-dev': '', 'libdb-dev': '',
};
/** Packages distroless python3-debian13 has: the catalog's list (distroless python3, cc, base and static config.bzl). */
const DISTROLESS_PYTHON = parseImageReference('gcr.io/distroless/python3-debian13');
export const IN_DISTROLESS: ReadonlySet<string> = new Set((DISTROLESS_PYTHON && lookupImage(DISTROLESS_PYTHON).facts.sharedLibraries?.packages) ?? []);

/**
 * Packages the runtime needs, each with what called for it ('' for itself); when a header
 * package's runtime library has no known name, that header package's name (a string).
 */
export function runtimePackages(installed: string[], keep: readonly string[] = []): Map<string, string> | string {
  const needed = new Map<string, string>();
  for (const name of installed) {
    const library = name.endsWith('-dev') ? DEV_RUNTIME[name] : BUILD_ONLY.test(name) && !keep.includes(name) ? '' : name;
    if (library === undefined) {
      return name;
    }
    if (library !== '' && !needed.has(library)) {
      needed.set(library, library === name ? '' : name);
    }
  }
  return needed;
}
