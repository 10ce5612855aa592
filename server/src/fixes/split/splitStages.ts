// "Split into build and distroless runtime stages": the original stage becomes the builder,
// and a new final stage copies only the artifacts a recipe names. Invariant: every original
// instruction stays in the builder, moves to the runtime, or is replaced by a stated
// equivalent (shell-form CMD becomes exec form); comments and blank lines are kept.
import { Instruction } from 'dockerfile-ast';
import { execFormWords, formatExecForm, isExecForm, shellToExecForm } from '../../core/commands';
import { Stage } from '../../core/stages';
import { Fix } from '../fix';
import { LineDocument, minimalEdit } from '../textEdits';
import { SplitPlan, SplitRecipe } from './recipe';
import { goRecipe } from './recipes/go';

export const SPLIT_RECIPES: readonly SplitRecipe[] = [goRecipe];

const DEFAULT_BUILDER_NAME = 'build';

/** Instructions that only describe the final image: they move to the runtime stage. */
const RUNTIME_ONLY = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'HEALTHCHECK', 'VOLUME', 'MAINTAINER']);
/** Instructions the build may need and the runtime needs too: copied, not moved. */
const SHARED = new Set(['ENV']);

export const splitIntoStages: Fix = {
  id: 'split-into-stages',
  title: 'Split into build and distroless runtime stages',
  forRules: ['single-stage-build'],
  alsoAsRefactoring: true,
  isPreferred: true,
  compute({ model, text }) {
    if (model.stages.length !== 1) {
      return undefined;
    }
    const stage = model.stages[0];
    for (const recipe of SPLIT_RECIPES) {
      const plan = recipe.plan(stage, model);
      if (!plan) {
        continue;
      }
      const rewritten = rewrite(text, stage, plan);
      const edit = rewritten === undefined ? undefined : minimalEdit(text, rewritten);
      return edit ? { edits: [edit] } : undefined;
    }
    return undefined;
  },
};

function rewrite(text: string, stage: Stage, plan: SplitPlan): string | undefined {
  const document = new LineDocument(text);
  const lines = document.lines;
  const moved = stage.instructions.filter((instruction) => RUNTIME_ONLY.has(instruction.getKeyword()));
  const shared = stage.instructions.filter((instruction) => SHARED.has(instruction.getKeyword()));

  const commands = runtimeCommands(moved, plan);
  if (!commands) {
    return undefined;
  }

  const movedLines = new Set<number>();
  const runtimeBody: string[] = [];
  for (const instruction of moved) {
    const span = spanWithLeadingComments(lines, instruction);
    for (let line = span.first; line <= span.last; line++) {
      movedLines.add(line);
    }
    const replacement = commands.replacements.get(instruction);
    runtimeBody.push(...(replacement ?? lines.slice(span.first, span.last + 1)));
  }

  const builderName = stage.name ?? DEFAULT_BUILDER_NAME;
  const fromEnd = stage.from.getRange().end.line;
  const builder: string[] = [];
  lines.forEach((line, index) => {
    if (movedLines.has(index)) {
      return;
    }
    builder.push(index === imageLine(stage) && !stage.name ? nameStage(line, stage, builderName) : line);
    if (index === fromEnd) {
      builder.push(...plan.builderSetup);
    }
  });
  while (builder.length > 0 && builder[builder.length - 1].trim() === '') {
    builder.pop();
  }

  const runtime = [
    '',
    `# ${plan.runtimeNote}`,
    `FROM ${plan.runtimeImage}`,
    ...(plan.workdir !== '/' ? [`WORKDIR ${plan.workdir}`] : []),
    ...plan.artifacts.map((artifact) => `COPY --from=${builderName} ${artifact.source} ${artifact.target}`),
    ...shared.flatMap((instruction) => instructionLines(lines, instruction)),
    `USER ${plan.runtimeUser}`,
    ...runtimeBody,
  ];
  if (!moved.some((instruction) => ['CMD', 'ENTRYPOINT'].includes(instruction.getKeyword()))) {
    runtime.push(`ENTRYPOINT ${formatExecForm([plan.artifacts[0].target])}`);
  }
  return document.join([...builder, ...runtime]);
}

/** The start commands of the runtime: exec-form words, plus the rewritten lines of shell-form ones. */
interface RuntimeCommands {
  /** Replacement lines for shell-form CMD/ENTRYPOINT (there is no shell to run them). */
  replacements: Map<Instruction, string[]>;
}

/**
 * Undefined when a start command cannot work on the runtime image: shell features, a program
 * that is not one of the artifacts, a HEALTHCHECK that needs curl or a shell.
 */
function runtimeCommands(moved: Instruction[], plan: SplitPlan): RuntimeCommands | undefined {
  const replacements = new Map<Instruction, string[]>();
  const words = new Map<Instruction, string[]>();
  for (const instruction of moved) {
    const keyword = instruction.getKeyword();
    const content = (instruction.getArgumentsContent() ?? '').trim();
    if (keyword === 'HEALTHCHECK' && content.toUpperCase() !== 'NONE') {
      return undefined; // left to a human: probes need tools the runtime lacks
    }
    if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') {
      continue;
    }
    if (isExecForm(instruction)) {
      words.set(instruction, execFormWords(instruction));
      continue;
    }
    const converted = shellToExecForm(content);
    if (!converted) {
      return undefined;
    }
    words.set(instruction, converted);
    replacements.set(instruction, [`${keyword} ${formatExecForm(converted)}`]);
  }
  if (plan.runtimeEntrypoint.length === 0 && !startsAnArtifact(moved, words, plan)) {
    return undefined;
  }
  return { replacements };
}

/** With no image entrypoint, the container's first word must be one of the copied artifacts. */
function startsAnArtifact(moved: Instruction[], words: Map<Instruction, string[]>, plan: SplitPlan): boolean {
  const last = (keyword: string) => moved.filter((i) => i.getKeyword() === keyword).pop();
  const first = last('ENTRYPOINT') ?? last('CMD');
  if (!first) {
    return true; // the fix adds ENTRYPOINT [artifact]
  }
  const program = words.get(first)?.[0];
  if (!program) {
    return false;
  }
  const bare = program.replace(/^\.\//, '');
  return plan.artifacts.some((artifact) => artifact.target === program || artifact.target.endsWith(`/${bare}`));
}

function instructionLines(lines: string[], instruction: Instruction): string[] {
  const range = instruction.getRange();
  return lines.slice(range.start.line, range.end.line + 1);
}

/** An instruction's lines plus the comment lines directly above it (they describe it). */
function spanWithLeadingComments(lines: string[], instruction: Instruction): { first: number; last: number } {
  const range = instruction.getRange();
  let first = range.start.line;
  while (first > 0 && /^\s*#/.test(lines[first - 1])) {
    first--;
  }
  return { first, last: range.end.line };
}

function imageLine(stage: Stage): number {
  return (stage.from.getImageRange() ?? stage.from.getRange()).end.line;
}

/** Appends `AS <name>` right after the image reference on its line. */
function nameStage(line: string, stage: Stage, name: string): string {
  const imageEnd = (stage.from.getImageRange() ?? stage.from.getRange()).end.character;
  return `${line.slice(0, imageEnd)} AS ${name}${line.slice(imageEnd)}`;
}
