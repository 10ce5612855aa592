import { Add, Copy, Instruction, JSONInstruction } from 'dockerfile-ast';
import { isExecForm } from '../core/commands';
import { Stage } from '../core/stages';
import { BuildKind, compileKind, interpreterOf, isDevelopmentStageName } from './buildTools';
import { Rule, RuleResult } from './rule';
import { DocumentText, SimpleCommand, commandsOf, documentText, execFormArguments } from './shellCommands';
import { startCommand } from './shellless';
import { stageImage } from './support';

/**
 * `COPY . .` into the runtime stage when a builder compiles the application: the sources are
 * not needed at run time. Interpreted applications (Python, Ruby, PHP, Node without a build
 * step) run their sources, so copying them is right and the rule stays quiet there.
 */
export const sourcesInRuntime: Rule = {
  id: 'sources-in-runtime',
  description: 'The runtime stage copies the whole build context although a builder stage compiles it.',
  defaultSeverity: 'warning',
  productionOnly: true,
  check({ model, runtimeStage, text }) {
    if (model.stages.length < 2 || !runtimeStage || isDevelopmentStageName(runtimeStage.name)) {
      return [];
    }
    const lookup = stageImage(runtimeStage)?.lookup;
    if (lookup?.kind === 'windows') {
      return [];
    }
    const doc = documentText(text);
    const escape = model.dockerfile.getEscapeCharacter();
    const copies = runtimeStage.instructions.flatMap((instruction) => contextCopy(instruction, doc));
    if (copies.length === 0) {
      return [];
    }
    const builder = compilingStage(model.stages, runtimeStage, doc, escape);
    if (!builder) {
      return [];
    }
    const imageLanguage = { node: 'js', python: 'script' } as const;
    const fromImage = lookup?.facts.runtime?.language;
    const language = runtimeLanguage(runtimeStage, doc, escape) ?? (fromImage === 'node' || fromImage === 'python' ? imageLanguage[fromImage] : undefined);
    if (language === 'script' || (language === 'js' && builder.kind === 'native')) {
      return [];
    }
    const name = builder.stage.name ?? String(builder.stage.index);
    return copies.map(
      (copy): RuleResult => ({
        range: copy.range,
        message: `${copy.keyword} ${copy.source} puts the whole build context (sources included) into the runtime stage, but stage ${name} builds the application: copy the artifacts from it instead (COPY --from=${name} ...).`,
      }),
    );
  },
};

interface ContextCopy {
  keyword: string;
  source: string;
  range: ReturnType<DocumentText['rangeOf']>;
}

/** `COPY . <dest>` or `ADD ./ <dest>` (no --from): the whole build context. */
function contextCopy(instruction: Instruction, doc: DocumentText): ContextCopy[] {
  if (!(instruction instanceof Copy || instruction instanceof Add)) {
    return [];
  }
  if (instruction.getFlags().some((flag) => flag.getName().toLowerCase() === 'from')) {
    return [];
  }
  const words = isExecForm(instruction)
    ? execFormArguments(instruction as JSONInstruction, doc).map((a) => a.word)
    : instruction.getArguments().map((a) => ({ value: a.getValue(), start: doc.offsetAt(a.getRange().start), end: doc.offsetAt(a.getRange().end) }));
  const sources = words.slice(0, -1);
  if (sources.length === 0 || !sources.every((s) => s.value === '.' || s.value === './')) {
    return [];
  }
  return [{ keyword: instruction.getKeyword(), source: sources[0].value, range: doc.rangeOf(sources[0].start, sources[0].end) }];
}

function compilingStage(stages: Stage[], runtime: Stage, doc: DocumentText, escape: string): { stage: Stage; kind: BuildKind } | undefined {
  let found: { stage: Stage; kind: BuildKind } | undefined;
  for (const stage of stages) {
    if (stage === runtime) continue;
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      for (const command of commandsOf(instruction, doc, escape)) {
        const kind = compileKind(command);
        if (kind === 'native') return { stage, kind };
        if (kind && !found) found = { stage, kind };
      }
    }
  }
  return found;
}

/** What the runtime stage starts or installs: Python/Ruby/PHP-like sources, JavaScript, or unknown. */
function runtimeLanguage(stage: Stage, doc: DocumentText, escape: string): 'script' | 'js' | undefined {
  const { entrypoint, cmd } = startCommand(stage);
  const commands: SimpleCommand[] = [];
  for (const instruction of [entrypoint, cmd]) {
    if (instruction) commands.push(...commandsOf(instruction, doc, escape));
  }
  for (const instruction of stage.instructions) {
    if (instruction.getKeyword() === 'RUN') commands.push(...commandsOf(instruction, doc, escape));
  }
  return commands.map(interpreterOf).find((language) => language !== undefined);
}
