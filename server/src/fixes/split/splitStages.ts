// "Split into build and distroless runtime stages": the original stage becomes the builder,
// and a new final stage copies only the artifacts a recipe names. Invariant: every original
// instruction stays in the builder, moves to the runtime, or is replaced by a stated
// equivalent (shell-form CMD becomes exec form); comments and blank lines are kept.
import { Env, Instruction } from 'dockerfile-ast';
import { execFormWords, formatExecForm, isExecForm, shellToExecForm } from '../../core/commands';
import { Stage, StageModel } from '../../core/stages';
import { Fix, FixContext, FixResult } from '../fix';
import { LineDocument, minimalEdit } from '../textEdits';
import { Declined, SplitPlan, StartCommand, StartKeyword, builderNameOf, decline, isDeclined } from './recipe';
import { SPLIT_RECIPES } from './recipes';
import { rootOnlyStart } from './rootOnlyStart';
import { composeMountNotes } from './composeMounts';
import { skaffoldSyncNotes } from './skaffoldSync';
import { homeChangeNotes, userChangeNotes } from './userChange';
import { digestNotes, endedRuntimeNotes, frozenReleaseNotes } from './imageNotes';
import { composeStartDecline, leftToolStartNotes } from './composeCommands';
import { argumentsInEffect, withArgPaths } from './argPaths';
import { SPLIT_TITLE, splitTitle } from './splitTitle';

/** Helm/Go/Jinja-style placeholders: the file is generated, and not a Dockerfile yet. */
const TEMPLATE = /\{\{|\{%/;

/** Instructions that only describe the final image: they move to the runtime stage. */
const RUNTIME_ONLY = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'HEALTHCHECK', 'VOLUME', 'MAINTAINER']);
/** Instructions the build may need and the runtime needs too: copied, not moved. */
const SHARED = new Set(['ENV']);
/** Variables only compilers and build tools read: an ENV of nothing else stays in the builder. */
const BUILD_ONLY_VARIABLES = /^(RUSTFLAGS|RUSTDOCFLAGS|CARGO_\w+|RUSTUP_\w+|GO111MODULE|GOFLAGS|GOPROXY|GOPRIVATE|GONOSUMDB|GONOPROXY|GOSUMDB|GOCACHE|GOMODCACHE|GOTOOLCHAIN|CGO_\w+|MAVEN_OPTS|MAVEN_CONFIG|GRADLE_OPTS|GRADLE_USER_HOME|DEBIAN_FRONTEND|DOTNET_CLI_TELEMETRY_OPTOUT|DOTNET_SKIP_FIRST_TIME_EXPERIENCE|DOTNET_NOLOGO|NUGET_XMLDOC_MODE|CFLAGS|CXXFLAGS|CPPFLAGS|LDFLAGS|MAKEFLAGS|CC|CXX)$/;

export const splitIntoStages: Fix = {
  id: 'split-into-stages',
  title: SPLIT_TITLE,
  forRules: ['single-stage-build'],
  alsoAsRefactoring: true,
  isPreferred: true,
  compute: (context) => planSplit(context).results,
  whyNotOffered: (context) => planSplit(context).declined,
};

/** What the split makes of a document: its variants, or why a recipe that knows the build declines. */
export interface SplitOutcome {
  /** The recipe that recognised the build (undefined: none did). */
  ecosystem?: string;
  results: FixResult[];
  declined?: string;
  /** The declining recipe found nothing to build: there is nothing to split by nature (`Declined.nothingToBuild`). */
  nothingToBuild?: true;
}

/** The last outcome: a code action request asks for the variants and then, if none, for the reason. */
let last: { context: FixContext; outcome: SplitOutcome } | undefined;

export function planSplit(context: FixContext): SplitOutcome {
  if (last && last.context.model === context.model && last.context.text === context.text && last.context.buildContext === context.buildContext && last.context.today === context.today) {
    return last.outcome;
  }
  const outcome = computeSplit(context);
  last = { context, outcome };
  return outcome;
}

function computeSplit({ model, text, buildContext, today = new Date().toISOString().slice(0, 10) }: FixContext): SplitOutcome {
  if (model.stages.length !== 1) {
    return { results: [] };
  }
  const stage = model.stages[0];
  for (const recipe of SPLIT_RECIPES) {
    const plans = recipe.plan({ stage, model, text, buildContext, today });
    if (isDeclined(plans)) {
      return { ecosystem: recipe.ecosystem, results: [], declined: plans.declined, ...(plans.nothingToBuild ? { nothingToBuild: true } : {}) };
    }
    if (plans.length === 0) {
      continue; // not this recipe's build
    }
    // The first recipe that recognises the build decides.
    if (TEMPLATE.test(text)) {
      return { ecosystem: recipe.ecosystem, results: [], declined: 'This is a template (`{{ }}`): split the file it generates.' };
    }
    const broken = brokenInstruction(model) ?? rootOnlyStart(stage, buildContext);
    if (broken) {
      return { ecosystem: recipe.ecosystem, results: [], declined: broken };
    }
    const results: FixResult[] = [];
    let declined: string | undefined;
    const toolNotes = leftToolStartNotes(buildContext, originalStartWords(stage));
    plans.forEach((plan) => {
      // The project's compose file may start the container with a tool the runtime lacks.
      const underCompose = composeStartDecline(buildContext, plan);
      if (underCompose) {
        declined ??= underCompose.declined;
        return;
      }
      const notes = [
        ...plan.runtimeNotes,
        ...toolNotes,
        ...endedRuntimeNotes(plan, today),
        ...frozenReleaseNotes(stage, plan, today),
        ...digestNotes(stage, plan),
        ...composeMountNotes(buildContext, stage.instructions, plan),
        ...skaffoldSyncNotes(buildContext, stage.instructions, plan),
        ...userChangeNotes(stage.instructions, plan, argDefaults(model, stage)),
        ...homeChangeNotes(stage.instructions, plan),
      ];
      const rewritten = rewrite(text, stage, withArgPaths(stage, model, text, { ...plan, runtimeNotes: notes }));
      if (typeof rewritten !== 'string') {
        declined ??= rewritten.declined;
        return;
      }
      const edit = minimalEdit(text, rewritten);
      if (edit) {
        results.push({ title: splitTitle(plan), edits: [edit], needsConfirmation: true, isPreferred: results.length === 0 });
      }
    });
    return { ecosystem: recipe.ecosystem, results, declined: results.length === 0 ? declined : undefined };
  }
  return { results: [] };
}

/** The words the original starts with: its last ENTRYPOINT, else its last CMD (undefined when it needs a shell). */
function originalStartWords(stage: Stage): string[] | undefined {
  const last = (keyword: string) => stage.instructions.filter((instruction) => instruction.getKeyword() === keyword).pop();
  const start = last('ENTRYPOINT') ?? last('CMD');
  if (!start) {
    return undefined;
  }
  return isExecForm(start) ? execFormWords(start) : shellToExecForm(start.getArgumentsContent() ?? '');
}

/** The ARG defaults the stage sees: the global ones, then its own declarations. */
function argDefaults(model: StageModel, stage: Stage): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>(model.globalArgs);
  for (const instruction of stage.instructions.filter((i) => i.getKeyword() === 'ARG')) {
    for (const argument of instruction.getArguments()) {
      const [name, value] = argument.getValue().split(/=(.*)/s);
      if (value !== undefined || !values.has(name)) {
        values.set(name, value?.replace(/^(["'])(.*)\1$/, '$2'));
      }
    }
  }
  return values;
}

/** Docker's instructions: anything else is a broken line (a lost continuation), which Docker rejects. */
const INSTRUCTIONS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

/** Why a file Docker would reject is not split (the result would keep the error), or undefined. */
function brokenInstruction(model: StageModel): string | undefined {
  const beforeFrom = model.preamble.find((instruction) => instruction.getKeyword() !== 'ARG');
  if (beforeFrom) {
    return `Line ${beforeFrom.getRange().start.line + 1} comes before the first FROM, where only ARG may stand; fix it, then split.`;
  }
  const unknown = model.stages[0]?.instructions.find((instruction) => !INSTRUCTIONS.has(instruction.getKeyword()));
  return unknown
    ? `Line ${unknown.getRange().start.line + 1} is not an instruction Docker knows (a lost line continuation?); fix it, then split.`
    : undefined;
}

function rewrite(text: string, stage: Stage, plan: SplitPlan): string | Declined {
  // A path with white space would need quoting in COPY, and a line break means the recipe misread
  // the file (an unterminated heredoc or continuation): never write such a result.
  const paths = [plan.workdir, ...plan.artifacts.flatMap((artifact) => [artifact.source, artifact.target])];
  if (paths.some((path) => path === '' || /\s/.test(path))) {
    return decline('The split could not read the paths this build writes (a path with spaces, or an unterminated heredoc or line continuation). Check the RUN lines, then split.');
  }
  const document = new LineDocument(text);
  const lines = document.lines;
  const moved = stage.instructions.filter((instruction) => RUNTIME_ONLY.has(instruction.getKeyword()));
  // ENVs the runtime needs too; one that only sets build tools' variables stays in the builder.
  const shared = stage.instructions.filter((instruction) => SHARED.has(instruction.getKeyword()) && !onlyBuildVariables(instruction));

  const starts = runtimeStartCommands(moved, plan);
  if (isDeclined(starts)) {
    return starts;
  }
  const declarations = argumentsInEffect([...shared, ...moved], stage);
  if (typeof declarations === 'string') {
    return decline(declarations);
  }

  const movedLines = new Set<number>();
  const runtimeBody: string[] = [];
  for (const instruction of moved) {
    const span = spanWithLeadingComments(lines, instruction);
    for (let line = span.first; line <= span.last; line++) {
      movedLines.add(line);
    }
    const start = starts.get(instruction);
    runtimeBody.push(...lines.slice(span.first, start ? instruction.getRange().start.line : span.last + 1));
    if (start) {
      runtimeBody.push(typeof start === 'string' ? start : `${start.keyword} ${formatExecForm(start.words)}`);
    }
  }

  // Comments after the file's last instruction close the file (a docs snippet's
  // `# [END region]` marker): they stay at its end, after the runtime stage.
  const lastInstructionLine = Math.max(...stage.instructions.map((instruction) => instruction.getRange().end.line), stage.from.getRange().end.line);
  const closing = lines.slice(lastInstructionLine + 1).filter((line) => line.trim() !== '');
  const closingComments = closing.length > 0 && closing.every((line) => line.trimStart().startsWith('#')) ? closing : [];

  const builderName = builderNameOf(stage);
  const fromEnd = stage.from.getRange().end.line;
  const builder: string[] = [];
  lines.forEach((line, index) => {
    if (movedLines.has(index) || (closingComments.length > 0 && index > lastInstructionLine)) {
      return;
    }
    builder.push(index === imageLine(stage) ? rewriteFromLine(line, stage, plan.builderImage, stage.name ? undefined : builderName) : line);
    if (index === fromEnd) {
      builder.push(...plan.builderSetup);
    }
  });
  while (builder.length > 0 && builder[builder.length - 1].trim() === '') {
    builder.pop();
  }
  builder.push(...(plan.builderFinish ?? []));

  const runtime = [
    '',
    ...plan.runtimeNotes.map((note) => `# ${note}`),
    `FROM ${plan.runtimeImage}`,
    ...(plan.runtimeSetup ?? []),
    ...plan.artifacts.map(
      (artifact) => `COPY --from=${builderName}${artifact.chown ? ` --chown=${artifact.chown}` : ''} ${artifact.source} ${artifact.target}`,
    ),
    // After the COPYs: BuildKit creates a missing WORKDIR as the image's user (65532 on the
    // nonroot tags), which would leave the app's own folder writable by the app. Always written:
    // the nonroot images start in /home/nonroot, not in / like the builder.
    `WORKDIR ${plan.workdir}`,
    // An ARG the COPYs above use is declared before them already (argPaths.ts).
    ...declarations.map((instruction) => instructionLines(lines, instruction)).filter((declaration) => !declaration.every((line) => plan.runtimeSetup?.includes(line))).flat(),
    ...shared.flatMap((instruction) => instructionLines(lines, instruction)),
    ...plan.runtimeEnv,
    ...(plan.runtimeUser === '' ? [] : [`USER ${plan.runtimeUser}`]),
    ...(plan.setEntrypoint ? [`ENTRYPOINT ${formatExecForm(plan.setEntrypoint)}`] : []),
    ...runtimeBody,
  ];
  if (!moved.some((instruction) => isStartKeyword(instruction.getKeyword()))) {
    const start = plan.defaultStart ?? { keyword: 'ENTRYPOINT', words: [plan.artifacts[0].target] };
    runtime.push(`${start.keyword} ${formatExecForm(start.words)}`);
  }
  return document.join([...builder, ...runtime, ...(closingComments.length > 0 ? ['', ...closingComments] : [])]);
}

function onlyBuildVariables(instruction: Instruction): boolean {
  const names = instruction instanceof Env ? instruction.getProperties().map((property) => property.getName()) : [];
  return names.length > 0 && names.every((name) => BUILD_ONLY_VARIABLES.test(name));
}

function isStartKeyword(keyword: string): keyword is StartKeyword {
  return keyword === 'CMD' || keyword === 'ENTRYPOINT';
}

/**
 * The rewritten CMD/ENTRYPOINT instructions (exec form, adapted to the runtime image), or why a
 * start command cannot work there: shell features, a program the runtime does not have, a
 * HEALTHCHECK that needs curl or a shell.
 */
function runtimeStartCommands(moved: Instruction[], plan: SplitPlan): Map<Instruction, StartCommand | string> | Declined {
  const rewritten = new Map<Instruction, StartCommand | string>();
  for (const instruction of moved) {
    const keyword = instruction.getKeyword();
    const content = (instruction.getArgumentsContent() ?? '').trim();
    if (keyword === 'HEALTHCHECK' && content.toUpperCase() !== 'NONE') {
      // The whole text: the arguments content leaves out the flags (--interval=...).
      const healthcheck = runtimeHealthcheck(instruction.getTextContent().replace(/\s*\\\r?\n\s*/g, ' ').replace(/^\s*HEALTHCHECK\s+/i, ''), plan);
      if (!healthcheck) {
        return decline('The HEALTHCHECK needs tools the runtime image lacks (curl, wget, a shell); probe from the orchestrator instead, or check with the app\'s own runtime (`HEALTHCHECK CMD ["node", "healthcheck.js"]`), then split.');
      }
      rewritten.set(instruction, healthcheck);
      continue;
    }
    if (!isStartKeyword(keyword)) {
      continue;
    }
    const words = isExecForm(instruction) ? execFormWords(instruction) : shellToExecForm(content);
    if (!words) {
      const adapted = plan.adaptShellStart?.(keyword, content);
      if (adapted === 'keep') {
        continue;
      }
      if (!adapted) {
        return decline(`The shell-form ${keyword} uses shell features (variables, &&, pipes) the runtime image cannot run; write it in exec form first.`);
      }
      rewritten.set(instruction, adapted);
      continue;
    }
    const original = { keyword, words };
    const adapted = plan.adaptStart ? plan.adaptStart(original) : original;
    if (!adapted) {
      return decline(`The ${keyword} starts \`${words[0] ?? ''}\`, which the split cannot run on the runtime image (no shell, only the copied artifacts); start the app itself, then split.`);
    }
    if (!isExecForm(instruction) || adapted.keyword !== keyword || adapted.words.join('\0') !== words.join('\0')) {
      rewritten.set(instruction, adapted);
    }
  }
  if (!plan.adaptStart && plan.runtimeEntrypoint.length === 0 && !startsAnArtifact(moved, rewritten, plan)) {
    return decline('The start command runs a program the split does not copy into the runtime.');
  }
  return rewritten;
}

/**
 * A HEALTHCHECK the runtime can run: a command of the app's own runtime or binary (`node
 * healthcheck.js`, `/app/server -health`), rewritten as the recipe rewrites a whole start command
 * line (an ENTRYPOINT), in exec form since the runtime may have no shell. Undefined for curl, wget
 * and anything else the runtime does not have.
 */
function runtimeHealthcheck(content: string, plan: SplitPlan): string | undefined {
  const match = /^((?:--[\w-]+=\S+\s+)*)CMD\s+([\s\S]+)$/i.exec(content);
  if (!match) {
    return undefined;
  }
  const command = match[2].trim();
  let words: string[] | undefined;
  if (command.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(command);
      words = Array.isArray(parsed) && parsed.every((word) => typeof word === 'string') ? parsed : undefined;
    } catch {
      words = undefined;
    }
  } else {
    words = shellToExecForm(command);
  }
  if (!words || words.length === 0 || /^(curl|wget|sh|bash|\/bin\/sh|\/bin\/bash)$/.test(words[0])) {
    return undefined;
  }
  const adapted = plan.adaptStart ? plan.adaptStart({ keyword: 'ENTRYPOINT', words }) : plan.artifacts.some((artifact) => artifact.target === words?.[0]) ? { keyword: 'ENTRYPOINT', words } : undefined;
  if (!adapted || adapted.keyword !== 'ENTRYPOINT' || !adapted.words[0]?.startsWith('/')) {
    return undefined; // only a full command line with an absolute program runs without the entrypoint
  }
  return `HEALTHCHECK ${match[1]}CMD ${formatExecForm(adapted.words)}`;
}

/** With no image entrypoint, the container's first word must be one of the copied artifacts. */
function startsAnArtifact(moved: Instruction[], rewritten: Map<Instruction, StartCommand | string>, plan: SplitPlan): boolean {
  const last = (keyword: string) => moved.filter((i) => i.getKeyword() === keyword).pop();
  const first = last('ENTRYPOINT') ?? last('CMD');
  if (!first) {
    return true; // the fix adds a start command for the first artifact
  }
  const start = rewritten.get(first);
  const program = (typeof start === 'object' ? start.words : execFormWords(first))[0];
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

/** Replaces the image reference (when asked) and appends `AS <name>` right after it. */
function rewriteFromLine(line: string, stage: Stage, newImage: string | undefined, name: string | undefined): string {
  const range = stage.from.getImageRange() ?? stage.from.getRange();
  const start = range.start.line === range.end.line ? range.start.character : range.end.character;
  const end = range.end.character;
  const image = newImage ?? line.slice(start, end);
  return `${line.slice(0, start)}${image}${name ? ` AS ${name}` : ''}${line.slice(end)}`;
}
