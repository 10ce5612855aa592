// The rules as machine formats describe them: id, one-line description, default level, docs page.
import { NOT_PRODUCTION } from '../../core/analyze';
import { onlineRuleDocsUrl } from '../../core/ruleDocs';
import { Severity } from '../../core/types';
import { ALL_RULES, findRule } from '../../rules';

export interface RuleMetadata {
  id: string;
  description: string;
  defaultSeverity: Severity;
  enabledByDefault: boolean;
}

export const REPORTED_RULES: readonly RuleMetadata[] = [
  ...ALL_RULES.map((rule) => ({ id: rule.id, description: rule.description, defaultSeverity: rule.defaultSeverity, enabledByDefault: rule.enabledByDefault !== false })),
  { id: NOT_PRODUCTION, description: 'The file is not checked as a production image (dev container, excluded, or marked not-production): the production rules are off for it.', defaultSeverity: 'information', enabledByDefault: true },
];

/** The rule's own page when it has one (Docker's page for a BuildKit check), else ours. */
export function ruleUrl(ruleId: string): string {
  return findRule(ruleId)?.docsUrl ?? onlineRuleDocsUrl(ruleId);
}
