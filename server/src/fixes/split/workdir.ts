// Tracking a stage's working directory, so relative paths in RUN and CMD can be made absolute.
import { Instruction } from 'dockerfile-ast';
import * as path from 'node:path';

/** The working directory after each instruction of a stage, starting from the image's default. */
export function workdirAfter(instructions: readonly Instruction[], initial: string, upTo?: Instruction): string {
  let current = initial;
  for (const instruction of instructions) {
    if (instruction === upTo) {
      break;
    }
    if (instruction.getKeyword() === 'WORKDIR') {
      const target = (instruction.getArgumentsContent() ?? '').trim();
      if (target !== '') {
        current = path.posix.resolve(current, target);
      }
    }
  }
  return current;
}

export function resolvePath(workdir: string, target: string): string {
  return path.posix.resolve(workdir, target);
}
