// What a single-stage build does, read once for the Java, Rust, .NET, Ruby and PHP recipes: the
// simple commands each RUN runs (with the directory they run in and variables expanded), what
// COPY puts where, the ENVs, VOLUMEs, ports and start commands, and the system packages left
// installed. The recipes decide from this; anything a recipe needs to know exactly and this
// could not read (a `$VAR` without a value) comes back undefined so the recipe can decline.
import { Env, Instruction, ModifiableInstruction } from 'dockerfile-ast';
import { execFormWords, isExecForm, shellToExecForm } from '../../../../core/commands';
import { Stage, StageModel } from '../../../../core/stages';
import { substituteVariables } from '../../../../core/variables';
import { copyPaths, resolvePath } from '../../../../rules/buildArtifacts';
import { DocumentText, SimpleCommand, commandsOf, documentText, programIndex } from '../../../../rules/shellCommands';
import { StartCommand, StartKeyword } from '../../recipe';
import { firstPrivilegedPort } from './privilegedPort';

export interface ScannedCommand {
  /** Words from the program on (past `sudo`, `env X=y`...), variables expanded; undefined where unknown. */
  args: (string | undefined)[];
  /** The directory it runs in (WORKDIR, then any `cd` before it in the same RUN). */
  cwd: string;
  command: SimpleCommand;
}

export interface ScannedCopy {
  /** Sources as written (relative to the build context, or to the `--from` image). */
  sources: string[];
  /** Absolute destination; undefined when it uses an unknown variable. */
  destination?: string;
  /** Written as a directory (`dest/`, `.`, several sources). */
  intoDirectory: boolean;
  from?: string;
}

export interface StageScan {
  /** The final WORKDIR ('' when a WORKDIR used an unknown variable). */
  workdir: string;
  env: Map<string, string>;
  /** An ENV path takes its value from an ARG without a default: the split cannot tell the path. */
  envFromArg: boolean;
  /**
   * ARGs whose defaults a WORKDIR, a path ENV or a VOLUME took, by name: the split copies the
   * paths the defaults give, so another --build-arg value would move them out of its COPYs.
   */
  pathArgDefaults: Map<string, string>;
  commands: ScannedCommand[];
  copies: ScannedCopy[];
  /** Absolute VOLUME paths; undefined entries were unknown. */
  volumes: (string | undefined)[];
  /** An EXPOSEd port below 1024, which a non-root user may not bind (Kubernetes). */
  privilegedPort?: string;
  /** Every CMD and ENTRYPOINT in order, as exec words (undefined: shell form that needs a shell), and a shell form's text. */
  starts: { keyword: StartKeyword; words?: string[]; shellForm?: string }[];
  onbuild: boolean;
  /** Debian packages installed with apt-get/apt and not purged again. */
  aptPackages: string[];
  /** Alpine packages installed with apk and not deleted again (`--virtual` groups resolved). */
  apkPackages: string[];
}

/** `text` is the document the model was built from; `imageEnv`: ENVs the base image sets that RUN lines use (`PHP_INI_DIR`). */
export function scanStage(stage: Stage, model: StageModel, text: string, initialWorkdir = '/', imageEnv: Record<string, string> = {}): StageScan {
  const scan: StageScan = { workdir: initialWorkdir, env: new Map(), envFromArg: false, pathArgDefaults: new Map(), commands: [], copies: [], volumes: [], starts: [], onbuild: false, aptPackages: [], apkPackages: [] };
  const vars = new Map<string, string>(Object.entries(imageEnv));
  const argOnly = new Set<string>();
  // The ARG each ARG's default starts with (`ARG APP_DIR=${BASE}/app`), and theirs, with their
  // values then: a path from APP_DIR moves with another --build-arg BASE value too.
  const argDependencies = new Map<string, Map<string, string>>();
  const escape = model.dockerfile.getEscapeCharacter();
  const doc = documentText(text);
  for (const instruction of stage.instructions) {
    const keyword = instruction.getKeyword();
    if (keyword === 'ARG') {
      for (const [name, value] of argDeclarations(instruction)) {
        const dependencies = new Map<string, string>();
        // Only an ARG the default starts with (`${BASE}/app`): the path then starts with its value.
        const prefix = value === undefined ? undefined : /^["']?\$\{?(\w+)\}?(?=\/|["']?$)/.exec(value)?.[1];
        for (const dependency of prefix !== undefined && argOnly.has(prefix) ? [prefix] : []) {
          const known = vars.get(dependency);
          if (known !== undefined) {
            dependencies.set(dependency, known);
          }
          argDependencies.get(dependency)?.forEach((inner, innerName) => dependencies.set(innerName, inner));
        }
        argDependencies.set(name, dependencies);
      }
      declareArgs(instruction, vars, model.globalArgs).forEach((name) => argOnly.add(name));
    } else if (keyword === 'ENV' && instruction instanceof Env) {
      for (const property of instruction.getProperties()) {
        const raw = property.getValue() ?? '';
        const value = expand(raw, vars) ?? raw;
        // Only a path matters: the split copies paths computed from the ARG's default. Other
        // values (a version, a flag) reach the runtime as they are: the ARG is declared there too.
        // Without a default the value is unknown: a variable named as a path (UPLOAD_DIR) counts as one.
        const args = argsIn(raw, argOnly);
        if (/^["']?\//.test(value) || (PATH_NAME.test(property.getName()) && args.some((name) => !vars.has(name)))) {
          scan.envFromArg ||= args.some((name) => !vars.has(name));
          recordArgDefaults(scan, args, vars, argDependencies);
        }
        scan.env.set(property.getName(), value);
        // A value with an unknown variable is unknown: not its text with `${...}` left in.
        setKnown(vars, property.getName(), expand(raw, vars));
        argOnly.delete(property.getName());
      }
    } else if (keyword === 'WORKDIR') {
      const written = unquote((instruction.getArgumentsContent() ?? '').trim());
      const target = expand(written, vars);
      if (target !== undefined) {
        recordArgDefaults(scan, argsIn(written, argOnly), vars, argDependencies);
      }
      scan.workdir = target === undefined || scan.workdir === '' ? '' : resolvePath(scan.workdir, target);
    } else if (keyword === 'RUN') {
      scanRun(instruction, scan, vars, escape, doc);
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      const paths = copyPaths(instruction);
      if (paths) {
        const destination = expand(paths.destination, vars);
        scan.copies.push({
          sources: paths.sources,
          destination: destination === undefined || scan.workdir === '' ? undefined : resolvePath(scan.workdir, destination),
          intoDirectory: destination === undefined || destination.endsWith('/') || destination === '.' || paths.sources.length > 1,
          from: flagValue(instruction, 'from'),
        });
      }
    } else if (keyword === 'VOLUME') {
      const words = isExecForm(instruction) ? execFormWords(instruction) : instruction.getArguments().map((a) => a.getValue());
      scan.volumes.push(...words.map((word) => {
        const path = expand(unquote(word), vars);
        if (path !== undefined) {
          recordArgDefaults(scan, argsIn(word, argOnly), vars, argDependencies);
        }
        return path === undefined ? undefined : resolvePath('/', path);
      }));
    } else if (keyword === 'EXPOSE') {
      scan.privilegedPort ??= firstPrivilegedPort(instruction.getArguments().map((a) => expand(a.getValue(), vars) ?? ''));
    } else if (keyword === 'CMD' || keyword === 'ENTRYPOINT') {
      const content = (instruction.getArgumentsContent() ?? '').trim();
      scan.starts.push({ keyword, words: isExecForm(instruction) ? execFormWords(instruction) : shellToExecForm(content), ...(isExecForm(instruction) ? {} : { shellForm: content }) });
    } else if (keyword === 'ONBUILD') {
      scan.onbuild = true;
    }
  }
  packages(scan);
  return scan;
}

/** ENV names that hold a path by convention (UPLOAD_DIR, DATA_PATH, APP_HOME). */
const PATH_NAME = /(^|_)(DIR|DIRECTORY|PATH|HOME|ROOT|FOLDER|FILE)S?$/i;

/** The ARG names (of `args`, those not overridden by an ENV) a written value expands. */
function argsIn(written: string, args: ReadonlySet<string>): string[] {
  return [...written.matchAll(/\$\{?(\w+)/g)].map((match) => match[1]).filter((name) => args.has(name));
}

/** The ARGs a path used, and the ARGs their defaults expanded (with the values they had there). */
function recordArgDefaults(scan: StageScan, names: string[], vars: ReadonlyMap<string, string>, dependencies: ReadonlyMap<string, ReadonlyMap<string, string>>): void {
  for (const name of names) {
    const value = vars.get(name);
    if (value !== undefined) {
      scan.pathArgDefaults.set(name, value);
      dependencies.get(name)?.forEach((inner, innerName) => scan.pathArgDefaults.set(innerName, inner));
    }
  }
}

/**
 * The note for paths the split computed from ARG defaults: both stages declare the ARG, so
 * another --build-arg value would make the builder write a path the runtime's COPYs miss.
 */
export function pathArgDefaultNotes(scan: Pick<StageScan, 'pathArgDefaults'>, where: 'runtime' | 'builder' | 'both' = 'runtime'): string[] {
  const names = [...scan.pathArgDefaults.keys()];
  if (names.length === 0) {
    return [];
  }
  const defaults = [...scan.pathArgDefaults].map(([name, value]) => `${name}=${value}`).join(', ');
  return [`The split copies the paths that ARG ${names.join(', ')} ${names.length > 1 ? 'give by default' : 'gives by default'} (${defaults}), written out ${where === 'runtime' ? 'in the runtime stage' : where === 'builder' ? 'in the lines the split adds to the builder' : 'in the runtime stage and in the lines the split adds to the builder'}: another --build-arg ${names[0]} value no longer moves them there, and ${where === 'builder' ? 'those lines' : 'the runtime'} would miss the path the builder then writes. To use another path, change it in both stages.`];
}

/** The start command Docker runs: the last ENTRYPOINT and the last CMD (undefined when absent). */
export function lastStarts(scan: StageScan): { entrypoint?: StartCommand | null; cmd?: StartCommand | null } {
  const last = (keyword: StartKeyword) => {
    const found = scan.starts.filter((start) => start.keyword === keyword).pop();
    return found === undefined ? undefined : found.words ? { keyword, words: found.words } : null;
  };
  return { entrypoint: last('ENTRYPOINT'), cmd: last('CMD') };
}

function scanRun(instruction: Instruction, scan: StageScan, vars: Map<string, string>, escape: string, doc: DocumentText): void {
  let cwd = scan.workdir;
  for (const command of commandsOf(instruction, doc, escape)) {
    // A quoted `$` (`sed 's/\r$//'`) is literal: only a dynamic word is expanded.
    const args = command.words.slice(programIndex(command)).map((word) => (word.dynamic ? expand(word.value, vars) : word.value));
    if (args[0] === 'cd' && cwd !== '') {
      cwd = args[1] === undefined ? '' : resolvePath(cwd, args[1]);
    }
    scan.commands.push({ args, cwd, command });
  }
}

/** Packages left installed: apt-get/apt install minus purge/remove; apk add minus del (also by `--virtual` name). */
function packages(scan: StageScan): void {
  const apt = new Set<string>();
  const apk = new Set<string>();
  const virtual = new Map<string, string[]>();
  for (const { args } of scan.commands) {
    const [program, ...rest] = args;
    const words = rest.filter((word): word is string => word !== undefined);
    const verb = words.find((word) => !word.startsWith('-'));
    if (program === 'apt-get' || program === 'apt') {
      const names = operands(words.slice(words.indexOf(verb ?? '') + 1), ['-o', '-t', '--target-release']).map((name) => name.split('=')[0]);
      names.forEach((name) => (verb === 'install' ? apt.add(name) : verb === 'purge' || verb === 'remove' ? apt.delete(name) : undefined));
    } else if (program === 'apk' && (verb === 'add' || verb === 'del')) {
      const after = words.slice(words.indexOf(verb) + 1);
      const group = valueOf(after, ['-t', '--virtual']);
      const names = operands(after, ['-t', '--virtual', '-X', '--repository', '--root', '-p']).map((name) => name.split(/[=<>~]/)[0]);
      if (verb === 'add' && group !== undefined) {
        virtual.set(group, names); // removed again with `apk del <group>`, usually in the same RUN
      } else if (verb === 'add') {
        names.forEach((name) => apk.add(name));
      } else {
        names.flatMap((name) => virtual.get(name) ?? [name]).forEach((name) => apk.delete(name));
        names.forEach((name) => virtual.delete(name));
      }
    }
  }
  // A `--virtual` group never deleted stays installed.
  [...virtual.values()].flat().forEach((name) => apk.add(name));
  scan.aptPackages = [...apt];
  scan.apkPackages = [...apk];
}

/** Non-option words, skipping the values of the options named. */
export function operands(args: string[], valueOptions: string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (valueOptions.includes(args[i])) {
      i++;
    } else if (!args[i].startsWith('-')) {
      found.push(args[i]);
    }
  }
  return found;
}

/** The value of an option written `-o value`, `--opt value` or `--opt=value`. */
export function valueOf(args: readonly (string | undefined)[], names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? '';
    for (const name of names) {
      if (word === name) {
        return args[i + 1];
      }
      if (name.startsWith('--') && word.startsWith(`${name}=`)) {
        return word.slice(name.length + 1);
      }
    }
  }
  return undefined;
}

/**
 * The text with the stage's variables substituted as Docker and the shell do (core/variables.ts);
 * undefined when one is unknown. Anything else is left as it is (`$(git rev-parse HEAD)` in
 * -ldflags does not matter to where the binary goes).
 */
export function expand(text: string, vars: ReadonlyMap<string, string>): string | undefined {
  const substituted = substituteVariables(text, vars);
  return substituted.unresolved ? undefined : substituted.text;
}

/** expand(), and undefined too when something the split cannot evaluate is left: a command substitution, another `${...}` form. */
export function expandFully(text: string, vars: ReadonlyMap<string, string>): string | undefined {
  const result = expand(text, vars);
  return result === undefined || /[`$]/.test(result) ? undefined : result;
}

/**
 * The names an ARG declares; their defaults go into `vars`, without quotes and expanded with the
 * values before it as Docker does (`ARG APP_DIR=${BASE}/app`). A default naming a variable
 * without a known value is unknown (removed from `vars`), not its text with `${BASE}` left in.
 * With `globals`, a name declared without a default takes the global ARG's (the only way a global
 * ARG reaches a stage); callers that put the globals into `vars` beforehand pass none.
 */
export function declareArgs(instruction: Instruction, vars: Map<string, string>, globals?: ReadonlyMap<string, string | undefined>): string[] {
  return argDeclarations(instruction).map(([name, value]) => {
    if (value !== undefined) {
      // Single quotes keep `$` literal, as in the shell.
      setKnown(vars, name, /^'.*'$/s.test(value) ? unquote(value) : expand(unquote(value), vars));
    } else if (globals?.has(name)) {
      setKnown(vars, name, globals.get(name));
    }
    return name;
  });
}

/** An ARG instruction's names and defaults as written (undefined: no default). */
function argDeclarations(instruction: Instruction): [string, string | undefined][] {
  return instruction.getArguments().map((argument) => {
    const [name, value] = argument.getValue().split(/=(.*)/s);
    return [name, value];
  });
}

function setKnown(vars: Map<string, string>, name: string, value: string | undefined): void {
  if (value === undefined) {
    vars.delete(name);
  } else {
    vars.set(name, value);
  }
}

/** A word without the quotes around it. */
export function unquote(word: string): string {
  return word.replace(/^(["'])(.*)\1$/, '$2');
}

function flagValue(instruction: Instruction, name: string): string | undefined {
  const flags = instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
  return flags.find((flag) => flag.getName().toLowerCase() === name)?.getValue() ?? undefined;
}

/** A source of a COPY from the build context, and where it lands in the image. */
export interface ContextCopy {
  /** The context path, cleaned (`./src/` → `src`; '' for the whole context). */
  source: string;
  /** The whole context (`COPY . .`). */
  whole: boolean;
  /** Counted as a folder (no file extension), whose contents land at the destination. */
  isFolder: boolean;
  /** The COPY's absolute destination. */
  destination: string;
  /** Where the source lands: a folder's contents at the destination, a file inside a `dest/` one. */
  target: string;
}

/**
 * The sources of the stage's COPYs from the build context, in order. Patterns, variables and
 * paths outside the context are left out: where they land cannot be told.
 */
export function contextCopies(copies: ScannedCopy[]): ContextCopy[] {
  const found: ContextCopy[] = [];
  for (const copy of copies) {
    if (copy.from !== undefined || copy.destination === undefined) {
      continue;
    }
    for (const written of copy.sources) {
      // A leading `/` is the context's root too (COPY /backend .).
      const source = written.replace(/^\/+(?=[^/])/, '').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
      if (/[*?[$]/.test(source) || source.startsWith('..') || source.startsWith('/')) {
        continue;
      }
      const whole = source === '' || source === '.';
      const isFolder = whole || !/\.\w+$/.test(source);
      const target = copy.intoDirectory && !isFolder ? resolvePath(copy.destination, source.slice(source.lastIndexOf('/') + 1)) : copy.destination;
      found.push({ source: whole ? '' : source, whole, isFolder, destination: copy.destination, target });
    }
  }
  return found;
}
