// BuildKit's build checks (`docker build --check`), run statically: each is a Stagecraft rule
// whose id is the check's name, a warning as in Docker, and whose diagnostic links to Docker's
// page for it. Shared helpers for the check files in this folder.
import { Instruction } from 'dockerfile-ast';
import { Stage, StageModel } from '../../core/stages';
import { rememberOn } from '../../core/memo';
import { Rule, RuleContext, RuleResult } from '../rule';

/** Docker's page for a check: `FromAsCasing` -> https://docs.docker.com/go/dockerfile/rule/from-as-casing/. */
export function dockerCheckUrl(name: string): string {
  const kebab = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
  return `https://docs.docker.com/go/dockerfile/rule/${kebab}/`;
}

type CheckResult = Omit<RuleResult, 'buildKitCheck'>;

export function buildKitCheck(name: string, description: string, check: (context: RuleContext) => CheckResult[], options: { enabledByDefault?: boolean } = {}): Rule {
  return {
    id: name,
    description: `BuildKit build check: ${description}`,
    defaultSeverity: 'warning',
    docsUrl: dockerCheckUrl(name),
    ...(options.enabledByDefault === false ? { enabledByDefault: false } : {}),
    check: (context) => {
      // The check's own fresh results, named in place rather than copied.
      const results = check(context) as RuleResult[];
      for (const result of results) result.buildKitCheck = name;
      return results;
    },
  };
}

/** What most checks read of every instruction, read once per model into plain fields. */
export interface InstructionFacts {
  readonly instruction: Instruction;
  /** The keyword in uppercase (getKeyword()). */
  readonly keyword: string;
  /** The keyword as written (getInstruction()). */
  readonly word: string;
  /** The stage it belongs to (its FROM included); undefined before the first FROM. */
  readonly stage: Stage | undefined;
}

interface InstructionTable {
  /** Every instruction of the file in order: the ones before the first FROM, then each stage's. */
  readonly all: readonly InstructionFacts[];
  readonly instructions: readonly Instruction[];
  /** The same facts by keyword, in file order: checks about rare instructions touch only those. */
  readonly byKeyword: ReadonlyMap<string, readonly InstructionFacts[]>;
}

/**
 * Remembered per model, built in one pass: the checks then loop over plain fields instead of each
 * calling the remembered dockerfile-ast methods (a lookup on instructions of many classes) for
 * every instruction, and on a generated file of thousands of stages building the list again for
 * each check cost more than some checks themselves.
 */
function instructionTable(model: StageModel): InstructionTable {
  return rememberOn<InstructionTable>(model, TABLE, () => {
    const all: InstructionFacts[] = [];
    const instructions: Instruction[] = [];
    const byKeyword = new Map<string, InstructionFacts[]>();
    const add = (instruction: Instruction, stage: Stage | undefined) => {
      const facts: InstructionFacts = { instruction, keyword: instruction.getKeyword(), word: instruction.getInstruction(), stage };
      all.push(facts);
      instructions.push(instruction);
      const same = byKeyword.get(facts.keyword);
      if (same === undefined) byKeyword.set(facts.keyword, [facts]);
      else same.push(facts);
    };
    for (const instruction of model.preamble) add(instruction, undefined);
    for (const stage of model.stages) {
      add(stage.from, stage);
      for (const instruction of stage.instructions) add(instruction, stage);
    }
    return { all, instructions, byKeyword };
  });
}

const TABLE = Symbol('instructionTable');

/** Every instruction of the file in order: the ones before the first FROM, then each stage's. */
export function allInstructions(model: StageModel): readonly Instruction[] {
  return instructionTable(model).instructions;
}

/** allInstructions with their keyword, word and stage. */
export function allFacts(model: StageModel): readonly InstructionFacts[] {
  return instructionTable(model).all;
}

/** The instructions of one keyword (uppercase), in file order, those before the first FROM included. */
export function factsOf(model: StageModel, keyword: string): readonly InstructionFacts[] {
  return instructionTable(model).byKeyword.get(keyword) ?? NONE;
}

const NONE: readonly InstructionFacts[] = [];

/** The part of a finding message that names the check, for our rules that cover one. */
export function namesCheck(name: string): string {
  return ` (BuildKit check ${name})`;
}

/** The instructions of these keywords (uppercase) inside stages, in file order. */
export function stageInstructionsOf(model: StageModel, keywords: readonly string[]): Instruction[] {
  const found: Instruction[] = [];
  for (const { instruction, keyword, stage } of allFacts(model)) {
    if (stage !== undefined && keyword !== 'FROM' && keywords.includes(keyword)) found.push(instruction);
  }
  return found;
}

/** The text of a stage's FROM lines, for cheap checks before dockerfile-ast's costly getArguments(). */
export function fromText(stage: Stage, lines: readonly string[]): string {
  const { start, end } = stage.from.getRange();
  // Most FROMs are one line: that line itself, no copy.
  return start.line === end.line ? (lines[start.line] ?? '') : lines.slice(start.line, end.line + 1).join('\n');
}
