// `.stagecraft.json` at the root of each workspace folder: read from disk (file: URIs only),
// cached until the client reports a change to it. Problems are shown once each.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE_NAME, StagecraftConfig, emptyConfig, parseConfigFile } from '../core/config';

export class ConfigFiles {
  private folders: string[] = [];
  private readonly cache = new Map<string, StagecraftConfig>();

  constructor(private readonly report: (problem: string) => void) {}

  /** Workspace folder URIs from `initialize` or `didChangeWorkspaceFolders`. */
  setFolders(folderUris: readonly string[]): void {
    this.folders = folderUris.flatMap((uri) => (uri.startsWith('file:') ? [fileURLToPath(uri)] : []));
    this.cache.clear();
  }

  invalidate(): void {
    this.cache.clear();
  }

  /** The folder that contains the document (the deepest one), if any. */
  folderOf(documentPath: string): string | undefined {
    return this.folders
      .filter((folder) => documentPath === folder || documentPath.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep))
      .sort((a, b) => b.length - a.length)[0];
  }

  configFor(documentPath: string | undefined): StagecraftConfig {
    const folder = documentPath ? this.folderOf(documentPath) : undefined;
    if (!folder) {
      return emptyConfig();
    }
    let config = this.cache.get(folder);
    if (!config) {
      config = this.read(path.join(folder, CONFIG_FILE_NAME));
      this.cache.set(folder, config);
    }
    return config;
  }

  private read(file: string): StagecraftConfig {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return emptyConfig(); // no config file is the normal case
    }
    const { config, problems } = parseConfigFile(text, file);
    problems.forEach(this.report);
    return config;
  }
}

/** The file system path of a `file:` URI, else undefined (untitled, virtual workspaces). */
export function documentPathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
