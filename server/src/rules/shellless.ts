// What a shell-less stage can run: the programs its image ships (its entrypoint) and the files
// COPY/ADD put into it. Shared by the rules on RUN, CMD/ENTRYPOINT and HEALTHCHECK.
import { Add, Copy, Env, Instruction, JSONInstruction } from 'dockerfile-ast';
import { Language } from '../catalog/facts';
import { isExecForm } from '../core/commands';
import { rememberAnswer, rememberOn, rememberedOn } from '../core/memo';
import { Stage, inheritedInstructions, resolveBaseImage } from '../core/stages';
import { DocumentText, basename, execFormArguments } from './shellCommands';
import { isShellless, stageImage } from './support';

/** The directories of the default `PATH` in distroless and most Linux images. */
export const DEFAULT_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Names that start a language runtime: `python3` for `/usr/bin/python3.13`, `nodejs`, `java`. */
export const RUNTIME_NAMES: Record<Language, RegExp> = {
  python: /^python(3(\.\d+)?)?$/,
  node: /^(node|nodejs)$/,
  java: /^java$/,
  dotnet: /^dotnet$/,
};

/** Shell-less, and no `SHELL` anywhere in its `FROM <stage>` chain brings a shell in. */
export function stageHasNoShell(stage: Stage): boolean {
  return isShellless(stage) && !inheritedInstructions(stage).some((i) => i.getKeyword() === 'SHELL');
}

/** The effective ENTRYPOINT of a stage, and the effective CMD it is given. */
export interface StartCommand {
  entrypoint?: Instruction;
  cmd?: Instruction;
  /** The image's entrypoint when no ENTRYPOINT instruction sets one; undefined: not known. */
  imageEntrypoint?: string[];
}

const START_COMMAND = Symbol('startCommand');

/**
 * Follows Docker's rules over a `FROM <stage>` chain: the last ENTRYPOINT and CMD win, and an
 * ENTRYPOINT in a stage that sets no CMD itself resets the CMD it inherited. Remembered on the
 * stage (core/memo.ts): about ten rules ask for the runtime stage's.
 */
export function startCommand(stage: Stage): Readonly<StartCommand> {
  return rememberOn(stage, START_COMMAND, () => findStartCommand(stage));
}

function findStartCommand(stage: Stage): StartCommand {
  const result: StartCommand = {};
  const chain = resolveBaseImage(stage).chain.reverse();
  for (const s of chain) {
    const entrypoints = s.instructions.filter((i) => i.getKeyword() === 'ENTRYPOINT');
    const cmds = s.instructions.filter((i) => i.getKeyword() === 'CMD');
    if (entrypoints.length > 0) {
      result.entrypoint = entrypoints[entrypoints.length - 1];
      if (cmds.length === 0) result.cmd = undefined;
    }
    if (cmds.length > 0) result.cmd = cmds[cmds.length - 1];
  }
  if (!result.entrypoint) {
    result.imageEntrypoint = stageImage(stage)?.lookup.facts.entrypoint;
  }
  return result;
}

/** The last instruction with this keyword over the stage's `FROM <stage>` chain. */
export function lastInChain(stage: Stage, keyword: string): Instruction | undefined {
  // From the end, without a filtered copy: asked for every file.
  const instructions = inheritedInstructions(stage);
  for (let index = instructions.length - 1; index >= 0; index--) {
    if (instructions[index].getKeyword() === keyword) return instructions[index];
  }
  return undefined;
}

/** True when `word` names the same program as the image's entrypoint `program`. */
export function sameProgram(word: string, program: string, language: Language | undefined): boolean {
  if (word === program) {
    return true;
  }
  const name = basename(word);
  const sameName = name === basename(program) || (language !== undefined && RUNTIME_NAMES[language].test(name) && RUNTIME_NAMES[language].test(basename(program)));
  return sameName && (!word.includes('/') || dirname(word) === dirname(program));
}

/**
 * The words after the image's whole ENTRYPOINT when `words` repeat it (`java -jar app.jar` on
 * `java -jar` gives `app.jar`; `[]` when nothing follows), else undefined (`java -cp ...`).
 */
export function afterRepeatedEntrypoint(words: string[], entrypoint: string[], language: Language | undefined): string[] | undefined {
  const repeats =
    entrypoint.length > 0 &&
    words.length >= entrypoint.length &&
    sameProgram(words[0], entrypoint[0], language) &&
    entrypoint.slice(1).every((word, i) => words[i + 1] === word);
  return repeats ? words.slice(entrypoint.length) : undefined;
}

/**
 * Whether `program` exists in the stage when `before` runs: the image's entrypoint program
 * (a bare name only when its directory is on the default PATH), or a file COPY/ADD put there
 * (any file under a copied directory counts: we cannot see inside it).
 */
export function programExists(program: string, stage: Stage, before: Instruction, doc: DocumentText): boolean {
  const image = stageImage(stage);
  const entrypoint = image?.lookup.facts.entrypoint?.[0];
  if (entrypoint && sameProgram(program, entrypoint, image?.lookup.facts.runtime?.language)) {
    if (program.includes('/') || DEFAULT_PATH.includes(dirname(entrypoint))) {
      return true;
    }
  }
  const files = stageFiles(stage, doc);
  const at = files.before.get(before);
  if (!at) {
    return false;
  }
  const copiedBefore = (path: string) => ancestors(path).some((p) => (files.copied.get(p) ?? Infinity) < at.copies);
  if (!program.includes('/')) {
    return (files.names.get(program) ?? Infinity) < at.copies || files.pathDirs.slice(0, at.pathDirs).some(copiedBefore);
  }
  return copiedBefore(program.startsWith('/') ? normalize(program) : joinPath(at.workdir, program));
}

/** What COPY/ADD, WORKDIR and ENV PATH did over a stage's chain, indexed by instruction. */
interface StageFiles {
  /** Copied path → number of the COPY that created it (destinations, and sources' names in them). */
  copied: Map<string, number>;
  /** Copied file name → number of the COPY that created it. */
  names: Map<string, number>;
  pathDirs: string[];
  /** For each instruction: how many COPYs and PATH entries came before it, and its WORKDIR. */
  before: Map<Instruction, { copies: number; pathDirs: number; workdir: string }>;
}

const FILES = Symbol('stageFiles');

function stageFiles(stage: Stage, doc: DocumentText): StageFiles {
  const cached = rememberedOn<StageFiles>(stage, FILES);
  if (cached) {
    return cached;
  }
  const files: StageFiles = { copied: new Map(), names: new Map(), pathDirs: [], before: new Map() };
  let workdir = stageImage(stage)?.lookup.facts.workdir ?? '/';
  let copies = 0;
  const record = (path: string) => {
    if (!files.copied.has(path)) files.copied.set(path, copies);
    if (!files.names.has(basename(path))) files.names.set(basename(path), copies);
  };
  for (const instruction of inheritedInstructions(stage)) {
    files.before.set(instruction, { copies, pathDirs: files.pathDirs.length, workdir });
    if (instruction.getKeyword() === 'WORKDIR') {
      workdir = joinPath(workdir, instruction.getArgumentsContent()?.trim() ?? '');
    } else if (instruction instanceof Env) {
      for (const property of instruction.getProperties()) {
        if (property.getName() === 'PATH') files.pathDirs.push(...(property.getValue() ?? '').split(':').filter((d) => d.startsWith('/')).map(normalize));
      }
    } else if (instruction instanceof Copy || instruction instanceof Add) {
      const words = isExecForm(instruction) ? execFormArguments(instruction as JSONInstruction, doc).map((a) => a.word.value) : instruction.getArguments().map((a) => a.getValue());
      if (words.length < 2) continue;
      const destination = words[words.length - 1];
      const target = joinPath(workdir, destination);
      record(target);
      if (destination.endsWith('/') || destination === '.' || words.length > 2) {
        for (const source of words.slice(0, -1)) record(joinPath(target, basename(source.replace(/\/+$/, ''))));
      }
      copies++;
    }
  }
  rememberAnswer(stage, FILES, files);
  return files;
}

/** `/a/b/c`, `/a/b`, `/a` (a copied directory contains everything under it). */
function ancestors(path: string): string[] {
  const found: string[] = [];
  for (let p = path; p !== '/' && p !== ''; p = dirname(p)) found.push(p);
  return found;
}

function joinPath(base: string, path: string): string {
  if (path.startsWith('/')) return normalize(path);
  return normalize(`${base}/${path}`);
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

export function dirname(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}
