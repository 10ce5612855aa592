// The stage model: what Stagecraft's rules and fixes reason about. Built once per document
// version from dockerfile-ast's syntax tree.
import { Add, Arg, Copy, Dockerfile, From, Instruction, Run } from 'dockerfile-ast';
import { ParsedDockerfile } from './stageChunks';
import { ImageReference, parseImageReference } from './imageReference';
import { Range } from './types';
import { substituteVariables } from './variables';
import { rememberAnswer, rememberOn, rememberedOn } from './memo';
import { TargetDirective, readTargetDirective } from './targetDirective';

/** Where a stage's base comes from: another stage, an image, or something we cannot know. */
export type StageBase =
  | { kind: 'stage'; stage: Stage }
  | { kind: 'image'; image: ImageReference }
  /** An `${ARG}` without a default, or an unparsable reference. */
  | { kind: 'unknown'; text: string };

/** A `COPY --from=`, `ADD --from=` or `RUN --mount=...,from=` edge. */
export interface StageReference {
  instruction: Instruction;
  /** The value as written, e.g. `build`, `0` or `ghcr.io/astral-sh/uv:0.5`. */
  value: string;
  valueRange: Range;
  /** The referenced stage when the value names an earlier stage or a valid index. */
  target?: Stage;
}

export interface Stage {
  index: number;
  /** The `AS name` as written, if any. Compare with `sameStageName`. */
  name?: string;
  nameRange?: Range;
  from: From;
  /** The image text after `ARG` substitution, as written when it could not be resolved. */
  baseText: string;
  base: StageBase;
  /** Instructions after `FROM`, up to the next `FROM`. */
  instructions: Instruction[];
  references: StageReference[];
}

export interface StageModel {
  /** The parse the model was built from: one whole-file tree, or a large file's stages parsed one by one. */
  dockerfile: ParsedDockerfile;
  /** The whole-file tree when there is one (the dockerfile-utils validator needs it). */
  syntaxTree?: Dockerfile;
  /** `ARG`s before the first `FROM`, with their defaults (undefined: no default). */
  globalArgs: Map<string, string | undefined>;
  /** Instructions before the first `FROM` (`ARG`s, and junk a broken file may have). */
  preamble: Instruction[];
  stages: Stage[];
  /** The stage `docker build` produces without `--target`: the last one. */
  finalStage?: Stage;
  /** `# stagecraft: target=<stage>` above the first FROM, when the text was given. */
  targetDirective?: TargetDirective;
}

export function sameStageName(a: string, b: string): boolean {
  // BuildKit matches stage names case-insensitively.
  return a.toLowerCase() === b.toLowerCase();
}

export { parseDockerfile } from './parse';

/** `text`, when given, is read for the target directive above the first FROM. */
export function buildStageModel(dockerfile: ParsedDockerfile, text?: string): StageModel {
  const globalArgs = new Map<string, string | undefined>();
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  // Stage names (lowercase) to the first stage of that name: lookups stay linear in files with
  // thousands of stages.
  const named = new Map<string, Stage>();

  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof From) {
      const stage = createStage(instruction, stages, named, globalArgs);
      stages.push(stage);
      if (stage.name !== undefined && !named.has(stage.name.toLowerCase())) {
        named.set(stage.name.toLowerCase(), stage);
      }
      continue;
    }
    const current = stages[stages.length - 1];
    if (current) {
      current.instructions.push(instruction);
    } else {
      preamble.push(instruction);
      recordGlobalArg(instruction, globalArgs);
    }
  }
  for (const stage of stages) {
    stage.references = collectReferences(stage, stages, named);
  }
  const syntaxTree = isWholeTree(dockerfile) ? dockerfile : undefined;
  const targetDirective = text !== undefined && stages.length > 0 ? readTargetDirective(text, stages[0].from.getRange().start.line) : undefined;
  return { dockerfile, syntaxTree, globalArgs, preamble, stages, finalStage: stages[stages.length - 1], targetDirective };
}

/** A dockerfile-ast tree of the whole file, not the stage-by-stage parse of a large one. */
function isWholeTree(parsed: ParsedDockerfile): parsed is Dockerfile {
  return typeof (parsed as Partial<Dockerfile>).getComments === 'function';
}

function recordGlobalArg(instruction: Instruction, globalArgs: Map<string, string | undefined>): void {
  const property = instruction instanceof Arg ? instruction.getProperty() : null;
  if (property) {
    // A default may use earlier ARGs: `ARG IMAGE=${REGISTRY}/app`.
    const value = property.getValue();
    const substituted = value === null ? undefined : substituteVariables(value, globalArgs);
    globalArgs.set(property.getName(), substituted && !substituted.unresolved ? substituted.text : undefined);
  }
}

function createStage(from: From, earlier: Stage[], named: ReadonlyMap<string, Stage>, globalArgs: Map<string, string | undefined>): Stage {
  const written = from.getImage() ?? '';
  const substitution = substituteVariables(written, globalArgs);
  const baseText = substitution.unresolved ? written : substitution.text;
  const name = from.getBuildStage() ?? undefined;
  return {
    index: earlier.length,
    name,
    nameRange: from.getBuildStageRange() ?? undefined,
    from,
    baseText,
    base: resolveBase(baseText, substitution.unresolved, named),
    instructions: [],
    references: [],
  };
}

function resolveBase(text: string, unresolved: boolean, earlierByName: ReadonlyMap<string, Stage>): StageBase {
  // `{{ .Image }}`-style template placeholders are not images either.
  if (unresolved || text === '' || text.includes('{{')) {
    return { kind: 'unknown', text };
  }
  const stage = earlierByName.get(text.toLowerCase());
  if (stage) {
    return { kind: 'stage', stage };
  }
  const image = parseImageReference(text);
  return image ? { kind: 'image', image } : { kind: 'unknown', text };
}

export function findStageByName(stages: readonly Stage[], name: string): Stage | undefined {
  return stages.find((stage) => stage.name !== undefined && sameStageName(stage.name, name));
}

function collectReferences(stage: Stage, stages: Stage[], named: ReadonlyMap<string, Stage>): StageReference[] {
  const references: StageReference[] = [];
  for (const instruction of stage.instructions) {
    for (const flag of referenceFlags(instruction)) {
      const byName = named.get(flag.value.toLowerCase());
      const target = /^\d+$/.test(flag.value)
        ? (Number(flag.value) < stage.index ? stages[Number(flag.value)] : undefined)
        : byName && byName.index < stage.index ? byName : undefined;
      references.push({ instruction, value: flag.value, valueRange: flag.range, target });
    }
  }
  return references;
}

function referenceFlags(instruction: Instruction): { value: string; range: Range }[] {
  if (instruction instanceof Copy || instruction instanceof Add) {
    const fromFlag = instruction.getFlags().find((flag) => flag.getName().toLowerCase() === 'from');
    const value = fromFlag?.getValue();
    const range = fromFlag?.getValueRange();
    return value && range ? [{ value, range }] : [];
  }
  if (instruction instanceof Run) {
    const found: { value: string; range: Range }[] = [];
    for (const flag of instruction.getFlags()) {
      if (flag.getName().toLowerCase() !== 'mount') {
        continue;
      }
      for (const option of flag.getOptions()) {
        const value = option.getValue();
        const range = option.getValueRange();
        if (option.getName().toLowerCase() === 'from' && value && range) {
          found.push({ value, range });
        }
      }
    }
    return found;
  }
  return [];
}

/** The image each stage really starts from, remembered: rules ask for it for every stage. */
const RESOLVED_BASE = Symbol('resolvedBase');

/**
 * Follows `FROM <stage>` chains to the image the stage really starts from. Returns the last
 * stage in the chain too, so callers can inspect inherited instructions. A stage's base is always
 * an earlier stage, so chains end; the base is remembered per stage, so resolving every stage of
 * a long chain stays linear.
 */
export function resolveBaseImage(stage: Stage): { base: StageBase; chain: Stage[] } {
  return new ResolvedBase(stage, baseImageOf(stage));
}

/**
 * A class, not an object literal with a getter: a literal's getter is a closure over the stage,
 * and V8 keeps such per-object accessors where its young-generation collector treats them as
 * alive, so every analysis' tree was copied to the old generation (a third of an analysis).
 */
class ResolvedBase {
  constructor(
    private readonly stage: Stage,
    readonly base: StageBase,
  ) {}

  /** Built only when asked for: most callers want the base, and a chain is as long as the file. */
  get chain(): Stage[] {
    const chain: Stage[] = [this.stage];
    let current = this.stage;
    while (current.base.kind === 'stage' && current.base.stage.index < current.index) {
      current = current.base.stage;
      chain.push(current);
    }
    return chain;
  }
}

/** The image (or unknown base) a stage starts from, following `FROM <stage>` chains. */
export function baseImageOf(stage: Stage): StageBase {
  const known = rememberedOn<StageBase>(stage, RESOLVED_BASE);
  if (known) {
    return known;
  }
  // Iterative, not recursive: a chain of thousands of stages must not overflow the stack.
  const unresolved: Stage[] = [];
  let current = stage;
  let base: StageBase | undefined;
  while (!base) {
    const remembered = rememberedOn<StageBase>(current, RESOLVED_BASE);
    if (remembered) {
      base = remembered;
    } else if (current.base.kind === 'stage' && current.base.stage.index < current.index) {
      unresolved.push(current);
      current = current.base.stage;
    } else {
      base = current.base;
      unresolved.push(current);
    }
  }
  for (const each of unresolved) {
    rememberAnswer(each, RESOLVED_BASE, base);
  }
  return base;
}

/** Each stage's inherited instructions, remembered: many rules ask for the runtime stage's. */
const INHERITED = Symbol('inheritedInstructions');

/** Every instruction of a stage including those it inherits via `FROM <stage>`, oldest first. */
export function inheritedInstructions(stage: Stage): readonly Instruction[] {
  return rememberOn(stage, INHERITED, () => {
    if (stage.base.kind !== 'stage') {
      return stage.instructions.slice(); // no chain: the stage's own (a copy, as flatMap made)
    }
    return resolveBaseImage(stage)
      .chain.reverse()
      .flatMap((s) => s.instructions);
  });
}
