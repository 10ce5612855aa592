// Per-document settings from the client (`workspace/configuration` with the document as scope),
// cached per folder until the client reports a change: settings are scoped to workspace folders
// (and languages), never to one file, so the files of a folder share one answer, and opening a
// file costs no round trip to the client once its folder is known. Problems with the values are
// shown once each.
import { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, StagecraftSettings, validateSettings } from './settings';

export class SettingsStore {
  private supportsConfiguration = false;
  supportsDynamicConfiguration = false;
  supportsWorkspaceFolders = false;
  /** Used when the client cannot answer `workspace/configuration` (pushed settings). */
  private globalSettings: StagecraftSettings = DEFAULT_SETTINGS;
  private readonly perFolder = new Map<string, Promise<StagecraftSettings>>();
  private readonly reportedProblems = new Set<string>();

  constructor(private readonly connection: Connection) {}

  initialize(capabilities: ClientCapabilities): void {
    this.supportsConfiguration = capabilities.workspace?.configuration === true;
    this.supportsDynamicConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    this.supportsWorkspaceFolders = capabilities.workspace?.workspaceFolders === true;
  }

  changed(pushed: unknown): void {
    this.perFolder.clear();
    if (!this.supportsConfiguration) {
      const section = typeof pushed === 'object' && pushed !== null ? (pushed as Record<string, unknown>).stagecraft : undefined;
      this.globalSettings = this.validate(section);
    }
  }

  forDocument(uri: string): Promise<StagecraftSettings> {
    if (!this.supportsConfiguration) {
      return Promise.resolve(this.globalSettings);
    }
    const folder = folderOf(uri);
    let settings = this.perFolder.get(folder);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'stagecraft' })
        .then((raw: unknown) => this.validate(raw))
        .catch(() => DEFAULT_SETTINGS);
      this.perFolder.set(folder, settings);
    }
    return settings;
  }

  /** Shows a configuration problem once per session, however often it is found again. */
  reportProblem(problem: string): void {
    if (!this.reportedProblems.has(problem)) {
      this.reportedProblems.add(problem);
      void this.connection.window.showWarningMessage(`Stagecraft: ${problem}`);
    }
  }

  private validate(raw: unknown): StagecraftSettings {
    const { settings, problems } = validateSettings(raw);
    problems.forEach((problem) => this.reportProblem(problem));
    return settings;
  }
}

/** The folder part of a document URI (`file:///a/b/Dockerfile` → `file:///a/b/`). */
function folderOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash === -1 ? uri : uri.slice(0, slash + 1);
}
