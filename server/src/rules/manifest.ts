// The rule list as JSON for the places outside the code that name rules: the `stagecraft.rules`
// setting in package.json and the `.stagecraft.json` schema (written by scripts/sync-rules.mjs).
import { NOT_PRODUCTION } from '../core/analyze';
import { ALL_RULES } from './index';

const SEVERITY_ENUM = ['off', 'hint', 'information', 'warning', 'error'];

interface JsonSchema {
  [key: string]: unknown;
}

export function ruleManifest(): { settingsProperties: Record<string, JsonSchema>; configSchema: JsonSchema } {
  const settingsProperties: Record<string, JsonSchema> = {};
  for (const rule of ALL_RULES) {
    settingsProperties[rule.id] = { type: 'string', enum: SEVERITY_ENUM, description: `${rule.description} (default: ${rule.enabledByDefault === false ? `off; ${rule.defaultSeverity} when turned on` : rule.defaultSeverity})` };
  }
  settingsProperties[NOT_PRODUCTION] = {
    type: 'string',
    enum: SEVERITY_ENUM,
    description: 'The one-line note that a file is not checked as a production image (default: information)',
  };
  const configSchema: JsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Stagecraft configuration (.stagecraft.json)',
    description: 'Read by the Stagecraft extension and CLI from the workspace root. VS Code settings under stagecraft.* win over this file for the same rule or target; lists are combined.',
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: { type: 'object', properties: settingsProperties, additionalProperties: false },
      target: { type: 'string', description: 'The stage that ships (docker build --target); default: the last stage.' },
      allowedRuntimeImages: { type: 'array', items: { type: 'string' }, description: 'Runtime images accepted besides distroless: globs or /regex/.' },
      exclude: { type: 'array', items: { type: 'string' }, description: 'Globs of Dockerfiles (relative to the workspace root) that are not production images.' },
    },
  };
  return { settingsProperties, configSchema };
}
