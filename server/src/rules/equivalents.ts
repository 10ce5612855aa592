// The one table of other linters' rule codes that mean the same as a Stagecraft rule or a BuildKit
// check, so that their ignore comments (`# hadolint ignore=DL3006`, `# tally ignore=...`) silence
// our findings too. A code is mapped only where a finding of ours is a case of the other rule: on
// the line the other tool's ignore sits above, the author has accepted what we report there.
// A target is a Stagecraft rule id or a BuildKit check name; a check name silences the check's
// own rule and our rules that cover it (shell-form-command for JSONArgsRecommended, ...).

export type ForeignTool = 'hadolint' | 'tally';

export interface ForeignEquivalent {
  tool: ForeignTool;
  /** The code as the tool spells it: `DL3006`, `no-unreachable-stages` (tally's `tally/` prefix dropped). */
  code: string;
  /** What the other tool's rule says, for the docs. */
  meaning: string;
  /** Stagecraft rule ids and BuildKit check names it silences. */
  silences: readonly string[];
}

export const FOREIGN_EQUIVALENTS: readonly ForeignEquivalent[] = [
  { tool: 'hadolint', code: 'DL3000', meaning: 'Use absolute WORKDIR', silences: ['WorkdirRelativePath'] },
  { tool: 'hadolint', code: 'DL3002', meaning: 'Last USER should not be root', silences: ['runtime-runs-as-root'] },
  { tool: 'hadolint', code: 'DL3006', meaning: 'Always tag the version of an image explicitly', silences: ['unpinned-base-image'] },
  { tool: 'hadolint', code: 'DL3007', meaning: 'Using latest is prone to errors', silences: ['unpinned-base-image'] },
  { tool: 'hadolint', code: 'DL3012', meaning: 'Multiple HEALTHCHECK instructions', silences: ['MultipleInstructionsDisallowed'] },
  { tool: 'hadolint', code: 'DL3022', meaning: 'COPY --from should reference a previously defined FROM alias', silences: ['unknown-stage-reference'] },
  { tool: 'hadolint', code: 'DL3023', meaning: 'COPY --from cannot reference its own FROM alias', silences: ['unknown-stage-reference'] },
  { tool: 'hadolint', code: 'DL3024', meaning: 'FROM aliases (stage names) must be unique', silences: ['DuplicateStageName'] },
  { tool: 'hadolint', code: 'DL3025', meaning: 'Use arguments JSON notation for CMD and ENTRYPOINT arguments', silences: ['JSONArgsRecommended'] },
  { tool: 'hadolint', code: 'DL3029', meaning: 'Do not use --platform flag with FROM', silences: ['FromPlatformFlagConstDisallowed'] },
  { tool: 'hadolint', code: 'DL3063', meaning: 'Stage name is a reserved word', silences: ['ReservedStageName'] },
  { tool: 'hadolint', code: 'DL3064', meaning: 'Potentially sensitive data in ARG or ENV', silences: ['SecretsUsedInArgOrEnv'] },
  { tool: 'hadolint', code: 'DL3065', meaning: 'FROM --platform=$TARGETPLATFORM is redundant', silences: ['RedundantTargetPlatform'] },
  { tool: 'hadolint', code: 'DL4000', meaning: 'MAINTAINER is deprecated', silences: ['MaintainerDeprecated'] },
  { tool: 'hadolint', code: 'DL4003', meaning: 'Multiple CMD instructions found', silences: ['MultipleInstructionsDisallowed'] },
  { tool: 'hadolint', code: 'DL4004', meaning: 'Multiple ENTRYPOINT instructions found', silences: ['MultipleInstructionsDisallowed'] },
  { tool: 'tally', code: 'no-unreachable-stages', meaning: 'Build stages that do not contribute to the final image', silences: ['unused-stage'] },
  { tool: 'tally', code: 'prefer-multi-stage-build', meaning: 'Convert single-stage builds into multi-stage builds', silences: ['single-stage-build'] },
  { tool: 'tally', code: 'secrets-in-code', meaning: 'Hardcoded secrets, API keys and credentials', silences: ['secret-in-image'] },
];

/**
 * Our rules whose findings name a BuildKit check (RuleResult.buildKitCheck): an ignore of that
 * check silences them too. Kept here for the docs; a unit test checks the rules really name it.
 */
export const RULES_COVERING_A_CHECK: Readonly<Record<string, string>> = {
  'shell-form-command': 'JSONArgsRecommended',
  'secret-in-image': 'SecretsUsedInArgOrEnv',
};

/** What one tool's code silences; empty for codes we have no equivalent of. */
export function silencedBy(tool: ForeignTool, code: string): readonly string[] {
  return FOREIGN_EQUIVALENTS.filter((entry) => entry.tool === tool && entry.code === code).flatMap((entry) => entry.silences);
}

/** The table's entries that silence a rule, directly or through the check it covers. */
export function equivalentsOf(ruleId: string): ForeignEquivalent[] {
  const check = RULES_COVERING_A_CHECK[ruleId];
  return FOREIGN_EQUIVALENTS.filter((entry) => entry.silences.includes(ruleId) || (check !== undefined && entry.silences.includes(check)));
}

/**
 * The "Also silenced by" line of a rule's docs page, or undefined when no other tool's comment
 * silences it. scripts/sync-suppression-docs.mjs writes it; a unit test keeps the pages in step.
 */
export function alsoSilencedByLine(ruleId: string): string | undefined {
  const check = RULES_COVERING_A_CHECK[ruleId];
  const comments = [
    ...(check ? [`# check=skip=${check}`] : []),
    ...equivalentsOf(ruleId).map((entry) => `# ${entry.tool} ignore=${entry.code}`),
  ];
  if (comments.length === 0) {
    return undefined;
  }
  return `**Also silenced by:** ${comments.map((comment) => `\`${comment}\``).join(', ')} (other tools' comments that mean the same; see [ignore comments](../ignore-comments.md)).`;
}

/** The table in docs/ignore-comments.md. */
export function equivalentsTableMarkdown(): string {
  const rows = FOREIGN_EQUIVALENTS.map((entry) => `| ${entry.tool} | \`${entry.code}\` | ${entry.meaning} | ${entry.silences.map((target) => `\`${target}\``).join(', ')} |`);
  return ['| Tool | Code | Its rule | Silences in Stagecraft |', '|---|---|---|---|', ...rows].join('\n');
}
