// "Fix all": every finding's preferred fix, in one edit set. Only the small, local fixes that
// findings carry take part (exec form, did-you-mean, tags, users); never the split, which is a
// refactoring the user reviews. Overlapping edits: the first one in the document wins.
import { Finding, TextEdit, comparePositions } from '../core/types';

export function fixAllEdits(findings: readonly Finding[]): TextEdit[] {
  const candidates = findings
    .flatMap((finding) => finding.fixes?.filter((fix) => fix.isPreferred).slice(0, 1) ?? [])
    .flatMap((fix) => fix.edits)
    .sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end));
  const chosen: TextEdit[] = [];
  for (const edit of candidates) {
    const previous = chosen[chosen.length - 1];
    if (previous && comparePositions(edit.range.start, previous.range.end) < 0) {
      continue;
    }
    if (previous && comparePositions(edit.range.start, previous.range.start) === 0 && comparePositions(edit.range.end, previous.range.end) === 0 && edit.newText === previous.newText) {
      continue; // the same edit from two findings
    }
    chosen.push(edit);
  }
  return chosen;
}
