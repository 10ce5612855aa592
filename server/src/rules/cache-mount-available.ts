import { Arg, Env, Run, User } from 'dockerfile-ast';
import { Stage, inheritedInstructions, resolveBaseImage } from '../core/stages';
import { usesBuildKit } from './usesBuildKit';
import { CACHE_LOCATION_VARIABLES, cacheMountRecipe, mountServes } from './cacheMounts';
import { PackageCommand, PackageManager, cacheMountTargets, packageCommandOf, removedPaths } from './packageManagers';
import { TextEdit } from '../core/types';
import { FindingFix, Rule, RuleResult } from './rule';
import { DocumentText, SimpleCommand, commandsOf, documentText } from './shellCommands';
import { shippedStages } from './shippedStages';

/**
 * A dependency install or build in a builder stage (one whose files do not ship) without a
 * BuildKit cache mount: every change to its inputs downloads everything again. A cache mount keeps
 * the downloads between builds and is never part of the image. Offered only in files that already
 * use BuildKit (see buildKit.ts); information, since it speeds builds up and changes no image.
 *
 * A mount also takes the downloads out of the layer, so every later step that reads them
 * (`dotnet publish --no-restore` after `dotnet restore`, `go build` after `go mod download`)
 * needs the same mount: the rule reports the first downloading step of a package manager in a
 * stage and its fix adds the mount to that step and to each later step of the same tool in the
 * stage and in the builder stages built `FROM` it.
 */
export const cacheMountAvailable: Rule = {
  id: 'cache-mount-available',
  description: 'A dependency install in a builder stage could keep its downloads between builds with a BuildKit cache mount (RUN --mount=type=cache).',
  defaultSeverity: 'information',
  productionOnly: true,
  check({ model, runtimeStage, text, lines }) {
    if (!runtimeStage) return [];
    const shipped = shippedStages(runtimeStage);
    const builders = model.stages.filter((stage) => !shipped.has(stage));
    // Cheap first: usesBuildKit reads every instruction's flags.
    if (builders.length === 0 || !usesBuildKit(model, lines)) return [];
    const doc = documentText(text);
    const escape = model.dockerfile.getEscapeCharacter();
    const steps = new Map<Run, Step[]>();
    const stepsOf = (run: Run) => {
      let found = steps.get(run);
      if (!found && !TOOL_NAME.test(run.getTextContent())) found = [];
      if (!found) {
        const commands = commandsOf(run, doc, escape);
        found = commands.flatMap((command) => {
          const packageCommand = packageCommandOf(command);
          return packageCommand ? [{ run, found: packageCommand, commands }] : [];
        });
        steps.set(run, found);
      }
      return found;
    };
    const children = new Map<Stage, Stage[]>();
    for (const stage of builders) {
      if (stage.base.kind === 'stage') children.set(stage.base.stage, [...(children.get(stage.base.stage) ?? []), stage]);
    }
    const results: RuleResult[] = [];
    const toolsUpTo = new Map<Stage, Set<PackageManager>>();
    for (const stage of model.stages) {
      if (shipped.has(stage)) {
        // A shipped stage is no builder, but a builder built FROM it inherits what it ran.
        const seen = new Set(stage.base.kind === 'stage' ? toolsUpTo.get(stage.base.stage) : undefined);
        for (const instruction of stage.instructions) if (instruction instanceof Run) for (const step of stepsOf(instruction)) seen.add(step.found.manager);
        toolsUpTo.set(stage, seen);
        continue;
      }
      // The tools the stage's ancestors already ran: their first step is reported there.
      const seen = new Set(stage.base.kind === 'stage' ? toolsUpTo.get(stage.base.stage) : undefined);
      for (const instruction of stage.instructions) {
        if (!(instruction instanceof Run)) continue;
        for (const step of stepsOf(instruction)) {
          if (seen.has(step.found.manager)) continue;
          seen.add(step.found.manager);
          if (onWindows(stage)) continue;
          const result = groupFinding(stage, step, children, stepsOf, doc);
          if (result) results.push(result);
          if (results.length >= MAX_FINDINGS) return results;
        }
      }
      toolsUpTo.set(stage, seen);
    }
    return results;
  },
};

/** A cheap test before the shell parse: most RUN steps name none of the tools. */
const TOOL_NAME = /apt|pip|uv|npm|yarn|go|cargo|mvn|gradle|dotnet/;
/** A hint, not an inventory: a generated file with thousands of stages gets the first ones. */
const MAX_FINDINGS = 100;

interface Step {
  run: Run;
  found: PackageCommand;
  commands: readonly SimpleCommand[];
}

interface StageStep extends Step {
  stage: Stage;
}

/** The first step of a tool in `stage`, with the later steps of that tool that share its cache. */
function groupFinding(stage: Stage, first: Step, children: ReadonlyMap<Stage, Stage[]>, stepsOf: (run: Run) => Step[], doc: DocumentText): RuleResult | undefined {
  const manager = first.found.manager;
  const recipe = cacheMountRecipe(first.found);
  if (!recipe || !downloads(first.found)) return undefined;
  const group: StageStep[] = [];
  for (const other of withDescendants(stage, children)) {
    for (const instruction of other.instructions) {
      if (!(instruction instanceof Run)) continue;
      const step = stepsOf(instruction).find((each) => each.found.manager === manager);
      if (step && !group.some((each) => each.run === step.run)) group.push({ ...step, stage: other });
    }
  }
  // Some step of the tool already mounts a cache: the author chose where the cache goes.
  if (group.some(hasCacheMount)) return undefined;
  const flags = recipe.mounts.join(' ');
  const what = first.found.verb ? `${first.found.program} ${first.found.verb}` : first.found.program;
  const later = group.length > 1 ? ` Later steps that read the downloads need the mount too (${group.length - 1} more here; the quick fix adds it to each).` : '';
  const caveat = manager === 'apt'
    ? ' Debian and Ubuntu images delete downloaded packages after each install (/etc/apt/apt.conf.d/docker-clean): remove that file in an earlier step to keep them too.'
    : manager === 'dotnet' && group.some(restoresNothing)
      // dotnet/dotnet-docker took this pattern out of its samples for that reason (PR #4958).
      ? ' A later step runs with --no-restore: its packages would then be only in the mount, which a layer cache exported with --cache-to does not carry, so a CI build that reuses the restore layer finds none; drop --no-restore there (it restores from the mount) or leave this step as it is.'
      : '';
  const fixes = fixFor(group, doc);
  return {
    range: doc.wordRange(first.found.word),
    message: `\`${what}\` in builder stage ${stageLabel(stage)} downloads everything again whenever this step reruns: \`RUN ${flags}\` keeps the downloads between builds, outside the image.${later}${caveat}`,
    fixes: fixes ? [fixes] : undefined,
  };
}

/** A `dotnet build/publish/test --no-restore` step: it reads packages an earlier step put in place. */
function restoresNothing(step: Step): boolean {
  return step.commands.some((command) => command.words.some((word) => word.value === '--no-restore'));
}

/** The stage and the builder stages built `FROM` it, directly or not, in file order. */
function withDescendants(stage: Stage, children: ReadonlyMap<Stage, Stage[]>): Stage[] {
  const found = new Set<Stage>([stage]);
  for (const each of found) for (const child of children.get(each) ?? []) found.add(child);
  return [...found].sort((a, b) => a.index - b.index);
}

/** The targets are Linux paths; Windows images keep their caches elsewhere. */
function onWindows(stage: Stage): boolean {
  const { base } = resolveBaseImage(stage);
  return base.kind === 'image' && /windowsservercore|nanoserver|windows/i.test(base.image.text);
}

function hasCacheMount(step: Step): boolean {
  const recipe = cacheMountRecipe(step.found);
  return recipe !== undefined && cacheMountTargets(step.run).some((target) => mountServes(recipe, target));
}

/** Whether the step fetches packages itself (not `--no-restore`, `--offline`). */
function downloads(found: PackageCommand): boolean {
  const flags = found.values;
  switch (found.manager) {
    case 'dotnet':
      return !flags.includes('--no-restore');
    case 'cargo':
      return !flags.includes('--offline') && !flags.includes('--frozen');
    case 'maven':
      return !flags.includes('-o') && !flags.includes('--offline');
    case 'gradle':
      return !flags.includes('--offline');
    default:
      return true;
  }
}

/** Adds each step's mounts after its `RUN`, unless a mount would not work as written. */
function fixFor(group: readonly StageStep[], doc: DocumentText): FindingFix | undefined {
  const edits: TextEdit[] = [];
  for (const step of group) {
    const recipe = cacheMountRecipe(step.found);
    if (!recipe || !mountWorks(step)) return undefined;
    const keywordEnd = doc.offsetAt(step.run.getInstructionRange().end);
    edits.push({ range: doc.rangeOf(keywordEnd, keywordEnd), newText: ` ${recipe.mounts.join(' ')}` });
  }
  const title = edits.length > 1 ? `Add a cache mount to this step and ${edits.length - 1} later` : 'Add a cache mount';
  // Not preferred: a step the rule cannot see (a script calling the tool) may need the mount too.
  return { title, isPreferred: false, edits };
}

function mountWorks(step: StageStep): boolean {
  // The targets are root's home: another user would not own the mount.
  if (!runsAsRoot(step.stage, step.run)) return false;
  // The Dockerfile moved the cache (CARGO_HOME=/root/.cargo): the default target would miss it.
  const moved = CACHE_LOCATION_VARIABLES[step.found.manager] ?? [];
  const assigned = [...step.commands.flatMap((command) => command.assignments.map((word) => word.value.split('=')[0])), ...variablesBefore(step.stage, step.run)];
  if (assigned.some((name) => moved.includes(name))) return false;
  // With the cache turned off, or the apt lists removed in the same step, a mount holds nothing.
  const words = step.commands.flatMap((command) => [...command.assignments, ...command.words].map((word) => word.value));
  if ((step.found.manager === 'pip' || step.found.manager === 'uv') && words.some((word) => word.startsWith('--no-cache') || /^(PIP_NO_CACHE_DIR|UV_NO_CACHE)=/.test(word))) return false;
  return !(step.found.manager === 'apt' && removedPaths(step.commands).some((path) => path.startsWith('/var/lib/apt')));
}

/** The ENV and ARG names set before `run` in its stage and the stages it is built FROM. */
function variablesBefore(stage: Stage, run: Run): string[] {
  const before = inheritedInstructions(stage);
  return before.slice(0, before.indexOf(run)).flatMap((instruction) => {
    if (instruction instanceof Env) return instruction.getProperties().map((property) => property.getName());
    if (instruction instanceof Arg) return instruction.getProperty() ? [instruction.getProperty()?.getName() ?? ''] : [];
    return [];
  });
}

function runsAsRoot(stage: Stage, run: Run): boolean {
  const before = inheritedInstructions(stage);
  const users = before.slice(0, before.indexOf(run)).filter((instruction): instruction is User => instruction instanceof User);
  const last = users[users.length - 1]?.getArguments()[0]?.getValue().split(':')[0];
  return last === undefined || last === 'root' || last === '0';
}

function stageLabel(stage: Stage): string {
  return stage.name !== undefined ? `\`${stage.name}\`` : `#${stage.index}`;
}
