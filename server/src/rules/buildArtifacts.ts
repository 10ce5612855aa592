// What a build stage produces and what a COPY takes from it: the paths of COPY/ADD, the working
// directory each instruction runs in, and the text of the commands (heredocs included). Shared by
// the image-compatibility rules (builder-runtime-mismatch, runtime-missing-base-files,
// root-owned-path-in-nonroot-runtime).
import { Instruction } from 'dockerfile-ast';
import { execFormWords, isExecForm } from '../core/commands';
import { Stage, StageModel, inheritedInstructions } from '../core/stages';
import { Range } from '../core/types';

export interface CopyPaths {
  sources: string[];
  destination: string;
  destinationRange: Range;
}

/** Sources and destination of a COPY or ADD (flags left out); undefined for heredoc COPY or too few words. */
export function copyPaths(instruction: Instruction): CopyPaths | undefined {
  const keyword = instruction.getKeyword();
  if (keyword !== 'COPY' && keyword !== 'ADD') {
    return undefined;
  }
  const words = isExecForm(instruction) ? execFormWords(instruction) : instruction.getArguments().map((argument) => argument.getValue());
  const ranges = isExecForm(instruction) ? undefined : instruction.getArguments().map((argument) => argument.getRange());
  if (words.length < 2 || words.some((word) => word.startsWith('<<'))) {
    return undefined;
  }
  const destination = unquote(words[words.length - 1]);
  const destinationRange = ranges?.[ranges.length - 1] ?? instruction.getRange();
  return { sources: words.slice(0, -1).map(unquote), destination, destinationRange };
}

function unquote(word: string): string {
  return word.replace(/^(["'])(.*)\1$/, '$2');
}

/** Joins a path onto a directory the way Docker resolves WORKDIR and COPY destinations. */
export function resolvePath(directory: string, path: string): string {
  const joined = path.startsWith('/') ? path : `${directory.replace(/\/+$/, '')}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return '/' + parts.join('/');
}

/**
 * Each instruction of the stage and the stages it builds on, oldest first, with the WORKDIR it
 * runs in (`initial` before any WORKDIR: the image's own, else `/`).
 */
export function withWorkdirs(stage: Stage, initial = '/'): { instruction: Instruction; workdir: string }[] {
  let workdir = initial;
  return inheritedInstructions(stage).map((instruction) => {
    if (instruction.getKeyword() === 'WORKDIR') {
      const argument = (instruction.getArgumentsContent() ?? '').trim();
      if (argument !== '') {
        workdir = resolvePath(workdir, unquote(argument));
      }
    }
    return { instruction, workdir };
  });
}

/** The arguments as written (heredoc bodies included), or the exec-form words joined. */
export function instructionText(instruction: Instruction): string {
  return isExecForm(instruction) ? execFormWords(instruction).join(' ') : (instruction.getArgumentsContent() ?? '');
}

/** Every RUN, ENV and ARG text of a stage and what it builds on, plus the global ARGs. */
export function buildText(stage: Stage, model: StageModel): string {
  const relevant = [...model.preamble, ...inheritedInstructions(stage)].filter((instruction) => ['RUN', 'ENV', 'ARG'].includes(instruction.getKeyword()));
  return relevant.map(instructionText).join('\n');
}

/** True when `path` is `directory` or lies inside it. */
export function isInside(path: string, directory: string): boolean {
  return directory === '/' || path === directory || path.startsWith(directory.replace(/\/+$/, '') + '/');
}

/** A COPY source as an absolute path in the stage it copies from (`COPY --from` paths start at `/`). */
export function sourcePath(source: string): string {
  return resolvePath('/', source);
}
