import { Instruction, JSONInstruction, Run } from 'dockerfile-ast';
import { lookupImage } from '../catalog/catalog';
import { isExecForm } from '../core/commands';
import { parseImageReference } from '../core/imageReference';
import { Stage } from '../core/stages';
import { Rule, RuleResult } from './rule';
import { SHELLS, basename, commandStart, documentText, execFormArguments } from './shellCommands';
import { programExists, stageHasNoShell } from './shellless';
import { stageImage } from './support';

/**
 * Checks every shell-less stage, not only the runtime one: a RUN fails the same way in any
 * stage that gets built, and a shell-less build stage is as broken as a shell-less runtime.
 */
export const runInShelllessStage: Rule = {
  id: 'run-in-shellless-stage',
  description: 'RUN in a stage whose image has no shell (distroless, scratch, chiseled): the build fails.',
  defaultSeverity: 'error',
  check({ model, text }) {
    const doc = documentText(text);
    const results: RuleResult[] = [];
    for (const stage of model.stages) {
      if (!stageHasNoShell(stage)) {
        continue;
      }
      const image = stageImage(stage)?.image.text ?? stage.baseText;
      for (const instruction of stage.instructions) {
        if (!(instruction instanceof Run) || !commandStart(instruction) || mountBringsShell(instruction, stage)) {
          continue;
        }
        const fix = 'Move this step into the builder stage and COPY --from the result.';
        if (isExecForm(instruction)) {
          const program = execFormArguments(instruction as JSONInstruction, doc)[0]?.word.value;
          if (!program || programExists(program, stage, instruction, doc)) {
            continue;
          }
          // Only a shell is known to be missing from an image whose contents the catalog does
          // not describe (no known entrypoint): `RUN ["java", ...]` may well work there.
          if (!SHELLS.test(basename(program)) && stageImage(stage)?.lookup.facts.entrypoint === undefined) {
            continue;
          }
          results.push({
            range: instruction.getInstructionRange(),
            message: `RUN runs ${program}, which ${image} does not have and no COPY put there: the build fails. ${fix}`,
          });
          continue;
        }
        results.push({
          range: instruction.getInstructionRange(),
          message: `RUN needs /bin/sh and ${image} has no shell: the build fails. ${fix}`,
        });
      }
    }
    return results;
  },
};

/**
 * `RUN --mount=from=busybox,...`, or a bind mount of a shell (`source=/busybox`, `target=/bin`):
 * the step brings its own shell, so we stay quiet.
 */
function mountBringsShell(run: Instruction, stage: Stage): boolean {
  const flags = run instanceof Run ? run.getFlags().filter((flag) => flag.getName().toLowerCase() === 'mount') : [];
  return flags.some((flag) =>
    flag.getOptions().some((option) => {
      const name = option.getName().toLowerCase();
      const value = option.getValue() ?? '';
      if (name === 'from') {
        return fromHasShell(value, run, stage);
      }
      if (['source', 'src', 'target', 'dst', 'destination'].includes(name)) {
        return /busybox|(^|\/)(sh|bash)$/.test(value) || /^\/(usr\/)?bin\/?$/.test(value);
      }
      return false;
    }),
  );
}

function fromHasShell(value: string, run: Instruction, stage: Stage): boolean {
  const reference = stage.references.find((r) => r.instruction === run && r.value === value);
  if (reference?.target) {
    return !stageHasNoShell(reference.target);
  }
  const image = parseImageReference(value);
  // An image we do not know, or an `${ARG}`: assume it brings what the author needs.
  return !image || lookupImage(image).facts.hasShell !== false;
}
