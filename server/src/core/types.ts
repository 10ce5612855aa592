// Plain data types shared by the analysis core, the LSP layer and the CLI.
// They mirror the LSP shapes structurally so that the LSP layer converts without copying
// logic, but the core does not import the LSP libraries (see docs/ARCHITECTURE.md).

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A rule's finding on one document. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Quick fixes that belong to this one finding (did-you-mean, exec form, ...). */
  fixes?: {
    title: string;
    edits: TextEdit[];
    isPreferred?: boolean;
    createFile?: { relativePath: string; text: string };
    otherFileEdits?: { relativePath: string; edits: TextEdit[] };
  }[];
  /** The BuildKit build check this finding is or covers (see RuleResult.buildKitCheck). */
  buildKitCheck?: string;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export function rangeOf(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return !(comparePositions(a.end, b.start) < 0 || comparePositions(b.end, a.start) < 0);
}

export function comparePositions(a: Position, b: Position): number {
  return a.line === b.line ? a.character - b.character : a.line - b.line;
}
