// Stagecraft's configuration, shared by the editor and the CLI: the keys of `.stagecraft.json`
// at the workspace root, which are also VS Code settings under `stagecraft.*`. Validation never
// throws: every problem becomes a sentence naming the key, and the key falls back to its default.
import { ALL_RULES } from '../rules';
import { RuleSetting } from './analyze';
import { patternProblem } from './glob';

export interface StagecraftConfig {
  /** Severity per rule id. */
  rules: Record<string, RuleSetting>;
  /** The stage that ships (`docker build --target`). */
  target?: string;
  /** Runtime images accepted besides distroless: globs or /regex/ on the image reference. */
  allowedRuntimeImages: string[];
  /** Path globs of Dockerfiles that are not production images. */
  exclude: string[];
}

export const CONFIG_FILE_NAME = '.stagecraft.json';
const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'hint', 'information', 'warning', 'error'];
/** Ids that are findings but not rules in the registry, and can still be configured. */
const EXTRA_IDS = ['not-production-image'];

export function emptyConfig(): StagecraftConfig {
  return { rules: {}, allowedRuntimeImages: [], exclude: [] };
}

/**
 * `label(key)` names a key for messages, e.g. `"stagecraft.rules"` for settings or
 * `.stagecraft.json "rules"` for the file.
 */
export function validateConfig(raw: Record<string, unknown>, label: (key: string) => string): { config: StagecraftConfig; problems: string[] } {
  const config = emptyConfig();
  const problems: string[] = [];
  const known = new Set([...ALL_RULES.map((rule) => rule.id), ...EXTRA_IDS]);

  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) {
      problems.push(`${label('rules')} must be an object of rule ids to severities; ignoring it.`);
    } else {
      for (const [id, value] of Object.entries(raw.rules)) {
        if (!known.has(id)) {
          problems.push(`${label('rules')} names an unknown rule "${id}"; ignoring it.`);
        } else if (typeof value !== 'string' || !RULE_SETTINGS.includes(value as RuleSetting)) {
          problems.push(`${label(`rules.${id}`)} must be one of ${RULE_SETTINGS.join(', ')}; using the rule's default.`);
        } else {
          config.rules[id] = value as RuleSetting;
        }
      }
    }
  }
  if (raw.target !== undefined && raw.target !== null && raw.target !== '') {
    if (typeof raw.target === 'string') {
      config.target = raw.target;
    } else {
      problems.push(`${label('target')} must be a stage name; ignoring it.`);
    }
  }
  config.allowedRuntimeImages = patternList(raw.allowedRuntimeImages, label('allowedRuntimeImages'), problems);
  config.exclude = patternList(raw.exclude, label('exclude'), problems);
  return { config, problems };
}

/** Editor settings win over the file for the same rule or target; lists are combined. */
export function mergeConfigs(file: StagecraftConfig, editor: StagecraftConfig): StagecraftConfig {
  return {
    rules: { ...file.rules, ...editor.rules },
    target: editor.target ?? file.target,
    allowedRuntimeImages: [...new Set([...file.allowedRuntimeImages, ...editor.allowedRuntimeImages])],
    exclude: [...new Set([...file.exclude, ...editor.exclude])],
  };
}

/** Parses `.stagecraft.json` text; a syntax error is one problem and an empty config. */
export function parseConfigFile(text: string, fileLabel = CONFIG_FILE_NAME): { config: StagecraftConfig; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { config: emptyConfig(), problems: [`${fileLabel} is not valid JSON (${reason}); using the defaults.`] };
  }
  if (!isRecord(raw)) {
    return { config: emptyConfig(), problems: [`${fileLabel} must contain a JSON object; using the defaults.`] };
  }
  return validateConfig(raw, (key) => `${fileLabel} "${key}"`);
}

function patternList(value: unknown, name: string, problems: string[]): string[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    problems.push(`${name} must be a list of strings; ignoring it.`);
    return [];
  }
  const valid: string[] = [];
  for (const pattern of value as string[]) {
    const problem = patternProblem(pattern);
    if (problem) {
      problems.push(`${name} has an invalid regular expression ${pattern} (${problem}); ignoring it.`);
    } else {
      valid.push(pattern);
    }
  }
  return valid;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
