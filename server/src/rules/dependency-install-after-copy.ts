import { Add, Copy, Instruction, JSONInstruction, Run } from 'dockerfile-ast';
import { isExecForm } from '../core/commands';
import { Stage } from '../core/stages';
import { DependencyInstall, dependencyInstallOf } from './dependencyInstalls';
import { Rule, RuleResult } from './rule';
import { DocumentText, commandsOf, documentText, execFormArguments } from './shellCommands';

/**
 * A dependency install after `COPY . .` in the same stage (or a stage it is built FROM): every
 * source edit changes that layer, so Docker runs the install again from nothing. Quiet when the
 * install uses a cache mount or bind-mounts what it reads (`docker init` does both).
 */
export const dependencyInstallAfterCopy: Rule = {
  id: 'dependency-install-after-copy',
  description: 'A dependency install runs after the whole build context is copied, so every source change reinstalls every dependency.',
  defaultSeverity: 'information',
  check({ model, text }) {
    const doc = documentText(text);
    const escape = model.dockerfile.getEscapeCharacter();
    const results: RuleResult[] = [];
    // The first whole-context copy a stage has, inherited ones included: a stage reads its own
    // instructions and takes over its FROM stage's answer, so a chain of stages stays linear.
    const copyAllAtEnd = new Map<Stage, string | undefined>();
    for (const stage of model.stages) {
      const parent = stage.base.kind === 'stage' && stage.base.stage.index < stage.index ? stage.base.stage : undefined;
      let copyAll = parent ? copyAllAtEnd.get(parent) : undefined;
      for (const instruction of stage.instructions) {
        if (!copyAll) {
          copyAll = wholeContextCopy(instruction, doc);
          continue;
        }
        if (!(instruction instanceof Run) || mountsDependencies(instruction)) continue;
        let install: DependencyInstall | undefined;
        for (const command of commandsOf(instruction, doc, escape)) {
          install = dependencyInstallOf(command);
          if (install) break;
        }
        if (install) {
          results.push({
            range: doc.rangeOf(install.word.start, install.word.end),
            message: `${install.what} runs after \`${copyAll}\` copied the whole build context, so any source change reruns it from nothing: copy ${install.manifests} first, install, then copy the rest (or use \`RUN --mount=type=cache\`).`,
          });
        }
      }
      copyAllAtEnd.set(stage, copyAll);
    }
    return results;
  },
};

/** `COPY . <dest>` / `ADD ./ <dest>` without --from, as written; undefined otherwise. */
export function wholeContextCopy(instruction: Instruction, doc: DocumentText): string | undefined {
  if (!(instruction instanceof Copy || instruction instanceof Add) || instruction.getFlags().some((f) => f.getName().toLowerCase() === 'from')) {
    return undefined;
  }
  const words = isExecForm(instruction) ? execFormArguments(instruction as JSONInstruction, doc).map((a) => a.word.value) : instruction.getArguments().map((a) => a.getValue());
  const sources = words.slice(0, -1);
  return sources.length > 0 && sources.some((s) => s === '.' || s === './') ? `${instruction.getKeyword()} ${words.join(' ')}` : undefined;
}

/** `--mount=type=cache` or `--mount=type=bind`: the install does not depend on the copied layer for its speed or its input. */
function mountsDependencies(run: Run): boolean {
  return run.getFlags().some((flag) => flag.getName().toLowerCase() === 'mount' && /(^|,)type=(cache|bind)(,|$)/.test(flag.getValue() ?? ''));
}
