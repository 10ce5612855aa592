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

/** Silences indexed by line, so that many comments and many findings do not multiply. */
export class SilenceIndex {
  private readonly byLine = new Map<number, Silence[]>();
  private readonly long: Silence[] = [];

  constructor(silences: readonly Silence[], lineCount: number) {
    for (const silence of silences) {
      const last = Math.min(silence.last, lineCount - 1);
      if (last - silence.first > SHORT_SPAN) {
        this.long.push(silence);
        continue;
      }
      for (let line = silence.first; line <= last; line++) {
        const here = this.byLine.get(line);
        if (here) {
          here.push(silence);
        } else {
          this.byLine.set(line, [silence]);
        }
      }
    }
  }

  silences(finding: Finding): boolean {
    const line = finding.range.start.line;
    const matches = (silence: Silence) =>
      line >= silence.first &&
      line <= silence.last &&
      (silence.targets.has(finding.ruleId) || (finding.buildKitCheck !== undefined && silence.targets.has(finding.buildKitCheck)));
    return (this.byLine.get(line)?.some(matches) ?? false) || this.long.some(matches);
  }
}

/** Instructions are short; spans longer than this (a stage, the file) are checked one by one. */
const SHORT_SPAN = 200;
