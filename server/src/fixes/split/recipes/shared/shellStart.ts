// A start that needs a shell: an entrypoint script (`ENTRYPOINT ["/app/entrypoint.sh"]` with its
// `exec "$@"`), `sh -c "..."`, `bash run.sh`, a shell-form CMD with pipes or `&&`. Distroless has no
// shell, but the same runtime's -slim (or Alpine) image has one, so a recipe can keep such a start
// there when everything it runs is there too. This reads the script from the build context and
// checks each command it runs: the shell's builtins, the programs every image of that kind has
// (catalog/shellTools.ts), the app's own programs (the recipe says which: the venv's scripts,
// the binary), and tools the build installed with apt-get or apk, which the runtime installs
// again. Anything else, a command named by a variable, a file the script sources, or a command
// that needs root, makes the recipe decline with the name of what is missing.
import { resolvePath, isInside } from '../../../../rules/buildArtifacts';
import { SHELLS, SimpleCommand, basename, streamOf } from '../../../../rules/shellCommands';
import { splitCommands } from '../../../../rules/shellWords';
import { ALPINE_BUSYBOX_COMMANDS, DEBIAN_SLIM_COMMANDS, SHELL_BUILTINS, TOOL_PACKAGES } from '../../../../catalog/shellTools';
import { execFormWords, isExecForm } from '../../../../core/commands';
import { Stage } from '../../../../core/stages';
import { BuildContext } from '../../../fix';
import { Declined, StartKeyword, decline } from '../../recipe';
import { readCopiedFile } from './runTimeWrites';
import { ScannedCopy } from './stageScan';

export interface ShellStartInput {
  /** The last ENTRYPOINT and CMD: exec words, or the shell form's text. */
  entrypoint?: StartText;
  cmd?: StartText;
  workdir: string;
  copies: ScannedCopy[];
  buildContext?: BuildContext;
  distro: 'debian' | 'alpine';
  /** Packages the build left installed (apt-get on Debian, apk on Alpine). */
  installed: readonly string[];
  /** The runtime image, for the messages. */
  runtimeImage: string;
  /** Whether a command is one of the app's own, which the runtime has (on PATH or copied). */
  isAppProgram(program: string): boolean;
  /** A shell-form start the recipe adapts itself (`exec gunicorn --bind :$PORT`): not a shell start. */
  handlesShellForm?(text: string): boolean;
}

export type StartText = { words: string[] } | { shellForm: string };

export interface ShellStart {
  /** What needs the shell, for the notes: "`/app/entrypoint.sh` (a shell script)". */
  what: string;
  /** Packages the build installed that give the start its tools: the runtime installs them. */
  packages: string[];
  /** Absolute files the shell writes (redirections, tee) outside the app's folder. */
  writes: string[];
  /** The scripts the start runs, at their image paths: the runtime copies them (mode kept). */
  scripts: string[];
  /** The app's commands the start runs (their words), for the recipe's scans of writes. */
  appCommands: string[][];
  /** The start runs the CMD (`exec "$@"`). */
  passesArguments: boolean;
  /** The instruction kept as written (ENTRYPOINT when there is one), and what it was. */
  keyword: StartKeyword;
  start: StartText;
}

/** Commands that need root, which the runtime's non-root user is not. */
const NEEDS_ROOT = /^(chown|chgrp|gosu|su-exec|su|sudo|setpriv|apt-get|apt|apk|useradd|adduser|groupadd|addgroup|usermod|mount|sysctl|setcap|update-ca-certificates)$/;
/** Commands that change files: fine only in /tmp or /dev, since the runtime's user owns nothing else. */
const CHANGES_FILES = /^(mkdir|touch|cp|mv|rm|ln|chmod|install|truncate|mkfifo|mknod|rmdir)$/;
/** Wrappers that run the next word as the command. */
const WRAPPERS = new Set(['exec', 'command', 'nohup', 'builtin']);
const SCRIPT_SHEBANG = /^#!\s*(\S+)(?:\s+(\S+))?/;
/** The PATH of the Debian and Alpine images (and the official images on them): where an exec-form start finds a script by name. */
const IMAGE_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** The start's shell use checked, why it cannot run on the runtime, or undefined when the start needs no shell. */
export function shellStart(input: ShellStartInput): ShellStart | Declined | undefined {
  const { entrypoint, cmd } = input;
  const first = entrypoint ?? cmd;
  if (!first) {
    return undefined;
  }
  const keyword: StartKeyword = entrypoint ? 'ENTRYPOINT' : 'CMD';
  const checker = new Checker(input);
  const outcome = checker.start(keyword, first);
  if (outcome === undefined) {
    return undefined;
  }
  if (typeof outcome === 'string') {
    return decline(outcome);
  }
  // An ENTRYPOINT script with `exec "$@"` runs the CMD: its program must be there too.
  if (entrypoint && cmd && outcome.passesArguments) {
    const why = 'words' in cmd ? checker.program(cmd.words, 'The CMD, which the ENTRYPOINT script runs with `exec "$@"`,') : checker.text(cmd.shellForm, 'The shell-form CMD', 0);
    if (typeof why === 'string') {
      return decline(why);
    }
  }
  return { what: outcome.what, packages: [...checker.packages], writes: [...checker.writes], scripts: [...checker.scripts], appCommands: checker.appCommands, passesArguments: outcome.passesArguments, keyword, start: first };
}

/** The last ENTRYPOINT and CMD of a stage as the shell start check reads them. */
export function startTexts(stage: Stage): { entrypoint?: StartText; cmd?: StartText } {
  const last = (keyword: StartKeyword): StartText | undefined => {
    const instruction = stage.instructions.filter((i) => i.getKeyword() === keyword).pop();
    if (!instruction) {
      return undefined;
    }
    return isExecForm(instruction) ? { words: execFormWords(instruction) } : { shellForm: (instruction.getArgumentsContent() ?? '').trim() };
  };
  return { entrypoint: last('ENTRYPOINT'), cmd: last('CMD') };
}

/** Whether a start command is the one the check kept as written (not a HEALTHCHECK's, not another). */
export function isKeptStart(command: { keyword: StartKeyword; words: string[] }, keyword: StartKeyword, start: StartText | undefined): boolean {
  return start !== undefined && command.keyword === keyword && 'words' in start && start.words.join('\0') === command.words.join('\0');
}

/** The runtime lines that give the runtime's user the files the start writes (a -slim or Alpine runtime has a shell for them). */
export function shellWriteLines(writes: string[], owner: string): string[] {
  if (writes.length === 0) {
    return [];
  }
  const folders = [...new Set(writes.map((file) => file.slice(0, file.lastIndexOf('/')) || '/'))].filter((folder) => folder !== '/');
  return [
    '# The files the start command writes, owned by the runtime\'s user (the original wrote them as root).',
    `RUN mkdir -p ${folders.join(' ')} \\`,
    ` && touch ${writes.join(' ')} \\`,
    ` && chown ${owner} ${writes.join(' ')}`,
  ];
}

interface Outcome {
  what: string;
  passesArguments: boolean;
}

class Checker {
  readonly packages = new Set<string>();
  readonly writes = new Set<string>();
  readonly scripts = new Set<string>();
  readonly appCommands: string[][] = [];
  private passesArguments = false;
  private functions = new Set<string>();

  constructor(private readonly input: ShellStartInput) {}

  /** The start's outcome; a string says why not; undefined: no shell involved. */
  start(keyword: StartKeyword, start: StartText): Outcome | string | undefined {
    if ('shellForm' in start) {
      if (this.input.handlesShellForm?.(start.shellForm)) {
        return undefined;
      }
      const why = this.text(start.shellForm, `The shell-form ${keyword}`, 0);
      return why ?? { what: `the shell-form ${keyword} (\`${oneLine(start.shellForm)}\`)`, passesArguments: false };
    }
    const [program, ...args] = start.words;
    if (program === undefined) {
      return undefined;
    }
    if (SHELLS.test(program)) {
      const shellWhy = this.shellAvailable(basename(program), `The ${keyword}`);
      if (shellWhy) {
        return shellWhy;
      }
      if (args[0] === '-c' && args[1] !== undefined) {
        const why = this.text(args[1], `The ${keyword}'s \`${basename(program)} -c\` command`, 0);
        return why ?? { what: `the ${keyword}'s \`${basename(program)} -c\` command`, passesArguments: false };
      }
      if (args[0] !== undefined && !args[0].startsWith('-')) {
        const why = this.script(args[0], `The ${keyword}`, 0, false);
        return why ?? { what: `\`${args[0]}\` (a shell script the ${keyword} runs with ${basename(program)})`, passesArguments: this.passesArguments };
      }
      return `The ${keyword} starts \`${start.words.join(' ')}\`, which the split cannot read; start the app itself, then split.`;
    }
    if (!this.isScriptPath(program)) {
      return undefined;
    }
    const why = this.script(program, `The ${keyword}`, 0, true);
    return why ?? { what: `\`${program}\` (a shell script the ${keyword} runs)`, passesArguments: this.passesArguments };
  }

  /** A path that names a shell script: `.sh`, or a file in the context that starts with a shell's `#!`. */
  private isScriptPath(program: string): boolean {
    if (/\.(sh|bash)$/.test(program)) {
      return true;
    }
    const file = this.read(this.execPath(program));
    return file !== undefined && SHELLS.test(shebangProgram(file.text) ?? '');
  }

  /**
   * Where exec runs a program in the image: a path from the WORKDIR; a bare name from PATH, the
   * first directory the Dockerfile copied it into (`COPY docker-entrypoint.sh /usr/local/bin/`).
   */
  private execPath(program: string): string {
    if (program.includes('/')) {
      return resolvePath(this.input.workdir, program);
    }
    const onPath = IMAGE_PATH.map((dir) => `${dir}/${program}`);
    return onPath.find((path) => this.read(path) !== undefined) ?? onPath[1];
  }

  private read(imagePath: string): { path: string; text: string } | undefined {
    const context = this.input.buildContext;
    return context && readCopiedFile(context, this.input.copies, imagePath);
  }

  /** Checks a script file; `direct`: the kernel runs it (exec form), so it needs `#!` and its exec bit. */
  private script(path: string, subject: string, depth: number, direct: boolean): string | undefined {
    // `bash run.sh` reads run.sh from the working directory; exec finds a bare name on PATH.
    const imagePath = direct ? this.execPath(path) : resolvePath(this.input.workdir, path);
    if (!this.input.buildContext) {
      return `${subject} runs \`${path}\`, a shell script that the split reads from the build context to check what it runs on the runtime image; open the Dockerfile in its project folder, or start the app itself, then split.`;
    }
    const file = this.read(imagePath);
    if (!file) {
      return `${subject} runs \`${path}\`, a shell script the split cannot find among the files the Dockerfile copies from the build context (it reads it to check what it runs on the runtime image); start the app itself, or copy the script from the context, then split.`;
    }
    if (direct) {
      const interpreter = shebangProgram(file.text);
      if (!interpreter || !SHELLS.test(interpreter)) {
        return `${subject} runs \`${path}\`, whose first line names no shell (\`#!/bin/sh\`), so the split cannot tell what runs it; add the #! line, then split.`;
      }
      const shellWhy = this.shellAvailable(basename(interpreter), subject);
      if (shellWhy) {
        return shellWhy;
      }
    }
    this.scripts.add(imagePath);
    return this.text(file.text, `${subject}'s script \`${path}\``, depth);
  }

  private shellAvailable(shell: string, subject: string): string | undefined {
    const commands = this.input.distro === 'alpine' ? ALPINE_BUSYBOX_COMMANDS : DEBIAN_SLIM_COMMANDS;
    if (commands.has(shell) || shell === 'busybox') {
      return undefined;
    }
    return this.tool(shell) ? undefined : `${subject} needs \`${shell}\`, which ${this.input.runtimeImage} does not have; install it in the Dockerfile (${this.input.distro === 'alpine' ? 'apk add' : 'apt-get install'} ${shell}) or use sh, then split.`;
  }

  /** Checks shell text; a string says why it cannot run on the runtime. */
  text(script: string, subject: string, depth: number): string | undefined {
    for (const match of script.matchAll(/^\s*(?:function\s+)?([A-Za-z_][\w-]*)\s*\(\s*\)/gm)) {
      this.functions.add(match[1]);
    }
    for (const command of commandsOf(script)) {
      const why = this.command(command, subject, depth);
      if (why) {
        return why;
      }
    }
    return undefined;
  }

  private command(command: SimpleCommand, subject: string, depth: number): string | undefined {
    const words = command.words;
    const redirectWhy = this.redirections(command, subject);
    if (redirectWhy) {
      return redirectWhy;
    }
    let index = 0;
    while (index < words.length && WRAPPERS.has(words[index].value)) {
      index++;
    }
    if (words[index]?.value === 'env') {
      index++;
      while (index < words.length && /^[A-Za-z_]\w*=/.test(words[index].value)) {
        index++;
      }
    }
    const head = words[index];
    if (!head || words[0]?.value === 'for' || words[0]?.value === 'case' || this.functions.has(words[0]?.value ?? '')) {
      return undefined; // assignments only, a loop's or case's words, a function's own call
    }
    if (head.dynamic && /[$`]/.test(head.value)) {
      if (/^\$\{?[@*]\}?$/.test(head.value)) {
        this.passesArguments = true;
        return undefined;
      }
      return `${subject} runs a command named by \`${head.value}\`, which the split cannot check on the runtime image; name the command, then split.`;
    }
    return this.program(words.slice(index).map((word) => word.value), subject, depth);
  }

  /** Checks one command's program (and what it writes); a string says why not. */
  program(words: string[], subject: string, depth = 0): string | undefined {
    const [program, ...args] = words;
    if (program === undefined) {
      return undefined;
    }
    const name = basename(program);
    if (program === '.' || program === 'source') {
      return `${subject} sources \`${args[0] ?? ''}\`, which the split does not read; start the app itself, then split.`;
    }
    if (NEEDS_ROOT.test(name)) {
      return `${subject} runs \`${name}\`, which needs root, and the split's runtime runs as a non-root user; do that in the build, then split.`;
    }
    if (CHANGES_FILES.test(name)) {
      const targets = args.filter((arg) => !arg.startsWith('-'));
      const outside = targets.find((target) => !/^\/(tmp|dev)(\/|$)/.test(target));
      if (outside !== undefined) {
        return `${subject} runs \`${name} ${args.join(' ')}\`, which writes \`${outside}\` as the runtime's non-root user, and the split cannot tell that it may; do it in the build, then split.`;
      }
      return undefined;
    }
    if (name === 'tee') {
      for (const file of args.filter((arg) => !arg.startsWith('-'))) {
        const why = this.written(file, subject);
        if (why) {
          return why;
        }
      }
      return undefined;
    }
    if (SHELLS.test(program)) {
      const missing = this.shellAvailable(name, subject);
      if (missing) {
        return missing;
      }
    }
    if (SHELLS.test(program) && args[0] !== undefined && !args[0].startsWith('-') && depth < 2) {
      return this.script(args[0], subject, depth + 1, false);
    }
    if (program.includes('/') && /\.(sh|bash)$/.test(program) && depth < 2) {
      return this.script(program, subject, depth + 1, true);
    }
    if (SHELLS.test(program) && args[0] === '-c' && args[1] !== undefined && depth < 2) {
      return this.text(args[1], subject, depth + 1);
    }
    if (this.input.isAppProgram(program)) {
      this.appCommands.push(words);
      return undefined;
    }
    if (program.includes('/')) {
      return `${subject} runs \`${program}\`, which the split does not copy into the runtime; start the app itself, then split.`;
    }
    if (SHELL_BUILTINS.has(name) || (this.input.distro === 'alpine' ? ALPINE_BUSYBOX_COMMANDS : DEBIAN_SLIM_COMMANDS).has(name) || this.tool(name)) {
      return undefined;
    }
    const known = TOOL_PACKAGES[this.input.distro][name];
    const install = this.input.distro === 'alpine' ? 'apk add' : 'apt-get install';
    return known
      ? `${subject} runs \`${name}\`, which ${this.input.runtimeImage} does not have and the build does not install; install it in the Dockerfile (${install} ${known[0]}), then split.`
      : `${subject} runs \`${name}\`, which the split cannot find on the runtime image (${this.input.runtimeImage}: not a shell builtin, not one of its programs, not the app's, not a package the build installs); install it with ${install}, or start the app itself, then split.`;
  }

  /** A tool the build installed: its package goes into the runtime. */
  private tool(name: string): boolean {
    const provider = (TOOL_PACKAGES[this.input.distro][name] ?? []).find((pkg) => this.input.installed.includes(pkg));
    if (provider) {
      this.packages.add(provider);
    }
    return provider !== undefined;
  }

  private redirections(command: SimpleCommand, subject: string): string | undefined {
    for (const { operator, target } of command.redirections ?? []) {
      if (/^[<]/.test(operator) || (/&$/.test(operator) && /^(\d+|-)$/.test(target.value))) {
        continue; // input, or a descriptor (`2>&1`)
      }
      if (target.dynamic) {
        return `${subject} writes to \`${target.value}\`, a file named by a variable, which the split cannot make writable for the runtime's non-root user; split by hand.`;
      }
      const why = this.written(target.value, subject);
      if (why) {
        return why;
      }
    }
    return undefined;
  }

  private written(file: string, subject: string): string | undefined {
    if (/^\/(dev|proc)\//.test(file) || /^\/tmp(\/|$)/.test(file)) {
      return undefined;
    }
    const path = resolvePath(this.input.workdir, file);
    if (!file.startsWith('/') || isInside(path, this.input.workdir) || /[$*?`]/.test(file)) {
      return `${subject} writes \`${file}\` in the app's folder, which the runtime's non-root user may not write; write it to /tmp or outside the app, then split.`;
    }
    this.writes.add(path);
    return undefined;
  }
}

/** The simple commands of shell text, those in `$(...)` and backquotes too. */
function commandsOf(script: string): SimpleCommand[] {
  const commands = splitCommands(streamOf(script, 0, script.length));
  const nested: SimpleCommand[] = [];
  for (const command of commands) {
    for (const word of command.words) {
      for (const inner of substitutions(word.value)) {
        nested.push(...commandsOf(inner));
      }
    }
  }
  return [...commands, ...nested];
}

/** The commands inside `$(...)` (not `$((...))`) and backquotes of a word. */
function substitutions(word: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < word.length; i++) {
    if (word[i] === '`') {
      const close = word.indexOf('`', i + 1);
      if (close > i) {
        found.push(word.slice(i + 1, close));
        i = close;
      }
    } else if (word.startsWith('$(', i) && !word.startsWith('$((', i)) {
      let depth = 0;
      for (let j = i + 1; j < word.length; j++) {
        if (word[j] === '(') {
          depth++;
        } else if (word[j] === ')' && --depth === 0) {
          found.push(word.slice(i + 2, j));
          i = j;
          break;
        }
      }
    }
  }
  return found;
}

/** The program of a `#!` line (`/bin/sh`; `bash` for `#!/usr/bin/env bash`). */
function shebangProgram(text: string): string | undefined {
  const match = SCRIPT_SHEBANG.exec(text.split('\n', 1)[0] ?? '');
  if (!match) {
    return undefined;
  }
  return basename(match[1]) === 'env' ? match[2] : match[1];
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
