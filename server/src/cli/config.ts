// The CLI's configuration: `--config FILE`, else `.stagecraft.json` in the working folder when
// there is one. Unlike the editor, which falls back to defaults and shows a warning, CI must not
// run with half a configuration: any problem in the file is an error (exit code 2).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, StagecraftConfig, emptyConfig, parseConfigFile } from '../core/config';

export interface LoadedConfig {
  config: StagecraftConfig;
  /** The folder `exclude` globs are relative to: the configuration file's. */
  folder: string;
}

export function loadConfig(configFile: string | undefined, cwd: string): LoadedConfig | string {
  const configPath = configFile ? path.resolve(cwd, configFile) : path.join(cwd, CONFIG_FILE_NAME);
  const label = configFile ?? CONFIG_FILE_NAME;
  let text: string;
  try {
    text = fs.readFileSync(configPath, 'utf8');
  } catch (error) {
    const code = error && typeof error === 'object' && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT' && !configFile) {
      return { config: emptyConfig(), folder: cwd };
    }
    return `${label}: cannot read the configuration file: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error)}`;
  }
  const { config, problems } = parseConfigFile(text, label);
  if (problems.length > 0) {
    return `bad configuration: ${problems.join(' ').replace(/; (using the defaults|ignoring it|using the rule's default)\./g, '.')}`;
  }
  return { config, folder: path.dirname(configPath) };
}
