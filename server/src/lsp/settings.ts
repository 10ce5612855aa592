// Stagecraft's settings as the server sees them: read per document from the client, validated,
// cached until the client says they changed. Invalid values fall back to defaults with one
// clear message, never an exception.
import { RuleSetting } from '../core/analyze';
import { ALL_RULES } from '../rules';

export interface StagecraftSettings {
  enable: boolean;
  /** Per-rule severity overrides (`stagecraft.rules`). */
  rules: Record<string, RuleSetting>;
}

export const DEFAULT_SETTINGS: StagecraftSettings = { enable: true, rules: {} };

const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'hint', 'information', 'warning', 'error'];

export interface ValidatedSettings {
  settings: StagecraftSettings;
  /** Human-readable problems found in the raw value, each naming the setting. */
  problems: string[];
}

export function validateSettings(raw: unknown): ValidatedSettings {
  const problems: string[] = [];
  const settings: StagecraftSettings = { enable: DEFAULT_SETTINGS.enable, rules: {} };
  if (raw === undefined || raw === null) {
    return { settings, problems };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings, problems: ['"stagecraft" settings must be an object; using the defaults.'] };
  }
  const record = raw as Record<string, unknown>;
  if (record.enable !== undefined) {
    if (typeof record.enable === 'boolean') {
      settings.enable = record.enable;
    } else {
      problems.push(`"stagecraft.enable" must be true or false, not ${JSON.stringify(record.enable)}; using true.`);
    }
  }
  if (record.rules !== undefined) {
    if (typeof record.rules !== 'object' || record.rules === null || Array.isArray(record.rules)) {
      problems.push('"stagecraft.rules" must be an object of rule ids to severities; ignoring it.');
    } else {
      for (const [id, value] of Object.entries(record.rules as Record<string, unknown>)) {
        if (!ALL_RULES.some((rule) => rule.id === id)) {
          problems.push(`"stagecraft.rules" names an unknown rule "${id}"; ignoring it.`);
        } else if (typeof value !== 'string' || !RULE_SETTINGS.includes(value as RuleSetting)) {
          problems.push(`"stagecraft.rules.${id}" must be one of ${RULE_SETTINGS.join(', ')}; using the rule's default.`);
        } else {
          settings.rules[id] = value as RuleSetting;
        }
      }
    }
  }
  return { settings, problems };
}
