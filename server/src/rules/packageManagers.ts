// The package-manager commands whose downloads are cached on disk, where each keeps its cache,
// and how a RUN step shows that it handles the cache (a flag, a cleanup in the same step, or a
// BuildKit cache mount). Shared by package-cache-in-image (caches left in the shipped image)
// and cache-mount-available (builder stages that could keep them between builds).
import { rememberOn } from '../core/memo';
import { Run } from 'dockerfile-ast';
import { ShellWord, SimpleCommand, basename, invokedProgram, programIndex } from './shellCommands';

export type PackageManager = 'pip' | 'uv' | 'apt' | 'apk' | 'npm' | 'yarn' | 'pnpm' | 'bundle' | 'composer' | 'go' | 'cargo' | 'maven' | 'gradle' | 'dotnet';

export interface PackageCommand {
  manager: PackageManager;
  /** The program as written (`pip3`, `apt-get`). */
  program: string;
  /** The subcommand (`install`, `ci`, `add`, `update`), undefined for bare `yarn`. */
  verb?: string;
  /** Where to report: the verb, or the program for bare `yarn`. */
  word: ShellWord;
  /** The words after the program (flags and operands). */
  values: string[];
  command: SimpleCommand;
}

const PIP = /^pip[\d.]*$/;

/** Every program a case of findPackageCommand's switch names (keep the two together). */
const MANAGER_PROGRAM = /^(pip[\d.]*|uv|apt-get|apt|apk|npm|yarn|pnpm|bundle|composer(\.phar)?|go|cargo|mvnw?|gradlew?|dotnet)$/;

/**
 * The package-manager command a simple command runs, if it is one that downloads packages.
 * Remembered per command: shell parses are kept across keystrokes (rememberedCommands.ts), and
 * two rules ask about every command of every RUN step.
 */
export function packageCommandOf(command: SimpleCommand): PackageCommand | undefined {
  // null: "not a package command" is remembered too. Kept on the command (core/memo.ts).
  return rememberOn<PackageCommand | null>(command, PACKAGE_COMMAND, () => findPackageCommand(command) ?? null) ?? undefined;
}

const PACKAGE_COMMAND = Symbol('packageCommand');

function findPackageCommand(command: SimpleCommand): PackageCommand | undefined {
  const invoked = invokedProgram(command);
  if (!invoked) return undefined;
  const { program, words } = invoked;
  // Cheap first: most commands run no package manager, and the values and tests below cost more.
  if (!MANAGER_PROGRAM.test(program)) return undefined;
  const values = words.slice(1).map((word) => word.value);
  if (values.some((value) => /^(--version|-v|-V|--help|-h)$/.test(value))) return undefined;
  const verbIndex = values.findIndex((value) => !value.startsWith('-'));
  const verb = verbIndex >= 0 ? values[verbIndex] : undefined;
  const at = (manager: PackageManager): PackageCommand => ({ manager, program, verb, word: verbIndex >= 0 ? words[verbIndex + 1] : words[0], values, command });
  switch (true) {
    case PIP.test(program) && verb === 'install':
      return at('pip');
    case program === 'uv' && (verb === 'sync' || (verb === 'pip' && values.includes('install'))):
      return at('uv');
    case (program === 'apt-get' || program === 'apt') && (verb === 'update' || verb === 'install' || verb === 'upgrade' || verb === 'dist-upgrade'):
      return at('apt');
    case program === 'apk' && verb === 'add':
      return at('apk');
    case program === 'npm' && (verb === 'ci' || verb === 'install' || verb === 'i'):
      return at('npm');
    case program === 'yarn' && (verb === undefined || verb === 'install' || verb === 'add' || (verb === 'global' && values.includes('add'))):
      return at('yarn');
    case program === 'pnpm' && (verb === 'install' || verb === 'i' || verb === 'add'):
      return at('pnpm');
    case program === 'bundle' && (verb === undefined || verb === 'install'):
      return at('bundle');
    case /^composer(\.phar)?$/.test(program) && (verb === 'install' || verb === 'require' || verb === 'update'):
      return at('composer');
    // Steps that read the module cache count too: a cache mount must cover them all.
    case program === 'go' && ((verb === 'mod' && values.includes('download')) || ['build', 'install', 'test', 'vet', 'generate', 'run', 'list'].includes(verb ?? '')):
      return at('go');
    case program === 'cargo' && ['build', 'fetch', 'install', 'test', 'check', 'clippy', 'doc', 'run'].includes(verb ?? ''):
      return at('cargo');
    case /^(mvn|mvnw)$/.test(program) && verb !== undefined:
      return at('maven');
    case /^(gradle|gradlew)$/.test(program) && verb !== undefined:
      return at('gradle');
    case program === 'dotnet' && ['restore', 'publish', 'build', 'test', 'pack'].includes(verb ?? ''):
      return at('dotnet');
    default:
      return undefined;
  }
}

/** The targets of a RUN's `--mount=type=cache` flags. */
export function cacheMountTargets(run: Run): string[] {
  const targets: string[] = [];
  for (const flag of run.getFlags()) {
    if (flag.getName().toLowerCase() !== 'mount') continue;
    const options = new Map<string, string>();
    for (const part of (flag.getValue() ?? '').split(',')) {
      const [key, ...rest] = part.split('=');
      options.set(key.trim().toLowerCase(), rest.join('='));
    }
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination');
    if (options.get('type') === 'cache' && target) {
      targets.push(target.replace(/\/+$/, ''));
    }
  }
  return targets;
}

/** The paths `rm` removes in these commands, as written. */
export function removedPaths(commands: readonly SimpleCommand[]): string[] {
  return commands.flatMap((command) => {
    const words = command.words.slice(programIndex(command));
    return words.length > 0 && basename(words[0].value) === 'rm' ? words.slice(1).map((word) => word.value).filter((value) => !value.startsWith('-')) : [];
  });
}

/** Whether some command runs `<program> <verb> ...` (e.g. `npm cache clean`, `pip cache purge`). */
export function runsSubcommand(commands: readonly SimpleCommand[], program: RegExp, ...verbs: string[]): boolean {
  return commands.some((command) => {
    const invoked = invokedProgram(command);
    if (!invoked || !program.test(basename(invoked.program))) return false;
    const operands = invoked.words.slice(1).map((word) => word.value).filter((word) => !word.startsWith('-'));
    return verbs.every((verb, index) => operands[index] === verb);
  });
}
