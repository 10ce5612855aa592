// What every output format says about a run: counts per severity, and the findings in a stable order.
import { Severity } from '../../core/types';
import { FileReport, ReportedFinding } from '../checkFile';

export interface RunReport {
  /** Sorted by path. */
  files: FileReport[];
  /** Problems with the command line's paths and the configuration (exit code 2). */
  problems: string[];
}

export type SeverityCounts = Record<Severity, number>;

export function countFindings(files: readonly FileReport[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const file of files) {
    for (const finding of file.findings) {
      counts[finding.severity]++;
    }
  }
  return counts;
}

/** A file's findings by position; at one position in the analysis' order (the rule registry's). */
export function sortedFindings(findings: readonly ReportedFinding[]): ReportedFinding[] {
  return [...findings].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
