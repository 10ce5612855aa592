// One entry point for analysing a Dockerfile's text: guards against input we should not parse,
// builds the stage model, runs the enabled rules, applies ignore comments. Shared by the
// server, the CLI and the tests.
import { findDockerIgnoreFile, parseDockerIgnore } from '../fixes/dockerIgnore';
import { BuildContext } from '../fixes/fix';
import { ALL_RULES } from '../rules';
import { Rule, RuleContext } from '../rules/rule';
import { notProductionReason } from './production';
import { StageModel, Stage, buildStageModel, findStageByName, parseDockerfile } from './stages';
import { IncrementalParser, MIN_CHUNKED_LENGTH } from './stageChunks';
import { findSuppressions, isSuppressed } from './suppressions';
import { commentSilences } from './commentSilences';
import { Finding, Severity, rangeOf } from './types';

export type RuleSetting = Severity | 'off';

export interface AnalysisOptions {
  /** Per-rule severity overrides; rules not named keep their default. */
  ruleSeverities?: Readonly<Record<string, RuleSetting>>;
  /** The build target (`docker build --target`): the stage that ships. Default: the last. */
  target?: string;
  /** Runtime images the team accepts besides distroless (glob or /regex/). */
  allowedRuntimeImages?: readonly string[];
  /** Path globs of Dockerfiles that are not production images. */
  exclude?: readonly string[];
  /** The document's file system path, for `.devcontainer/` and `exclude`. */
  documentPath?: string;
  /** YYYY-MM-DD; default today. */
  today?: string;
  /**
   * The build context's ignore file (CopyIgnoredFile); without it, the one `buildContext` has:
   * `<Dockerfile name>.dockerignore`, else `.dockerignore`, as BuildKit reads them.
   */
  dockerIgnore?: { excludes(relativePath: string): boolean; reincludesUnder?(relativePath: string): boolean };
  /** Files longer than this (in characters) are not analysed. */
  maxFileLength?: number;
  /**
   * The document's own incremental parser (the server keeps one per open document): files of
   * MIN_CHUNKED_LENGTH characters or more are then parsed stage by stage, only the changed
   * stages again. Without it every file is parsed whole.
   */
  incrementalParser?: IncrementalParser;
  /**
   * The build context (the Dockerfile's folder), for rules about what the build sends; without
   * it (untitled documents, stdin) those rules are silent.
   */
  buildContext?: BuildContext;
  /** Called when a rule throws, so the host can log it; the other rules still run. */
  onRuleError?: (rule: Rule, error: unknown) => void;
}

export interface Analysis {
  findings: Finding[];
  /** Absent when the input was refused (see the `file-not-analyzed` finding). */
  model?: StageModel;
}

export const DEFAULT_MAX_FILE_LENGTH = 5_000_000;
export const FILE_NOT_ANALYZED = 'file-not-analyzed';

/**
 * The longest line analysed. Real Dockerfile lines are at most a few thousand characters (the
 * longest in the corpus, a parser test of long text, has 145,000); dockerfile-ast builds an
 * object per word of a line, so a single line of hundreds of thousands of words takes seconds.
 */
export const MAX_LINE_LENGTH = 200_000;
export const NOT_PRODUCTION = 'not-production-image';

export function analyzeDockerfile(text: string, options: AnalysisOptions = {}): Analysis {
  const refusal = refuseInput(text, options.maxFileLength ?? DEFAULT_MAX_FILE_LENGTH);
  if (refusal) {
    return { findings: [{ ruleId: FILE_NOT_ANALYZED, severity: 'information', message: refusal, range: rangeOf(0, 0, 0, 0) }] };
  }
  const source = stripByteOrderMark(text);
  const incremental = source.length >= MIN_CHUNKED_LENGTH ? options.incrementalParser : undefined;
  const parsed = incremental ? incremental.parse(source) : parseDockerfile(source);
  const model = buildStageModel(parsed, source);
  const lines = source.split(/\r?\n/);
  // Either separator: the path may come from Windows or from a relative glob base.
  const dockerfileName = options.documentPath?.split(/[\\/]/).pop() || undefined;
  const dockerIgnoreFile = options.buildContext ? findDockerIgnoreFile(options.buildContext, dockerfileName) : undefined;
  const context: RuleContext = {
    model,
    text: source,
    lines,
    runtimeStage: runtimeStageOf(model, options.target),
    today: options.today ?? todayUtc(),
    allowedRuntimeImages: options.allowedRuntimeImages ?? [],
    dockerIgnore: options.dockerIgnore ?? (dockerIgnoreFile ? parseDockerIgnore(dockerIgnoreFile.text) : undefined),
    dockerIgnoreFile,
    buildContext: options.buildContext,
    dockerfileName,
  };
  const notProduction = notProductionReason(model, lines, options.documentPath, options.exclude ?? []);

  const findings: Finding[] = [];
  if (notProduction && options.ruleSeverities?.[NOT_PRODUCTION] !== 'off') {
    findings.push({
      ruleId: NOT_PRODUCTION,
      severity: options.ruleSeverities?.[NOT_PRODUCTION] ?? 'information',
      message: `Not checked as a production image: ${notProduction.reason}. The multistage, distroless and non-root rules are off for this file.`,
      range: notProduction.range,
    });
  }
  for (const rule of ALL_RULES) {
    const setting = options.ruleSeverities?.[rule.id];
    if (setting === 'off' || (setting === undefined && rule.enabledByDefault === false) || (rule.productionOnly && notProduction)) {
      continue;
    }
    try {
      for (const result of rule.check(context)) {
        findings.push({
          ruleId: rule.id,
          severity: setting ?? result.severity ?? rule.defaultSeverity,
          message: result.message,
          range: result.range,
          fixes: result.fixes,
          ...(result.buildKitCheck ? { buildKitCheck: result.buildKitCheck } : {}),
        });
      }
    } catch (error) {
      options.onRuleError?.(rule, error);
    }
  }
  const suppressions = findSuppressions(lines, model.dockerfile.getInstructions());
  const silences = commentSilences(lines, model.dockerfile.getInstructions());
  return { findings: silences.apply(withoutCoveredChecks(findings).filter((finding) => !isSuppressed(finding, suppressions))), model };
}

/**
 * A BuildKit check's own finding (rule id = check name) where one of our rules already reported
 * that check at the same place (shell-form-command for JSONArgsRecommended, secret-in-image for
 * SecretsUsedInArgOrEnv) is dropped: one finding, naming the check. Done here, after the
 * settings, so turning our rule off brings Docker's check back.
 */
function withoutCoveredChecks(findings: Finding[]): Finding[] {
  const key = (finding: Finding) => `${finding.buildKitCheck}@${finding.range.start.line}:${finding.range.start.character}`;
  const covered = new Set(findings.filter((f) => f.buildKitCheck && f.ruleId !== f.buildKitCheck).map(key));
  return covered.size === 0 ? findings : findings.filter((f) => f.ruleId !== f.buildKitCheck || !covered.has(key(f)));
}

let today = { text: '', until: 0 };

/** Today's date (UTC, YYYY-MM-DD), formatted once a day rather than once per analysis. */
function todayUtc(): string {
  const now = Date.now();
  if (now >= today.until) {
    const date = new Date(now);
    today = { text: date.toISOString().slice(0, 10), until: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1) };
  }
  return today.text;
}

/**
 * The stage that ships: the file's `# stagecraft: target=` directive, else the configured target,
 * when it names a stage; else the last stage.
 */
export function runtimeStageOf(model: StageModel, target: string | undefined): Stage | undefined {
  const wanted = model.targetDirective?.name ?? target;
  return (wanted ? findStageByName(model.stages, wanted) : undefined) ?? model.finalStage;
}

/** A reason not to parse the text, or undefined when it looks like a Dockerfile we can handle. */
function refuseInput(text: string, maxLength: number): string | undefined {
  if (text.length > maxLength) {
    const megabytes = (text.length / 1_000_000).toFixed(1);
    return `Stagecraft did not analyse this file: it has ${megabytes} million characters, more than the limit of ${maxLength.toLocaleString('en-US')}.`;
  }
  const longest = longestLine(text);
  if (longest > MAX_LINE_LENGTH) {
    return `Stagecraft did not analyse this file: it has a line of ${longest.toLocaleString('en-US')} characters, more than the limit of ${MAX_LINE_LENGTH.toLocaleString('en-US')} for one line.`;
  }
  if (looksBinary(text)) {
    return 'Stagecraft did not analyse this file: it looks like binary data (it contains NUL or other control bytes), not a Dockerfile.';
  }
  return undefined;
}

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    longest = Math.max(longest, stop - start);
    start = stop + 1;
  }
  return longest;
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
