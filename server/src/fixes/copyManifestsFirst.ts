// "Copy the manifests first": for `dependency-install-after-copy`, turns
//   COPY . .            COPY package.json package-lock.json ./
//   RUN npm ci    into  RUN npm ci
//                       COPY . .
// Offered only when the build context shows it is safe: the install reads nothing but the files
// copied first (no workspaces, install scripts, local requirements, Go `replace` to a folder,
// Gemfile `gemspec`/`path:`), and nothing between the copy and the install needs the sources.
import { lineEnding } from '../core/lineEnding';
import { Add, Copy, Instruction, Run } from 'dockerfile-ast';
import { stageAt } from '../authoring/cursorContext';
import { isExecForm } from '../core/commands';
import { dependencyInstallOf } from '../rules/dependencyInstalls';
import { ShellWord, SimpleCommand, basename, commandsOf, documentText, programIndex } from '../rules/shellCommands';
import { readDockerIgnore } from './dockerIgnore';
import { BuildContext, FixContext, FixResult, fixFromPlan } from './fix';
import { minimalEdit } from './textEdits';

/** Instructions that may sit between the copy and the install: none of them reads the sources. */
const NEUTRAL = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER', 'WORKDIR']);

export const copyManifestsFirst = fixFromPlan(
  {
    id: 'copy-manifests-first',
    title: 'Copy the manifest files first, install, then copy the rest',
    forRules: ['dependency-install-after-copy'],
    isPreferred: true,
  },
  planMove,
);

/** The edit, or why it is not offered. */
function planMove({ model, text, buildContext, range }: FixContext): FixResult | string {
  const line = range?.start.line ?? -1;
  const stage = stageAt(model, line);
  const run = stage?.instructions.find((i) => i instanceof Run && i.getRange().start.line <= line && i.getRange().end.line >= line);
  if (!stage || !(run instanceof Run)) return 'No dependency install here.';
  if (!buildContext) return 'The build context is not readable here (an unsaved or remote file), so the files the install needs are not known.';
  const doc = documentText(text);
  const escape = model.dockerfile.getEscapeCharacter();
  const commands = commandsOf(run, doc, escape);
  const installs = commands.map(dependencyInstallOf);
  if (commands.length === 0 || installs.some((i) => i === undefined) || run.getHeredocs().length > 0 || isExecForm(run)) {
    return 'The RUN does more than install dependencies; move the install into a RUN of its own first.';
  }
  const index = stage.instructions.indexOf(run);
  const copyIndex = findLastIndex(stage.instructions.slice(0, index), isWholeContextCopy);
  if (copyIndex < 0) return 'The whole-context COPY is in another stage.';
  const copy = stage.instructions[copyIndex] as Copy | Add;
  const between = stage.instructions.slice(copyIndex + 1, index);
  if (between.some((i) => !NEUTRAL.has(i.getKeyword()))) {
    return 'Steps between the COPY and the install may need the sources; move the install up by hand.';
  }
  const args = copy.getArguments();
  const destination = args[args.length - 1].getValue();
  if (between.some((i) => i.getKeyword() === 'WORKDIR') && !destination.startsWith('/')) {
    return 'A WORKDIR between the COPY and the install changes where a relative destination points.';
  }
  if (!installRunsIn(destination, between)) return 'The install does not run in the folder the sources are copied to.';
  const files = new Set<string>();
  for (const command of commands) {
    const needed = manifestsFor(command, buildContext);
    if (typeof needed === 'string') return needed;
    needed.forEach((f) => files.add(f));
  }
  const ignore = readDockerIgnore(buildContext);
  const ignored = [...files].find((f) => ignore.excludes(f));
  if (ignored) return `.dockerignore leaves out ${ignored}, which the install needs.`;
  const flags = copy.getFlags().map((f) => f.toString()).join(' ');
  const target = destination === '.' ? './' : destination.endsWith('/') ? destination : `${destination}/`;
  const manifestCopy = `${copy.getKeyword()} ${flags ? `${flags} ` : ''}${[...files].join(' ')} ${target}`;
  const lines = text.split(/(?<=\n)/);
  const eol = lineEnding(text);
  const copyLines = lineSpan(copy);
  const runLines = lineSpan(run);
  const copyText = lines.slice(copyLines[0], copyLines[1] + 1).join('');
  const runText = lines.slice(runLines[0], runLines[1] + 1).join('');
  // The install was the file's last line without a newline: it gains one, the moved COPY does not.
  const runWasLast = runLines[1] + 1 >= lines.length && !runText.endsWith('\n');
  const after = [
    ...lines.slice(0, copyLines[0]),
    manifestCopy + eol,
    ...lines.slice(copyLines[1] + 1, runLines[0]),
    runWasLast ? runText + eol : runText,
    runWasLast ? copyText.replace(/\r?\n$/, '') : copyText,
    ...lines.slice(runLines[1] + 1),
  ].join('');
  const edit = minimalEdit(text, after);
  return edit ? { title: `Copy ${[...files].join(', ')} first, install, then copy the rest`, edits: [edit] } : 'Nothing to change.';
}

function lineSpan(instruction: Instruction): [number, number] {
  const r = instruction.getRange();
  return [r.start.line, r.end.line];
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

function isWholeContextCopy(instruction: Instruction): boolean {
  if (!(instruction instanceof Copy || instruction instanceof Add) || isExecForm(instruction)) return false;
  if (instruction.getFlags().some((f) => f.getName().toLowerCase() === 'from')) return false;
  const args = instruction.getArguments().map((a) => a.getValue());
  return args.length === 2 && (args[0] === '.' || args[0] === './');
}

/** The install's working folder is the copy's destination: the same WORKDIR, or a WORKDIR to it. */
function installRunsIn(destination: string, between: readonly Instruction[]): boolean {
  const workdirs = between.filter((i) => i.getKeyword() === 'WORKDIR');
  if (workdirs.length === 0) return destination === '.' || destination === './';
  const last = workdirs[workdirs.length - 1].getArguments()[0]?.getValue() ?? '';
  return last.replace(/\/+$/, '') === destination.replace(/\/+$/, '');
}

/** The files one install reads from the context, or why the move is not safe. */
function manifestsFor(command: SimpleCommand, context: BuildContext): string[] | string {
  const words = command.words.slice(programIndex(command));
  const values = words.map((w) => w.value);
  const program = basename(values[0] ?? '');
  const exists = (f: string) => context.readFile(f) !== undefined;
  if (/^(npm|yarn|pnpm)$/.test(program)) {
    const pkg = context.readFile('package.json');
    if (pkg === undefined) return 'There is no package.json beside the Dockerfile.';
    let manifest: { workspaces?: unknown; scripts?: Record<string, unknown> };
    try {
      manifest = JSON.parse(pkg) as typeof manifest;
    } catch {
      return 'package.json is not valid JSON.';
    }
    if (manifest.workspaces !== undefined || exists('pnpm-workspace.yaml') || exists('lerna.json')) return 'This is a workspace (monorepo): each workspace\'s package.json is needed too.';
    const hooks = ['preinstall', 'install', 'postinstall', 'prepare'].filter((s) => manifest.scripts?.[s] !== undefined);
    if (hooks.length > 0) return `package.json has a ${hooks[0]} script, which may need the sources.`;
    if (exists('.yarnrc.yml') || exists('.npmrc') || exists('.pnpmfile.cjs')) return 'The install reads a package-manager config file too (.npmrc, .yarnrc.yml); copy it by hand or mount it as a secret.';
    return ['package.json', ...['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'].filter(exists)];
  }
  if (/^(pip|pip3|pip[\d.]+|python[\d.]*)$/.test(program)) {
    const files = requirementFiles(words);
    if (typeof files === 'string') return files;
    for (const file of files) {
      const content = context.readFile(file);
      if (content === undefined) return `${file} is not in the build context.`;
      if (content.split(/\r?\n/).some((l) => /^\s*(-e|--editable|-r|--requirement|-c|--constraint)\b|^\s*(\.|\.\.|file:)|^\s*\S*\s*@\s*file:/.test(l))) {
        return `${file} installs a local path or includes another file; copy those by hand.`;
      }
    }
    return files;
  }
  if (program === 'go') {
    const mod = context.readFile('go.mod');
    if (mod === undefined) return 'There is no go.mod beside the Dockerfile.';
    if (/=>\s*\.{1,2}\//.test(mod) || exists('go.work')) return 'go.mod replaces a module with a local folder (or a go.work uses several), which `go mod download` needs.';
    return ['go.mod', ...(exists('go.sum') ? ['go.sum'] : [])];
  }
  if (program === 'bundle') {
    const gemfile = context.readFile('Gemfile');
    if (gemfile === undefined) return 'There is no Gemfile beside the Dockerfile.';
    if (/^\s*(gemspec|eval_gemfile)\b|path:|file:|require_relative|File\./m.test(gemfile)) return 'The Gemfile reads other files (gemspec, path:, a .ruby-version), which the install needs.';
    return ['Gemfile', ...(exists('Gemfile.lock') ? ['Gemfile.lock'] : [])];
  }
  return `No safe reordering is known for ${program}; copy its manifest files first by hand.`;
}

/** The `-r` files of a pip install, if its other arguments are only flags. */
function requirementFiles(words: readonly ShellWord[]): string[] | string {
  const values = words.map((w) => w.value);
  const start = values.indexOf('install') + 1;
  const files: string[] = [];
  for (let i = start; i < values.length; i++) {
    const v = values[i];
    const inline = /^(?:-r|--requirement=)(\S+)$/.exec(v);
    if (v === '-r' || v === '--requirement') {
      files.push(values[++i] ?? '');
    } else if (inline) {
      files.push(inline[1]);
    } else if (!v.startsWith('-')) {
      return 'The pip install also installs a package or path besides its requirements files.';
    } else if (/^(-c|--constraint|-e|--editable|-i|--index-url|--extra-index-url|-f|--find-links)$/.test(v)) {
      return 'The pip install reads other files or options with values; reorder it by hand.';
    }
  }
  if (files.some((f) => f === '' || f.includes('/') || f.includes('$'))) return 'A requirements file is in a subfolder or named by a variable; copy it by hand.';
  return files;
}
