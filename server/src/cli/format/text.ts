// Human output, like a compiler's: `file:line:column: severity rule: message`, one a line, then a
// summary line. Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
import { Severity } from '../../core/types';
import { SEVERITY_ORDER } from '../args';
import { RunReport, countFindings, plural, sortedFindings } from './summary';

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[34m', hint: '\x1b[90m' };
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

export function useColour(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

export interface TextOptions {
  colour: boolean;
  /** The older `stagecraft Dockerfile...` form printed findings only. */
  summary: boolean;
}

/** The stdout part of a text report; errors and skipped files go to stderr (see `textNotes`). */
export function formatText(run: RunReport, options: TextOptions): string {
  const paint = (code: string, text: string) => (options.colour ? `${code}${text}${RESET}` : text);
  let out = '';
  for (const file of run.files) {
    if (file.diff) {
      out += file.diff;
    }
    for (const finding of sortedFindings(file.findings)) {
      const { line, character } = finding.range.start;
      out += `${paint(BOLD, `${file.displayPath}:${line + 1}:${character + 1}:`)} ${paint(COLOURS[finding.severity], finding.severity)} ${paint(DIM, `${finding.ruleId}:`)} ${finding.message}\n`;
    }
  }
  if (options.summary) {
    out += summaryLine(run) + '\n';
  }
  return out;
}

/** Lines for stderr: files that could not be checked, files skipped, problems with the arguments. */
export function textNotes(run: RunReport): string {
  let out = '';
  for (const problem of run.problems) {
    out += `stagecraft: ${problem}\n`;
  }
  for (const file of run.files) {
    if (file.error) {
      out += `${file.displayPath}: ${file.error}\n`;
    } else if (file.skipped) {
      out += `${file.displayPath}: skipped: ${file.skipped}\n`;
    }
  }
  return out;
}

function summaryLine(run: RunReport): string {
  const checked = run.files.filter((file) => !file.error && !file.skipped);
  const counts = countFindings(run.files);
  const total = SEVERITY_ORDER.reduce((sum, severity) => sum + counts[severity], 0);
  const parts: string[] = [];
  const fixed = run.files.reduce((sum, file) => sum + (file.fixesApplied ?? 0), 0);
  const splits = run.files.filter((file) => file.splitApplied).length;
  const changed = run.files.filter((file) => (file.fixesApplied ?? 0) > 0 || file.splitApplied).length;
  const verb = run.files.some((file) => file.diff !== undefined) ? 'would apply' : 'applied';
  if (fixed > 0 || splits > 0) {
    parts.push(`${verb} ${plural(fixed, 'fix', 'fixes')}${splits > 0 ? ` and ${plural(splits, 'split')}` : ''} in ${plural(changed, 'file')}`);
  }
  if (total === 0) {
    parts.push(`${plural(checked.length, 'file')} checked: no problems`);
  } else {
    const bySeverity = SEVERITY_ORDER.filter((severity) => counts[severity] > 0).map((severity) =>
      severity === 'information' ? `${counts[severity]} information` : plural(counts[severity], severity),
    );
    const withFindings = run.files.filter((file) => file.findings.length > 0).length;
    parts.push(`${plural(total, 'problem')} (${bySeverity.join(', ')}) in ${plural(withFindings, 'file')} of ${checked.length} checked`);
  }
  const notChecked = run.files.filter((file) => file.error).length;
  if (notChecked > 0) {
    parts.push(`${plural(notChecked, 'file')} could not be checked`);
  }
  return parts.join('; ');
}
