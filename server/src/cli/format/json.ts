// `--format json`: one object for scripts. Lines and columns are 1-based, as in the text output.
import { ruleUrl } from './ruleMetadata';
import { RunReport, countFindings, sortedFindings } from './summary';

export const JSON_FORMAT_VERSION = 1;

export function formatJson(run: RunReport): string {
  const files = run.files.map((file) => ({
    path: file.displayPath,
    ...(file.error ? { error: file.error } : {}),
    ...(file.skipped ? { skipped: file.skipped } : {}),
    ...(file.fixesApplied !== undefined ? { fixesApplied: file.fixesApplied, splitApplied: file.splitApplied ?? false } : {}),
    ...(file.diff !== undefined ? { diff: file.diff } : {}),
    findings: sortedFindings(file.findings).map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      line: finding.range.start.line + 1,
      column: finding.range.start.character + 1,
      endLine: finding.range.end.line + 1,
      endColumn: finding.range.end.character + 1,
      docs: ruleUrl(finding.ruleId),
    })),
  }));
  return JSON.stringify({ version: JSON_FORMAT_VERSION, files, problems: run.problems, summary: { files: run.files.length, ...countFindings(run.files) } }, null, 2) + '\n';
}
