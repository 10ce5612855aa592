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
      const results = check(context);
      // Most checks find nothing: no copy of an empty list.
      return results.length === 0 ? [] : results.map((result) => ({ ...result, buildKitCheck: name }));
    },
  };
}

/**
 * Every instruction of the file in order: the ones before the first FROM, then each stage's.
 * Remembered per model: most checks walk the whole list, and on a generated file of thousands
 * of stages building it again for each check cost more than some checks themselves.
 */
export function allInstructions(model: StageModel): readonly Instruction[] {
  return rememberOn<readonly Instruction[]>(model, INSTRUCTIONS, () => [...model.preamble, ...model.stages.flatMap((stage) => [stage.from as Instruction, ...stage.instructions])]);
}

const INSTRUCTIONS = Symbol('allInstructions');

/** The stage's instructions of one keyword (uppercase). */
export function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);
}

/** The part of a finding message that names the check, for our rules that cover one. */
export function namesCheck(name: string): string {
  return ` (BuildKit check ${name})`;
}

/** The COPY/ADD-like instructions of every stage, by keyword (uppercase). */
export function instructionsOfKeywords(model: StageModel, keywords: readonly string[]): Instruction[] {
  return model.stages.flatMap((stage) => stage.instructions.filter((instruction) => keywords.includes(instruction.getKeyword())));
}

/** The text of a stage's FROM lines, for cheap checks before dockerfile-ast's costly getArguments(). */
export function fromText(stage: Stage, lines: readonly string[]): string {
  const { start, end } = stage.from.getRange();
  return lines.slice(start.line, end.line + 1).join('\n');
}
