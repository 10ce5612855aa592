// Applies the comments other tools read to our findings: BuildKit's `check` directive and
// per-instruction skip (checkDirectives.ts), hadolint's and tally's ignores (foreignSuppressions.ts).
import { Instruction } from 'dockerfile-ast';
import { findCheckDirectives } from './checkDirectives';
import { findForeignSuppressions } from './foreignSuppressions';
import { SilenceIndex } from './silences';
import { Finding } from './types';

/** A line that may hold a silencing comment: a superset of what the two readers accept. */
const MAY_SILENCE = /check|hadolint|tally/i;

export interface CommentSilences {
  /** The findings left after the silences, with `check=error=true` applied. */
  apply(findings: Finding[]): Finding[];
}

export function commentSilences(lines: readonly string[], instructions: readonly Instruction[]): CommentSilences {
  // Cheap first: every comment read here names its tool (hadolint, tally) or BuildKit's `check`
  // directive. Most files (and generated ones of thousands of instructions) have none, and then
  // the instructions' ranges need not be read at all.
  if (!lines.some((line) => MAY_SILENCE.test(line))) {
    return { apply: (findings) => findings };
  }
  const ranges = instructions.map((instruction) => {
    const range = instruction.getRange();
    return { first: range.start.line, last: range.end.line, keyword: instruction.getKeyword().toUpperCase() };
  });
  const checks = findCheckDirectives(lines, ranges);
  const silences = new SilenceIndex([...checks.silences, ...findForeignSuppressions(lines, ranges)], lines.length);
  return {
    apply: (findings) =>
      findings
        .filter((finding) => !silences.silences(finding))
        .map((finding) => (checks.error && finding.buildKitCheck !== undefined ? { ...finding, severity: 'error' } : finding)),
  };
}
