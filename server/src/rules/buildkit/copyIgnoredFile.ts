// CopyIgnoredFile: a COPY/ADD source from the build context that the context's `.dockerignore`
// leaves out, so the build fails or copies less than written. Quiet where unsure: without a
// `.dockerignore` beside the Dockerfile, and on sources with wildcards, variables or URLs, and
// on the context root itself (`COPY . .` copies what is left, as meant).
import { Instruction } from 'dockerfile-ast';
import { buildKitCheck, stageInstructionsOf } from './check';

const UNSURE = /[*?[\]$]|^[a-z][a-z0-9+.-]*:\/\/|^git@/i;

/** The context-relative path of a source, or undefined when it is not one we can judge. */
function contextPath(source: string): string | undefined {
  if (UNSURE.test(source)) {
    return undefined;
  }
  const relative = source.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '');
  return relative === '' || relative === '.' ? undefined : relative;
}

function copiesFromContext(instruction: Instruction): boolean {
  return !/(^|\s)--from=/i.test(instruction.getTextContent()) && !(instruction.getRawArgumentsContent() ?? '').includes('<<');
}

export const copyIgnoredFile = buildKitCheck('CopyIgnoredFile', 'Attempting to Copy file that is excluded by .dockerignore.', ({ model, dockerIgnore }) => {
  if (!dockerIgnore) {
    return [];
  }
  return stageInstructionsOf(model, ['COPY', 'ADD'])
    .filter(copiesFromContext)
    .flatMap((instruction) => {
      const words = instruction.getArguments().filter((argument) => !argument.getValue().startsWith('--'));
      return words.slice(0, -1).flatMap((source) => {
        const relative = contextPath(source.getValue());
        // A `!` line that brings back files beneath a copied folder: Docker sends those (unsure).
        if (relative === undefined || !dockerIgnore.excludes(relative) || dockerIgnore.reincludesUnder?.(relative)) {
          return [];
        }
        return [
          {
            range: source.getRange(),
            message: `Attempting to ${instruction.getKeyword() === 'ADD' ? 'Add' : 'Copy'} file "${source.getValue()}" that is excluded by .dockerignore: the builder does not have it. Remove the pattern from .dockerignore (or add !${relative}), or drop the source.`,
          },
        ];
      });
    });
});
