// Other linters' ignore comments, honoured for the Stagecraft rules and BuildKit checks that mean
// the same (the table is rules/equivalents.ts), so a Dockerfile already annotated for hadolint or
// tally does not need a second set of comments:
// - hadolint: `# hadolint ignore=DL3006,DL3007` for the instruction on the next line,
//   `# hadolint global ignore=...` for the file, `# hadolint stage ignore=...` from the next line
//   to the next FROM. A note may follow after a second `#`.
// - tally: `# tally ignore=<rule>,<rule>` for the instruction on the next line, `# tally global
//   ignore=...` for the file; `;reason=...` may follow. Rules are `tally/<id>`, `buildkit/<Check>`,
//   `hadolint/DL3006`, or the same without the namespace; `all` means every rule tally has.
// Codes we have no equivalent of are ignored.
import { BUILDKIT_CHECK_NAMES } from '../rules/buildkit';
import { FOREIGN_EQUIVALENTS, silencedBy } from '../rules/equivalents';
import { Silence, WHOLE_FILE } from './silences';

const HADOLINT = /^\s*#\s*hadolint\s+(?:(global|stage)\s+)?ignore\s*=\s*([^#]*)/;
const TALLY = /^\s*#\s*tally\s+(?:(global)\s+)?ignore\s*=\s*([^;#]*)/;
const HADOLINT_CODE = /^(?:DL|SC)\d+$/;

type Scope = 'next' | 'global' | 'stage';

type InstructionRange = { first: number; last: number; keyword: string };

export function findForeignSuppressions(lines: readonly string[], instructions: readonly InstructionRange[]): Silence[] {
  const silences: Silence[] = [];
  // Looked up per comment: a map and a sorted list, so a file of many comments stays linear.
  const startingAt = new Map(instructions.map((instruction) => [instruction.first, instruction]));
  const fromLines = instructions.filter((instruction) => instruction.keyword === 'FROM').map((instruction) => instruction.first);
  lines.forEach((line, index) => {
    if (!line.includes('hadolint') && !line.includes('tally')) {
      return;
    }
    const hadolint = HADOLINT.exec(line);
    const tally = hadolint ? undefined : TALLY.exec(line);
    const match = hadolint ?? tally;
    if (!match) {
      return;
    }
    const codes = match[2].split(/[\s,]+/).filter((code) => code !== '');
    const targets = new Set(codes.flatMap((code) => (hadolint ? silencedBy('hadolint', code) : tallyTargets(code))));
    const scope = (match[1] as Scope | undefined) ?? 'next';
    const range = scope === 'global' ? WHOLE_FILE : scope === 'stage' ? stageAfter(index, fromLines) : startingAt.get(index + 1);
    if (targets.size > 0 && range) {
      silences.push({ first: range.first, last: range.last, targets });
    }
  });
  return silences;
}

/** From the line after the comment to the line before the next FROM below it (or the end). */
function stageAfter(index: number, fromLines: readonly number[]): { first: number; last: number } {
  let low = 0;
  let high = fromLines.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (fromLines[middle] > index + 1) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  return { first: index + 1, last: low < fromLines.length ? fromLines[low] - 1 : Number.MAX_SAFE_INTEGER };
}

/** What a tally rule reference silences here. */
function tallyTargets(reference: string): readonly string[] {
  if (reference === 'all') {
    return [...BUILDKIT_CHECK_NAMES, ...FOREIGN_EQUIVALENTS.flatMap((entry) => entry.silences)];
  }
  const slash = reference.indexOf('/');
  const namespace = slash === -1 ? undefined : reference.slice(0, slash);
  const code = slash === -1 ? reference : reference.slice(slash + 1);
  if (namespace === 'buildkit' || (namespace === undefined && BUILDKIT_CHECK_NAMES.includes(code))) {
    return BUILDKIT_CHECK_NAMES.includes(code) ? [code] : [];
  }
  if (namespace === 'hadolint' || (namespace === undefined && HADOLINT_CODE.test(code))) {
    return silencedBy('hadolint', code);
  }
  return namespace === undefined || namespace === 'tally' ? silencedBy('tally', code) : [];
}
