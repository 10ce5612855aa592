// `# stagecraft-ignore <rule>[, <rule>...]` silences those rules on the next instruction;
// `# stagecraft-ignore-file <rule>...` silences them in the whole file. Without rule ids, all
// rules are silenced there.
import { Instruction } from 'dockerfile-ast';
import { Finding } from './types';

const IGNORE = /^\s*#\s*stagecraft-ignore(-file)?(?:\s+(.*))?$/;
const ALL = '*';

interface Suppressions {
  file: Set<string>;
  /** Line ranges of instructions (first and last line) with the rules silenced there. */
  instructions: { first: number; last: number; rules: Set<string> }[];
}

export function findSuppressions(lines: readonly string[], instructions: readonly Instruction[]): Suppressions {
  const suppressions: Suppressions = { file: new Set(), instructions: [] };
  let next = 0;
  lines.forEach((line, index) => {
    const match = IGNORE.exec(line);
    if (!match) {
      return;
    }
    const rules = new Set((match[2] ?? '').split(/[\s,]+/).filter((rule) => rule !== ''));
    if (rules.size === 0) {
      rules.add(ALL);
    }
    if (match[1]) {
      rules.forEach((rule) => suppressions.file.add(rule));
      return;
    }
    while (next < instructions.length && instructions[next].getRange().start.line <= index) {
      next++;
    }
    const target = instructions[next];
    if (target) {
      const range = target.getRange();
      suppressions.instructions.push({ first: range.start.line, last: range.end.line, rules });
    }
  });
  return suppressions;
}

export function isSuppressed(finding: Finding, suppressions: Suppressions): boolean {
  const silences = (rules: Set<string>) => rules.has(ALL) || rules.has(finding.ruleId);
  if (silences(suppressions.file)) {
    return true;
  }
  const line = finding.range.start.line;
  return suppressions.instructions.some((s) => line >= s.first && line <= s.last && silences(s.rules));
}
