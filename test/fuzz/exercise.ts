// Runs one input through what the server does with a document (analysis, then the code actions
// an editor asks for) and checks the results: nothing throws, no rule fails, every offered edit
// applies, and applying it keeps every instruction of the file (the split also passes the
// invariants of test/unit/splitInvariants.ts that hold for any input).
import { performance } from 'node:perf_hooks';
import { CodeAction, CodeActionKind, CodeActionParams, Range, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ParsedDockerfile } from '../../server/src/core/stageChunks';
import { Analysis, DEFAULT_MAX_FILE_LENGTH, analyzeDockerfile } from '../../server/src/core/analyze';
import { parseDockerfile } from '../../server/src/core/parse';
import { FIX_ALL_KIND, codeActionsFor } from '../../server/src/lsp/codeActions';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { splitProblems } from '../unit/splitInvariants';

export const FUZZ_TODAY = '2026-11-29';
const URI = 'file:///fuzz/Dockerfile';
/** The split's titles: "distroless" is in them only when the runtime is distroless (splitTitle.ts). */
const SPLIT_TITLE = /^Split into build and (distroless )?runtime stages/;

export interface Exercised {
  /** What went wrong (an exception's stack, a broken invariant); [] when all is well. */
  problems: string[];
  /** Analysis + computing every code action, in milliseconds (what the server spends). */
  workMs: number;
  /** Distinct code actions with an edit that were applied and checked. */
  applied: number;
  /** Whether the analysis built a model (false: the input was refused, e.g. binary or too long). */
  analysed: boolean;
}

export interface ExerciseOptions {
  /** The line where the editor asks for refactorings (the cursor); default the last line. */
  cursorLine?: number;
  /**
   * How each applied edit's result is checked: `full` (default) re-analyses it (nothing throws,
   * not refused, every instruction kept, the split's invariants); `instructions` only parses it
   * and counts its instructions (for huge inputs, where a full analysis per action costs seconds).
   */
  verify?: 'full' | 'instructions';
  /** Called between the steps, so a caller can sample memory. */
  checkpoint?: () => void;
  /** Called when the measured work is done, before the results are checked. */
  onWorkDone?: (workMs: number) => void;
}

function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * Instruction keywords of `analysis`, counted. CMD and ENTRYPOINT count as one: fixes for a
 * distroless runtime rightly turn `CMD ["java", ...]` into `ENTRYPOINT ["/usr/bin/java", ...]`.
 */
function keywordCounts(dockerfile: ParsedDockerfile | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const instruction of dockerfile?.getInstructions() ?? []) {
    const keyword = /^(CMD|ENTRYPOINT)$/.test(instruction.getKeyword()) ? 'CMD/ENTRYPOINT' : instruction.getKeyword();
    counts.set(keyword, (counts.get(keyword) ?? 0) + 1);
  }
  return counts;
}

export function exercise(text: string, options: ExerciseOptions = {}): Exercised {
  const problems: string[] = [];
  const started = performance.now();
  let analysis: Analysis;
  try {
    analysis = analyzeDockerfile(text, { today: FUZZ_TODAY, onRuleError: (rule, error) => problems.push(`rule ${rule.id} threw: ${stackOf(error)}`) });
  } catch (error) {
    const workMs = performance.now() - started;
    options.onWorkDone?.(workMs);
    return { problems: [`analyzeDockerfile threw: ${stackOf(error)}`], workMs, applied: 0, analysed: false };
  }
  options.checkpoint?.();
  if (!analysis.model) {
    const workMs = performance.now() - started;
    options.onWorkDone?.(workMs);
    return { problems, workMs, applied: 0, analysed: false };
  }
  const document = TextDocument.create(URI, 'dockerfile', 1, text);
  const lastLine = document.lineCount - 1;
  const diagnostics = analysis.findings.map((finding) => toDiagnostic(finding, undefined));
  const whole: Range = { start: { line: 0, character: 0 }, end: { line: lastLine, character: 0 } };
  const cursorLine = Math.min(Math.max(0, options.cursorLine ?? lastLine), lastLine);
  const cursor: Range = { start: { line: cursorLine, character: 0 }, end: { line: cursorLine, character: 0 } };
  // What an editor asks: the light bulb over all diagnostics, refactorings at the cursor, fix-all on save.
  const requests: CodeActionParams[] = [
    { textDocument: { uri: URI }, range: whole, context: { diagnostics } },
    { textDocument: { uri: URI }, range: cursor, context: { diagnostics: [], only: [CodeActionKind.Refactor] } },
    { textDocument: { uri: URI }, range: whole, context: { diagnostics, only: [FIX_ALL_KIND] } },
  ];
  const actions: CodeAction[] = [];
  for (const params of requests) {
    try {
      actions.push(...codeActionsFor(document, analysis, params, undefined, { disabledSupport: true }));
    } catch (error) {
      problems.push(`codeActionsFor (${params.context.only?.join(',') ?? 'all kinds'}) threw: ${stackOf(error)}`);
    }
  }
  options.checkpoint?.();
  const workMs = performance.now() - started;
  options.onWorkDone?.(workMs);

  // One action per title, and one of each kind of ignore comment: "Ignore <rule> for this
  // instruction" on 5,000 diagnostics is one check.
  const seen = new Set<string>();
  let applied = 0;
  for (const action of actions) {
    const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
    const key = action.title.replace(/^Ignore \S+ /, 'Ignore * ');
    if (!change || seen.has(key)) {
      continue;
    }
    seen.add(key);
    applied++;
    if (change.textDocument.uri !== URI || change.textDocument.version !== 1) {
      problems.push(`"${action.title}": its edit is for ${change.textDocument.uri} version ${change.textDocument.version}`);
    }
    let result: string;
    try {
      result = TextDocument.applyEdits(document, change.edits.filter((edit): edit is TextEdit => 'newText' in edit));
    } catch (error) {
      problems.push(`"${action.title}": its edits do not apply: ${stackOf(error)}`);
      continue;
    }
    problems.push(...(options.verify === 'instructions' ? checkInstructions(analysis, action.title, result) : checkResult(text, analysis, action.title, result)));
  }
  return { problems, workMs, applied, analysed: true };
}

/** The problems with `result`, the text after applying the action `title` to `text`. */
function checkResult(text: string, before: Analysis, title: string, result: string): string[] {
  let after: Analysis;
  try {
    after = analyzeDockerfile(result, { today: FUZZ_TODAY });
  } catch (error) {
    return [`"${title}": analysing its result threw: ${stackOf(error)}`];
  }
  if (!after.model) {
    // Only a result grown past the size limit may be refused.
    return result.length > DEFAULT_MAX_FILE_LENGTH ? [] : [`"${title}": its result is refused: ${after.findings[0]?.message}`];
  }
  const problems = dropped(before.model?.dockerfile, after.model.dockerfile, title);
  if (SPLIT_TITLE.test(title)) {
    // Of the invariants, those that hold whatever the input was (a fuzzed input may carry errors
    // and odd images of its own): instructions kept, stages referenced, the split really split.
    for (const problem of splitProblems(text, result, FUZZ_TODAY)) {
      const inherited = problem.includes('names no earlier stage') && before.findings.some((f) => f.ruleId === 'unknown-stage-reference');
      if (!inherited && /was dropped|names no earlier stage|stage\(s\)|was not analysed/.test(problem)) {
        problems.push(`"${title}": ${problem}`);
      }
    }
  }
  return problems;
}

/** Instructions of `before` that `after` lacks, as problems of the action `title`. */
function dropped(before: ParsedDockerfile | undefined, after: ParsedDockerfile, title: string): string[] {
  const problems: string[] = [];
  const remaining = keywordCounts(after);
  const counted = keywordCounts(before);
  // MaintainerDeprecated's fix rewrites MAINTAINER as a LABEL: a MAINTAINER gone is kept when a
  // LABEL came in its place.
  const labelsAdded = Math.max(0, (remaining.get('LABEL') ?? 0) - (counted.get('LABEL') ?? 0));
  remaining.set('MAINTAINER', (remaining.get('MAINTAINER') ?? 0) + labelsAdded);
  for (const [keyword, count] of counted) {
    const left = remaining.get(keyword) ?? 0;
    if (left < count) {
      problems.push(`"${title}": ${count - left} of ${count} ${keyword} instruction(s) dropped`);
    }
  }
  return problems;
}

/** The cheap check of `result`: it parses and keeps every instruction. */
function checkInstructions(before: Analysis, title: string, result: string): string[] {
  try {
    return dropped(before.model?.dockerfile, parseDockerfile(result), title);
  } catch (error) {
    return [`"${title}": parsing its result threw: ${stackOf(error)}`];
  }
}

/**
 * The problems with `result` as a rewrite of `text` by the action `title` (e.g. the CLI's
 * `--split` output): analysed, every instruction kept, and for the split its invariants.
 */
export function checkRewrite(text: string, title: string, result: string): string[] {
  try {
    return checkResult(text, analyzeDockerfile(text, { today: FUZZ_TODAY }), title, result);
  } catch (error) {
    return [`"${title}": analysing the input threw: ${stackOf(error)}`];
  }
}
