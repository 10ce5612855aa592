// A silence from a comment in the Dockerfile: some rules or BuildKit checks quieted on a range of
// lines (an instruction, a stage, the whole file). Shared by the BuildKit check directives and the
// other linters' ignore comments; Stagecraft's own `# stagecraft-ignore` is in suppressions.ts.
import { Finding } from './types';

export interface Silence {
  /** First and last line (0-based, inclusive) where the silence holds. */
  first: number;
  last: number;
  /** Stagecraft rule ids and BuildKit check names; a check name also matches our rules that cover it. */
  targets: ReadonlySet<string>;
}

export const WHOLE_FILE = { first: 0, last: Number.MAX_SAFE_INTEGER };

export function silencesFinding(finding: Finding, silences: readonly Silence[]): boolean {
  const line = finding.range.start.line;
  return silences.some(
    (silence) =>
      line >= silence.first &&
      line <= silence.last &&
      (silence.targets.has(finding.ruleId) || (finding.buildKitCheck !== undefined && silence.targets.has(finding.buildKitCheck))),
  );
}

