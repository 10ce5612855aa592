// The RUN commands of a single-stage Python build, one simple command at a time: pip, uv pip,
// Poetry and uv (where packages go), apt-get (what the runtime may need), mkdir/chown/chmod
// (directories the app writes). Any other command changes the image in a way the split cannot
// follow (downloads, other package managers, a venv of its own): the scan stops with the reason,
// which the editor shows.
import { Instruction } from 'dockerfile-ast';
import { resolvePath } from '../../../../rules/buildArtifacts';
import { DocumentText, commandsOf, programIndex } from '../../../../rules/shellCommands';
import { expandFully, operands, valueOf } from '../shared/stageScan';
import { sedInPlaceFiles } from '../shared/sedInPlace';
import { readVirtualenv } from './pythonVirtualenv';
import { APP_ENGINE_VENV_MODULE, venvPythonProblem } from './pythonAppEngine';

/** What the instructions of the build stage did so far. */
export interface ScanState {
  workdir: string;
  /** ENV and ARG values, for `$NAME`. */
  vars: Map<string, string>;
  nonRootUser: boolean;
  /** Where `uv sync` ran (the project root), if it ran. */
  uvSyncDir?: string;
  poetryInstall: boolean;
  /** pip installs into the environment (not `--target`, not build tools). */
  appPipInstalls: number;
  /** A bare `python` after an install: with Poetry or uv it would not see the packages. */
  bareBuildPython: boolean;
  /** Build tools pip-installed by name (poetry, uv): with pip they would land in the venv. */
  tooling: string[];
  /** apt-get packages installed and not removed again. */
  installed: Set<string>;
  /** apk packages added and not deleted again (a `--virtual` group's members go with it). */
  apkInstalled: Set<string>;
  /** apk `--virtual` groups and their members. */
  apkVirtual: Map<string, string[]>;
  /** An apt-get install also took the recommended packages (no --no-install-recommends). */
  aptRecommends: boolean;
  /** `pip install --target` directories. */
  targets: string[];
  /** Package names on pip command lines (`pip install gunicorn`): console scripts to expect. */
  pipNames: string[];
  /** `pip install -r` files, as written. */
  requirementFiles: string[];
  /** `python -m venv <dir>`: the build's own venv, whose bin/python links to the image's Python (/usr/local/bin/python). */
  ownVenv?: string;
  /** The build is on App Engine's retired python image: `virtualenv -p python3.X <dir>` makes the own venv. */
  appEngine: boolean;
  /** The `-p` value of that virtualenv (`python3.6`), when it gave one. */
  venvPython?: string;
  /** `apk add --repository` / `-X` URLs: packages from a repository the image does not use. */
  apkRepositories: string[];
  /** The first PATH entry an ENV put before `$PATH` (`/opt/venv/bin`), when the split can read it. */
  pathHead?: string;
  /** App installs with pip that go to the system Python (neither through the own venv's pip nor its PATH). */
  systemInstalls: number;
  /** App installs with pip or uv pip that ran as the non-root USER. */
  nonRootInstalls: number;
  /** `uv pip install --system`: packages go into the image's Python, like UV_SYSTEM_PYTHON. */
  uvSystem: boolean;
  /** curl or wget installed by a RUN whose comment says they are for health checks. */
  healthTools: Set<string>;
  /** Paths COPY/ADD wrote. */
  copied: string[];
  /** Files edited in place with `sed -i` (absolute): the runtime must copy the folder holding them. */
  edited: string[];
  /** Directories made with mkdir. */
  created: string[];
  /** Directories chowned or opened to everyone (chmod o+w), and VOLUMEs. */
  owned: string[];
  /** Home folders chowned (`/home/app`): writable for the app only when it runs in one. */
  ownedHomes: string[];
}

/** pip/uv pip install options that take a value. */
const PIP_VALUE_OPTIONS = new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host', '--only-binary', '--no-binary', '--platform', '--python-version', '--implementation', '--abi', '--progress-bar', '--timeout', '--retries', '--cache-dir', '--src', '--upgrade-strategy', '-C', '--config-settings', '--global-option', '--log', '--proxy', '--cert', '--client-cert', '--exists-action', '--index-strategy', '--extra', '--group']);
/** Of those, the ones that say what to install. */
const PIP_WHAT = new Set(['-r', '--requirement', '-e', '--editable', '--extra', '--group']);
/** Build tools: installing them adds nothing the app loads at run time. */
const TOOLING = /^(pip|setuptools|wheel|uv|poetry|poetry-plugin-[\w-]+|poetry-core)$/i;
/** Commands that change nothing the runtime takes (file writes through redirections excepted). */
const HARMLESS = new Set(['rm', 'echo', 'printf', 'true', ':', 'set', 'export', 'cd', 'ls', 'cat', 'touch', 'find', 'test', '[', 'exit', 'useradd', 'adduser', 'groupadd', 'addgroup', 'usermod', 'whoami', 'id', 'which']);
/**
 * The installers a build may pipe into a shell or Python: Poetry's and uv's (build tools in the
 * builder's home), and pip's bootstrap, which installs pip into the Python that runs it: in the
 * split's builder the venv's (its bin leads the PATH), where the app's packages go too.
 */
const INSTALLER_URL = /^https:\/\/(install\.python-poetry\.org|astral\.sh\/uv\/|bootstrap\.pypa\.io\/(pip\/[\d.]+\/)?get-pip\.py$)/;

/** Scans one RUN; the reason when it does something the split cannot follow. */
export function scanRun(instruction: Instruction, state: ScanState, escape: string, doc: DocumentText, forHealthChecks = false): string | undefined {
  let cwd = state.workdir;
  let pipedInstaller = false;
  let timeZone = false;
  for (const command of commandsOf(instruction, doc, escape)) {
    const raw = command.words.slice(programIndex(command)).map((word) => word.value);
    const fromInstaller = pipedInstaller && command.before === '|';
    pipedInstaller = false;
    if (raw.length === 0) {
      continue;
    }
    if (HARMLESS.has(raw[0])) {
      if (command.redirected && !timeZone) {
        // writes a file we cannot locate (`echo $TZ > /etc/timezone` after the ln is fine)
        return `A RUN writes a file with \`${raw[0]} >\`, which the split cannot follow into the runtime; write it with COPY instead, then split.`;
      }
      cwd = raw[0] === 'cd' && raw[1] !== undefined ? resolvePath(cwd, expandFully(raw[1], state.vars) ?? '/') : cwd;
      continue;
    }
    // A quoted `$` (`sed 's/\r$//'`) is literal: only a dynamic word is expanded.
    const literal = command.words.slice(programIndex(command)).map((word) => !word.dynamic);
    const expanded = raw.map((word, index) => (literal[index] ? word : expandFully(word, state.vars)));
    // `pip install https://.../${VERSION}.zip`: a build argument without a default picks what pip
    // installs, not where; such a package argument is kept as written.
    const args = isPipInstall(raw) ? expanded.map((word, index) => word ?? (pipPackageArgument(raw, index) ? raw[index] : undefined)) : expanded;
    if (args.some((word) => word === undefined)) {
      return `A RUN gives \`${raw[0]}\` a value only known when the image builds, so the split cannot tell what it installs where; split by hand.`;
    }
    const [program, ...rest] = args as string[];
    if ((program === 'curl' || program === 'wget') && rest.some((arg) => INSTALLER_URL.test(arg)) && command.after === '|') {
      pipedInstaller = true;
    } else if ((program === 'curl' || program === 'wget') && command.after === '|') {
      const url = rest.find((arg) => /^[a-z]+:\/\//.test(arg));
      return `A RUN pipes a download${url ? ` from ${url}` : ''} into a command, which installs files where the split cannot follow them (it copies only the app folder and the venv); install what the app runs with apt-get or pip instead (or COPY it from an image that has it), then split, or split by hand.`;
    } else if (program === 'sed' && command.redirected && !(command.redirections?.every(({ target }) => target.value === '/dev/null' || /^\d$/.test(target.value)) ?? false)) {
      return 'A RUN redirects the output of `sed`, which writes a file the split cannot follow into the runtime; edit the file in place (`sed -i`) or in the build context, then split.';
    } else if (program === 'ln' && rest[rest.length - 1] === '/etc/localtime') {
      timeZone = true; // TZ (repeated in the runtime) and its tzdata give the same time zone
    } else if (!(fromInstaller && /^(sh|bash|python3?)$/.test(program) && rest.every((arg) => arg === '-' || arg.startsWith('-')))) {
      const refusal = scanCommand(program, rest, cwd, state, forHealthChecks);
      if (refusal) {
        return refusal;
      }
    }
  }
  return undefined;
}

/** `pip install ...`, `pip3 install`, `python -m pip install`, `uv pip install` (program by name or path). */
function isPipInstall(words: readonly string[]): boolean {
  const program = words[0]?.replace(/^.*\//, '');
  const rest = program === 'uv' ? words.slice(2) : /^python3?$/.test(program ?? '') && words[1] === '-m' ? words.slice(3) : words.slice(1);
  const pip = program === 'pip' || program === 'pip3' || (program === 'uv' && words[1] === 'pip') || (/^python3?$/.test(program ?? '') && words[2] === 'pip');
  return pip && rest[0] === 'install';
}

/** Whether `words[index]` of a pip install is a package to install, not an option nor an option's value. */
function pipPackageArgument(words: readonly string[], index: number): boolean {
  const word = words[index];
  const previous = words[index - 1]?.split('=')[0];
  const takesValue = previous !== undefined && !words[index - 1].includes('=') && (PIP_VALUE_OPTIONS.has(previous) || /^(--target|-t|--prefix|--root|--home)$/.test(previous));
  return word !== undefined && !word.startsWith('-') && !takesValue && words.indexOf('install') < index;
}

/** The reason the split cannot follow a command, or undefined when it can. */
function scanCommand(path: string, rest: string[], cwd: string, state: ScanState, forHealthChecks: boolean): string | undefined {
  // `/opt/venv/bin/pip`: the own venv's programs by path, or by name when its bin leads the PATH
  const venvBin = state.ownVenv && `${state.ownVenv}/bin`;
  const byPath = venvBin !== undefined && path.startsWith(`${venvBin}/`);
  const program = byPath ? path.slice(venvBin.length + 1) : path;
  const viaVenv = byPath || (venvBin !== undefined && !path.includes('/') && state.pathHead === venvBin);
  if (program === 'pip' || program === 'pip3' || (program === 'uv' && rest[0] === 'pip') || (/^python3?$/.test(program) && rest[0] === '-m' && rest[1] === 'pip')) {
    return scanPip(program === 'uv' ? rest.slice(1) : program.startsWith('pip') ? rest : rest.slice(2), program === 'uv', cwd, state, viaVenv || (program === 'uv' && state.ownVenv !== undefined && state.vars.get('VIRTUAL_ENV') === state.ownVenv));
  }
  if (path.includes('/') && !byPath) {
    return `A RUN runs \`${path}\`, and the split cannot tell which of its files the app needs at run time; split by hand.`;
  }
  const installed = state.appPipInstalls > 0 || state.poetryInstall || state.uvSyncDir !== undefined;
  switch (program) {
    case 'python':
    case 'python3':
      if (rest[0] === '-m' && rest[1] === 'venv' && !byPath) {
        return state.appEngine ? APP_ENGINE_VENV_MODULE : scanVenv(rest.slice(2), cwd, state);
      }
      if (rest[0] === '-m' && /^(venv|virtualenv)$/.test(rest[1] ?? '')) {
        return 'The build makes a virtual environment with virtualenv (or a second venv); make one with `python -m venv`, or let the split make it (remove the step and its PATH), then split.';
      }
      if (/(^|\/)setup\.py$/.test(rest[0] ?? '') && rest.some((arg) => arg === 'install' || arg === 'develop')) {
        state.appPipInstalls++;
      }
      state.bareBuildPython ||= installed;
      return undefined;
    case 'virtualenv': {
      if (!state.appEngine) {
        return `A RUN runs \`virtualenv\`, and the split cannot tell which of its files the app needs at run time; make the venv with \`python -m venv\` (or let the split make one), then split.`;
      }
      if (state.ownVenv !== undefined) {
        return 'The build makes more than one virtual environment; make one with `virtualenv -p python3.X <dir>`, then split.';
      }
      const call = readVirtualenv(rest, cwd);
      if ('reason' in call) {
        return call.reason;
      }
      state.ownVenv = call.dir;
      state.venvPython = call.python;
      return venvPythonProblem(call.python, call.dir);
    }
    case 'git':
      return rest[0] === 'clone' ? gitClone(rest.slice(1), cwd) : `A RUN runs \`git\`, and the split cannot tell which of its files the app needs at run time; split by hand.`;
    case 'apt-get':
    case 'apt':
      return scanApt(rest, state, forHealthChecks);
    case 'apk':
      return scanApk(rest, state, forHealthChecks);
    case 'poetry':
      state.poetryInstall ||= rest[0] === 'install' || rest[0] === 'sync';
      return state.nonRootUser && state.poetryInstall ? NON_ROOT_TOOL : undefined;
    case 'uv':
      if (rest[0] === 'sync' && state.nonRootUser) {
        return NON_ROOT_TOOL;
      }
      if (rest[0] === 'sync') {
        state.uvSyncDir = cwd;
        return rest.some((arg) => /^(-p|--python)(=|$)/.test(arg))
          ? '`uv sync --python` picks an interpreter the runtime may not have; drop the option (the split sets the Python uv uses), then split.'
          : undefined;
      }
      // not `uv venv`, `uv python install`, `uv tool`: environments and Pythons beside the project's
      return ['run', 'lock', 'export', 'version', '--version', 'cache'].includes(rest[0] ?? '')
        ? undefined
        : `\`uv ${rest[0] ?? ''}\` installs outside the project environment the split copies; use \`uv sync\` or \`uv pip install\`, then split.`;
    case 'sed':
      return scanSed(rest, cwd, state);
    case 'xargs': {
      // `find ... | xargs rm -r`: what xargs runs decides; a harmless command stays harmless.
      const run = xargsProgram(rest);
      return run !== undefined && HARMLESS.has(run) && run !== 'cd' ? undefined : `A RUN runs \`xargs${run ? ` ${run}` : ''}\`, and the split cannot tell which of its files the app needs at run time; split by hand.`;
    }
    case 'mkdir':
      state.created.push(...paths(operands(rest, ['-m', '--mode']), cwd));
      return undefined;
    case 'chown': {
      const targets = operands(rest, []).slice(1);
      state.owned.push(...paths(targets, cwd));
      state.ownedHomes.push(...targets.map((target) => resolvePath(cwd, target)).filter((path) => /^\/home\/[^/]+\/?$/.test(path)).map((path) => path.replace(/\/$/, '')));
      return undefined;
    }
    case 'chmod': {
      const [mode, ...targets] = operands(rest, []);
      if (/^[0-7]*[2367]$|[oa][+=]\w*w/.test(mode ?? '')) {
        state.owned.push(...paths(targets, cwd)); // writable by others: by uid 65532 too
      }
      return undefined;
    }
    default:
      return /^(curl|wget)$/.test(program)
        ? `A RUN downloads with \`${program}\`, and the split cannot tell which downloaded files the app needs at run time; install them with pip or apt-get, or split by hand.`
        : `A RUN runs \`${program}\`, and the split cannot tell which of its files the app needs at run time; split by hand.`;
  }
}

/** xargs options that take a value as the next word (GNU and BusyBox). */
const XARGS_VALUE_OPTIONS = new Set(['-n', '-L', '-I', '-P', '-s', '-d', '-E', '-a', '--max-args', '--max-lines', '--max-procs', '--max-chars', '--delimiter', '--arg-file']);

/** The program xargs runs: the first word after its options (echo when there is none). */
function xargsProgram(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) {
      return arg;
    }
    if (XARGS_VALUE_OPTIONS.has(arg)) {
      i++;
    }
  }
  return 'echo';
}

/** `sed -i` substituting text in named files: noted, for the build scan to check the runtime copies them. */
function scanSed(args: string[], cwd: string, state: ScanState): string | undefined {
  const sed = sedInPlaceFiles(args);
  if ('reason' in sed) {
    return `A RUN runs ${sed.reason}, and the split cannot tell which files it changes; edit the files in the build context (or with \`sed -i 's/…/…/' <file>\` on a file in the app folder), then split.`;
  }
  // `..` after a glob (`*/../x`) leaves the folder only once the shell expands it; `~` is a home
  const unsure = sed.files.find((file) => file.startsWith('~') || file.split('/').includes('..'));
  if (unsure !== undefined) {
    return `A RUN edits \`${unsure}\` with \`sed -i\`, and the split cannot tell where that is; write the path out, then split.`;
  }
  state.edited.push(...sed.files.map((file) => resolvePath(cwd, file)));
  return undefined;
}

/**
 * `git clone`: the cloned sources are not in the build context, so the split cannot read what the
 * app does with them at run time (a self-updating app runs git in its checkout; a data folder named
 * on its command line), while the runtime's user is not root.
 */
function gitClone(args: string[], cwd: string): string {
  const [url, dir] = operands(args, ['-b', '--branch', '--depth', '-o', '--origin', '-c', '--config', '--reference', '-j', '--jobs', '--filter', '--shallow-since', '--shallow-exclude', '--separate-git-dir', '-u', '--upload-pack', '--template']);
  const into = dir ?? (url ?? '').replace(/\/+$/, '').replace(/\.git$/, '').split(/[/:]/).pop() ?? '';
  return `A RUN clones sources with \`git clone\`${into ? ` into ${resolvePath(cwd, into)}` : ''}, which the split cannot read to tell what the app needs and writes at run time (git itself, for an app that updates its checkout; a data folder named in its start command) as a non-root user; COPY the sources from the build context instead, with a VOLUME for each folder the app writes outside them, then split.`;
}

const NON_ROOT_TOOL = 'A RUN after USER installs with Poetry or uv as a non-root user, into an environment the split cannot hand to that user; set the USER after the last RUN, then split.';

/** `python -m venv [options] <dir>`: the build's own venv, which the runtime copies at the same path. */
function scanVenv(args: string[], cwd: string, state: ScanState): string | undefined {
  const dirs = args.filter((arg) => !arg.startsWith('-'));
  if (args.includes('--system-site-packages')) {
    return 'The venv sees the system site-packages (`--system-site-packages`), which the split cannot separate from the image; drop the option, then split.';
  }
  if (state.ownVenv !== undefined || dirs.length !== 1 || args.some((arg) => arg.startsWith('-') && !/^(--copies|--symlinks|--clear|--upgrade-deps|--without-pip|--prompt=.*)$/.test(arg))) {
    return 'The build makes its virtual environments in a way the split does not follow (more than one, or options it does not know); make one with `python -m venv <dir>`, then split.';
  }
  state.ownVenv = resolvePath(cwd, dirs[0]);
  return undefined;
}

function scanPip(args: string[], viaUv: boolean, cwd: string, state: ScanState, viaVenv: boolean): string | undefined {
  if (viaUv && args.includes('--system')) {
    state.uvSystem = true;
  }
  if (args[0] === 'sync' && viaUv) {
    state.appPipInstalls++;
    return undefined;
  }
  if (args[0] !== 'install') {
    return undefined; // check, list, freeze, download, uninstall...
  }
  let appInstall = false;
  let target: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const [option, inline] = args[i].split(/=(.*)/s);
    if (/^(--user|--prefix|--root|--home)$/.test(option) || (option === '--system' && !viaUv)) {
      return option === '--user' && state.nonRootUser
        ? '`pip install --user` puts the packages in the home of the USER (~/.local), which the runtime user does not share; install without `--user` (the split makes a venv the runtime copies), then split.'
        : `\`pip install ${option}\` puts packages outside the venv the split copies; install without it, then split.`;
    }
    if (option === '--target' || option === '-t') {
      target = resolvePath(cwd, inline ?? args[++i] ?? '.');
    } else if (PIP_VALUE_OPTIONS.has(option)) {
      const value = inline ?? args[++i];
      appInstall ||= PIP_WHAT.has(option);
      if ((option === '-r' || option === '--requirement') && value) {
        state.requirementFiles.push(value);
      }
    } else if (!option.startsWith('-')) {
      const name = /^[A-Za-z0-9][\w.-]*/.exec(option)?.[0];
      if (!name || !TOOLING.test(name)) {
        appInstall = true; // a package, a path (`.`), a wheel
      } else if (!/^(pip|setuptools|wheel)$/i.test(name)) {
        state.tooling.push(name);
      }
      if (name && !option.includes('/')) {
        state.pipNames.push(name.toLowerCase());
      }
    }
  }
  if (target !== undefined) {
    state.targets.push(target); // a directory of its own: no venv needed for it
  } else if (appInstall) {
    state.appPipInstalls++;
    state.systemInstalls += viaVenv ? 0 : 1;
    state.nonRootInstalls += state.nonRootUser ? 1 : 0;
  }
  return undefined;
}

function scanApt(args: string[], state: ScanState, forHealthChecks: boolean): string | undefined {
  const verb = args.find((arg) => !arg.startsWith('-'));
  if (verb === 'install') {
    state.aptRecommends ||= !args.some((arg) => arg === '--no-install-recommends' || /^APT::Install-Recommends=(false|0)$/i.test(arg));
  }
  if (verb === 'install' || verb === 'purge' || verb === 'remove') {
    for (const name of operands(args.slice(args.indexOf(verb) + 1), ['-o', '-t', '--target-release'])) {
      const bare = name.split('=')[0];
      if (verb === 'install') {
        state.installed.add(bare);
        noteHealthTool(bare, state, forHealthChecks);
      } else {
        state.installed.delete(bare);
      }
    }
  }
  return undefined;
}

/** `apk add [--virtual name] pkgs` and `apk del name...`: what stays installed on an Alpine build. */
function scanApk(args: string[], state: ScanState, forHealthChecks: boolean): string | undefined {
  const verb = args.find((arg) => !arg.startsWith('-'));
  const rest = args.slice(args.indexOf(verb ?? '') + 1);
  if (verb === 'add') {
    const repository = valueOf(rest, ['--repository', '-X']);
    if (repository !== undefined) {
      state.apkRepositories.push(repository);
    }
    const virtual = rest.find((_, index) => index > 0 && /^(--virtual|-t)$/.test(rest[index - 1])) ?? rest.find((arg) => arg.startsWith('--virtual='))?.split('=')[1];
    const names = operands(rest, ['--virtual', '-t', '--repository', '-X', '--root', '-p']).map((name) => name.split(/[=<>~]/)[0]).filter((name) => name !== virtual);
    if (virtual) {
      state.apkVirtual.set(virtual, [...(state.apkVirtual.get(virtual) ?? []), ...names]);
    } else {
      names.forEach((name) => state.apkInstalled.add(name));
    }
    names.forEach((name) => noteHealthTool(name, state, forHealthChecks));
  } else if (verb === 'del') {
    for (const name of operands(rest, [])) {
      (state.apkVirtual.get(name) ?? [name]).forEach((member) => state.apkInstalled.delete(member));
      state.apkVirtual.delete(name);
    }
  }
  return undefined;
}

/** curl and wget are build tools, unless the Dockerfile says it installs them for health checks (a compose or Kubernetes probe runs them). */
function noteHealthTool(name: string, state: ScanState, forHealthChecks: boolean): void {
  if (forHealthChecks && (name === 'curl' || name === 'wget')) {
    state.healthTools.add(name);
  }
}

/** Absolute paths an app may write at run time: not system locations, homes or build caches. */
function paths(words: string[], cwd: string): string[] {
  return words
    .filter((word) => !word.startsWith('~'))
    .map((word) => resolvePath(cwd, word))
    .filter((path) => path !== '/' && !/^\/(tmp|root|usr|etc|bin|sbin|lib\w*|venv|proc|sys|dev|run)(\/|$)|^\/var\/(lib\/(apt|dpkg)|cache\/apt)|^\/home\/[^/]+\/?$/.test(path));
}
