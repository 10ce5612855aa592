// The RUN commands of a single-stage Node.js build, one simple command at a time: npm, Yarn and
// pnpm (handed to nodeManagers.ts), corepack, node-gyp and build tools (a build step), apt-get
// (what the runtime may need), cp/mv (files moved within the app; node_modules moved up), and
// mkdir/chown/chmod (folders the app writes). Any other command makes the scan stop with the
// reason, which the editor shows.
import { Instruction, ModifiableInstruction } from 'dockerfile-ast';
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { DocumentText, SimpleCommand, commandsOf, programIndex } from '../../../../rules/shellCommands';
import { NodeBuild, ScanState, refuse } from './nodeBuild';
import { buildStep, scanNpm, scanPnpm, scanYarn } from './nodeManagers';
import { expandFully, operands } from '../shared/stageScan';

/** Commands that change nothing the runtime takes, or whose effect the scan records. */
const HARMLESS = new Set(['rm', 'echo', 'printf', 'true', ':', 'set', 'export', 'ls', 'cat', 'touch', 'test', '[', 'exit', 'which', 'id', 'whoami', 'useradd', 'groupadd', 'usermod', 'sleep']);
/** Programs of a build step: they may need devDependencies. */
const BUILD_TOOLS = /^(\.\/)?(node_modules\/\.bin\/)?(tsc|nest|vite|webpack|esbuild|rollup|next|nuxt|nuxi|ng|babel|swc|tsup|ncc|parcel|gulp|grunt|prisma|react-scripts|remix|astro|svelte-kit|lerna|nx|turbo|jest|mocha|vitest|eslint|prettier|node)$/;

export function scanRun(instruction: Instruction, state: ScanState, build: NodeBuild, escape: string): boolean {
  const cachesBefore = new Set(build.caches);
  // commandsOf reads positions in the document: give it the instruction at its own position.
  const start = instruction.getRange().start;
  const doc = new DocumentText('\n'.repeat(start.line) + ' '.repeat(start.character) + instruction.getTextContent());
  for (const command of commandsOf(instruction, doc, escape)) {
    const args = command.words.slice(programIndex(command)).map((word) => (word.dynamic ? expandFully(word.value, state.vars) : word.value));
    if (args.some((word) => word === undefined)) {
      return refuse(state, `A RUN uses a variable the split cannot resolve (\`${command.words.map((word) => word.value).join(' ')}\`); split by hand.`);
    }
    if (!scanCommand(args as string[], command, state, build)) {
      return refuse(state, `A RUN runs \`${(args as string[]).slice(0, 3).join(' ')}\`, and the split cannot tell what it leaves that the app needs at run time; split by hand.`);
    }
  }
  if (hasCacheMount(instruction)) {
    // RUN --mount=type=cache: the downloads stay in BuildKit's cache, not in the image.
    build.caches = new Set([...build.caches].filter((manager) => cachesBefore.has(manager)));
  }
  return true;
}

function hasCacheMount(instruction: Instruction): boolean {
  const flags = instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
  return flags.some((flag) => flag.getName().toLowerCase() === 'mount' && /(^|,)type=cache(,|$)/.test(flag.getValue() ?? ''));
}

/** Paths whose removal empties a package manager's cache: ~/.npm, ~/.cache (Yarn, pnpm), /usr/local/share/.cache (Yarn as root), pnpm's store, or /tmp (a --cache there). */
const CACHE_PATH = /(^|\/)(\.npm|_cacache|\.cache|\.yarn-cache|\.pnpm-store|pnpm|yarn|tmp)(\/[^/]*)?\/?\*?$/;

function scanCommand(args: string[], command: SimpleCommand, state: ScanState, build: NodeBuild): boolean {
  const [program, ...rest] = args;
  if (program === 'rm' && operands(rest, []).some((path) => CACHE_PATH.test(path))) {
    build.caches.clear();
  }
  if (program === undefined || HARMLESS.has(program)) {
    return true;
  }
  build.ran.add(program.replace(/^(\.\/)?node_modules\/\.bin\//, ''));
  if (program === 'npx') {
    build.ran.add(rest.find((word) => !word.startsWith('-')) ?? '');
  }
  const assigned = new Map(command.assignments.map((word) => word.value.split(/=(.*)/s) as [string, string]));
  const production = (assigned.get('NODE_ENV') ?? state.vars.get('NODE_ENV')) === 'production';
  switch (program) {
    case 'npm':
      return scanNpm(rest, production, state, build);
    case 'yarn':
    case 'yarnpkg':
      build.usesYarn = true;
      return scanYarn(rest, production, state, build);
    case 'pnpm':
      return scanPnpm(rest, production, state, build);
    case 'npx':
      build.nodeGyp ||= rest.includes('node-gyp');
      return buildStep(build);
    case 'node-gyp':
      // Compiles the project's own addon (binding.gyp) in the app directory, which the runtime copies.
      build.nodeGyp = true;
      return true;
    case 'corepack':
      build.usesCorepack = true;
      return ['enable', 'prepare', 'install', 'use', 'up'].includes(rest[0] ?? '');
    case 'apt-get':
    case 'apt':
      return scanApt(rest, build);
    case 'apk':
      build.alpineOnly ??= `apk ${rest.join(' ')}`.slice(0, 60);
      scanApk(rest, build);
      return true;
    case 'adduser':
    case 'addgroup':
      if (rest.some((arg) => /^-[A-Za-z]*[SD]/.test(arg))) {
        build.alpineOnly ??= `${program} ${rest.join(' ')}`; // BusyBox's -S/-D; Debian's differ
      }
      return true;
    case 'git':
      build.sourcesCloned ||= rest.includes('clone');
      return true; // a clone into the app directory, copied with it
    case 'cd':
      return (rest.length === 1 && resolvePath(state.workdir, rest[0]) === state.workdir) || refuse(state, `A RUN changes directory (\`cd ${rest.join(' ')}\`), and the split cannot follow where its installs land; use WORKDIR, then split.`); // elsewhere: installs would land there
    case 'cp':
    case 'mv': {
      // Within the app directory only: files put elsewhere (a config in /etc) would be missing at run time.
      const paths = operands(rest, ['-S', '--suffix']);
      if (program === 'mv' && movesModulesUp(paths, rest, state)) {
        return true;
      }
      state.moved.push(...paths.map((path) => resolvePath(state.workdir, path)));
      return (paths.length >= 2 && !rest.some((arg) => /^(-t|--target-directory)/.test(arg))) || refuse(state, `The split cannot read where \`${program} ${rest.join(' ')}\` puts files; split by hand.`);
    }
    case 'mkdir':
      state.created.push(...operands(rest, ['-m', '--mode']).map((path) => resolvePath(state.workdir, path)).filter(isAppWritable));
      return true;
    case 'chown':
      for (const path of operands(rest, ['--from', '--reference']).slice(1).map((operand) => resolvePath(state.workdir, operand))) {
        state.owned.push(path);
        state.ownedBy.set(path, 'chown');
      }
      return true;
    case 'chmod': {
      const [mode, ...paths] = operands(rest, []);
      if (/^[0-7]*[2367]$|[oa][+=]\w*w/.test(mode ?? '')) {
        for (const path of paths.map((operand) => resolvePath(state.workdir, operand))) {
          state.owned.push(path);
          state.ownedBy.set(path, `chmod ${mode ?? ''}`);
        }
      }
      return true;
    }
    default:
      if (program === 'node' && /^(-v|--version)$/.test(rest[0] ?? '')) {
        return true;
      }
      return BUILD_TOOLS.test(program) && buildStep(build);
  }
}

/**
 * `mv node_modules ../` (or `mv /app/node_modules /node_modules`) right where the install put it:
 * node_modules moves to a folder above, where Node's resolution still finds it from the app
 * (so a bind mount of the sources over the app directory does not hide it). Recorded, for the
 * runtime to copy it to the same place; false for any other mv.
 */
function movesModulesUp(paths: string[], args: string[], state: ScanState): boolean {
  if (paths.length !== 2 || args.some((arg) => /^(-t|--target-directory|-T|--no-target-directory)/.test(arg))) {
    return false;
  }
  const source = resolvePath(state.workdir, paths[0]);
  const from = source.replace(/\/node_modules$/, '') || '/';
  if (source === from || !state.installDirs.has(from)) {
    return false;
  }
  // Into an existing folder (one above the WORKDIR exists), or renamed to node_modules in one.
  const destination = resolvePath(state.workdir, paths[1]);
  const target = /(^|\/)node_modules$/.test(destination) ? destination : isInside(state.workdir, destination) ? resolvePath(destination, 'node_modules') : undefined;
  const folder = target?.replace(/\/?node_modules$/, '') || '/';
  if (target === undefined || target === source || !isInside(from, folder) || from === folder || state.movedModules !== undefined) {
    return false;
  }
  state.movedModules = target;
  return true;
}

function scanApt(args: string[], build: NodeBuild): boolean {
  const verb = args.find((arg) => !arg.startsWith('-'));
  if (verb === 'install') {
    build.aptRecommends ||= !args.some((arg) => arg === '--no-install-recommends' || /^APT::Install-Recommends=(false|0)$/i.test(arg));
    build.aptPackages.push(...operands(args.slice(args.indexOf(verb) + 1), ['-o', '-t', '--target-release']).map((name) => name.split('=')[0]));
  }
  return true;
}

/** `apk add [--virtual name] pkgs` and `apk del name...`: the packages that stay installed (a virtual group by its members). */
function scanApk(args: string[], build: NodeBuild): void {
  const verb = args.find((arg) => !arg.startsWith('-'));
  const rest = args.slice(args.indexOf(verb ?? '') + 1);
  const groups = build.apkGroups;
  if (verb === 'add') {
    const virtual = rest.find((_, index) => index > 0 && /^(--virtual|-t)$/.test(rest[index - 1])) ?? rest.find((arg) => arg.startsWith('--virtual='))?.split('=')[1];
    const names = operands(rest, ['--virtual', '-t', '--repository', '-X', '--root', '-p']).map((name) => name.split(/[=<>~]/)[0]).filter((name) => name !== virtual);
    if (virtual) {
      groups.set(virtual, [...(groups.get(virtual) ?? []), ...names]);
    }
    build.apkPackages.push(...names.filter((name) => !build.apkPackages.includes(name)));
  } else if (verb === 'del') {
    for (const name of operands(rest, [])) {
      const members = groups.get(name) ?? [name];
      build.apkPackages = build.apkPackages.filter((installed) => !members.includes(installed));
      groups.delete(name);
    }
  }
}

/** Paths an app may write to at run time (not system locations, caches or home directories). */
export function isAppWritable(path: string): boolean {
  return !/^\/(tmp|root|usr|etc|bin|sbin|lib\w*|opt\/yarn\S*|proc|sys|dev|run)(\/|$)|^\/var\/(lib\/apt|cache\/apt|lib\/dpkg)|^\/home\/[^/]+\/?$/.test(path) && path !== '/';
}
