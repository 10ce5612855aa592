// Tracking a stage's working directory, so relative paths in RUN and CMD can be made absolute.
import { Instruction } from 'dockerfile-ast';
import * as path from 'node:path';

/** The working directory after `instruction`, given the one before it. */
export function nextWorkdir(current: string, instruction: Instruction): string {
  if (instruction.getKeyword() !== 'WORKDIR') {
    return current;
  }
  const target = (instruction.getArgumentsContent() ?? '').trim();
  return target === '' ? current : path.posix.resolve(current, target);
}

export function resolvePath(workdir: string, target: string): string {
  return path.posix.resolve(workdir, target);
}
