// Stagecraft's VS Code settings as the server sees them: `stagecraft.enable` plus the keys it
// shares with `.stagecraft.json` (see core/config.ts). Invalid values fall back to defaults.
import { StagecraftConfig, emptyConfig, validateConfig } from '../core/config';

export interface StagecraftSettings extends StagecraftConfig {
  enable: boolean;
}

export const DEFAULT_SETTINGS: StagecraftSettings = { enable: true, ...emptyConfig() };

export interface ValidatedSettings {
  settings: StagecraftSettings;
  /** Human-readable problems found in the raw value, each naming the setting. */
  problems: string[];
}

export function validateSettings(raw: unknown): ValidatedSettings {
  if (raw === undefined || raw === null) {
    return { settings: { ...DEFAULT_SETTINGS }, problems: [] };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings: { ...DEFAULT_SETTINGS }, problems: ['"stagecraft" settings must be an object; using the defaults.'] };
  }
  const record = raw as Record<string, unknown>;
  const { config, problems } = validateConfig(record, (key) => `"stagecraft.${key}"`);
  let enable = true;
  if (record.enable !== undefined) {
    if (typeof record.enable === 'boolean') {
      enable = record.enable;
    } else {
      problems.push(`"stagecraft.enable" must be true or false, not ${JSON.stringify(record.enable)}; using true.`);
    }
  }
  return { settings: { enable, ...config }, problems };
}
