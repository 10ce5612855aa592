// One entry point for analysing a Dockerfile's text: guards against input we should not parse,
// builds the stage model, runs the enabled rules. Shared by the server, the CLI and the tests.
import { ALL_RULES } from '../rules';
import { Rule } from '../rules/rule';
import { StageModel, buildStageModel, parseDockerfile } from './stages';
import { Finding, Severity, rangeOf } from './types';

export type RuleSetting = Severity | 'off';

export interface AnalysisOptions {
  /** Per-rule severity overrides; rules not named keep their default. */
  ruleSeverities?: Readonly<Record<string, RuleSetting>>;
  /** Files longer than this (in characters) are not analysed. */
  maxFileLength?: number;
  /** Called when a rule throws, so the host can log it; the other rules still run. */
  onRuleError?: (rule: Rule, error: unknown) => void;
}

export interface Analysis {
  findings: Finding[];
  /** Absent when the input was refused (see the `file-not-analyzed` finding). */
  model?: StageModel;
}

export const DEFAULT_MAX_FILE_LENGTH = 2_000_000;
export const FILE_NOT_ANALYZED = 'file-not-analyzed';

export function analyzeDockerfile(text: string, options: AnalysisOptions = {}): Analysis {
  const refusal = refuseInput(text, options.maxFileLength ?? DEFAULT_MAX_FILE_LENGTH);
  if (refusal) {
    return { findings: [{ ruleId: FILE_NOT_ANALYZED, severity: 'information', message: refusal, range: rangeOf(0, 0, 0, 0) }] };
  }
  const model = buildStageModel(parseDockerfile(stripByteOrderMark(text)));
  const findings: Finding[] = [];
  for (const rule of ALL_RULES) {
    const setting = options.ruleSeverities?.[rule.id];
    if (setting === 'off') {
      continue;
    }
    try {
      for (const result of rule.check({ model })) {
        findings.push({
          ruleId: rule.id,
          severity: setting ?? result.severity ?? rule.defaultSeverity,
          message: result.message,
          range: result.range,
        });
      }
    } catch (error) {
      options.onRuleError?.(rule, error);
    }
  }
  return { findings, model };
}

/** A reason not to parse the text, or undefined when it looks like a Dockerfile we can handle. */
function refuseInput(text: string, maxLength: number): string | undefined {
  if (text.length > maxLength) {
    const megabytes = (text.length / 1_000_000).toFixed(1);
    return `Stagecraft did not analyse this file: it has ${megabytes} million characters, more than the limit of ${maxLength.toLocaleString('en-US')}.`;
  }
  if (looksBinary(text)) {
    return 'Stagecraft did not analyse this file: it looks like binary data (it contains NUL or other control bytes), not a Dockerfile.';
  }
  return undefined;
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) {
    return true;
  }
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    // Control characters other than tab, newline, vertical tab, form feed, carriage return.
    if ((code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f) {
      controls++;
    }
  }
  return controls > sample.length * 0.05;
}

/** Keeps offsets stable: the BOM becomes a space instead of being removed. */
function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}
