// LSP glue: document sync, settings, debounced validation, code actions. No Dockerfile logic
// lives here; it calls the core (`core/analyze.ts`, `fixes/`).
import * as path from 'node:path';
import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, AnalysisOptions, analyzeDockerfile } from '../core/analyze';
import { mergeConfigs } from '../core/config';
import { buildContextFor } from './buildContext';
import { FIX_ALL_KIND, codeActionsFor } from './codeActions';
import { ConfigFiles, documentPathOf } from './configFiles';
import { findDocsDirectory, toDiagnostic } from './convert';
import { SettingsStore } from './settingsStore';

/** Typing pauses shorter than this do not trigger an analysis. */
const DEBOUNCE_MS = 200;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsStore(connection);
  const configFiles = new ConfigFiles((problem) => settings.reportProblem(problem));
  const docsDirectory = findDocsDirectory(__dirname);
  const analyses = new Map<string, { version: number; analysis: Analysis }>();
  const timers = new Map<string, NodeJS.Timeout>();

  const log = (message: string) => connection.console.log(message);
  const logError = (context: string, error: unknown) =>
    connection.console.error(`${context}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);

  // A bug in one request must not take the server (and the user's diagnostics) down.
  process.on('uncaughtException', (error) => logError('Unexpected error', error));
  process.on('unhandledRejection', (error) => logError('Unhandled rejection', error));

  connection.onInitialize((params): InitializeResult => {
    settings.initialize(params.capabilities);
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    configFiles.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'stagecraft' },
    };
  });

  connection.onInitialized(() => {
    if (settings.supportsDynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'stagecraft' });
    }
    if (settings.supportsWorkspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
        configFiles.setFolders(folders.map((folder) => folder.uri));
        revalidateAll();
      });
    }
    log('Stagecraft server ready.');
  });

  function revalidateAll(): void {
    analyses.clear();
    documents.all().forEach((document) => schedule(document, 0));
  }

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    revalidateAll();
  });

  // The client watches `.stagecraft.json` files.
  connection.onDidChangeWatchedFiles(() => {
    configFiles.invalidate();
    revalidateAll();
  });

  /** The document's effective options: its folder's `.stagecraft.json` under the editor settings. */
  async function optionsFor(document: TextDocument): Promise<{ enable: boolean; options: AnalysisOptions }> {
    const editor = await settings.forDocument(document.uri);
    const documentPath = documentPathOf(document.uri);
    const config = mergeConfigs(configFiles.configFor(documentPath), editor);
    const folder = documentPath ? configFiles.folderOf(documentPath) : undefined;
    return {
      enable: editor.enable,
      options: {
        ruleSeverities: config.rules,
        target: config.target,
        allowedRuntimeImages: config.allowedRuntimeImages,
        exclude: config.exclude,
        // `exclude` globs are relative to the workspace folder.
        documentPath: documentPath && folder ? path.relative(folder, documentPath) : documentPath,
      },
    };
  }

  function analyze(document: TextDocument, options: AnalysisOptions): Analysis {
    const cached = analyses.get(document.uri);
    if (cached && cached.version === document.version) {
      return cached.analysis;
    }
    const analysis = analyzeDockerfile(document.getText(), {
      ...options,
      onRuleError: (rule, error) => logError(`Rule ${rule.id} failed on ${document.uri}`, error),
    });
    analyses.set(document.uri, { version: document.version, analysis });
    return analysis;
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) {
      return;
    }
    const version = document.version;
    const { enable, options } = await optionsFor(document);
    // The user may have typed while settings were fetched: only publish for the latest text.
    if (documents.get(uri)?.version !== version) {
      return;
    }
    const diagnostics = enable ? analyze(document, options).findings.map((finding) => toDiagnostic(finding, docsDirectory)) : [];
    await connection.sendDiagnostics({ uri, version, diagnostics });
  }

  function schedule(document: TextDocument, delay: number): void {
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        validate(document.uri).catch((error: unknown) => logError(`Validating ${document.uri}`, error));
      }, delay),
    );
  }

  // Fires on open too; typing bursts collapse into one analysis after the pause.
  documents.onDidChangeContent((event) => schedule(event.document, DEBOUNCE_MS));
  documents.onDidClose((event) => {
    clearTimeout(timers.get(event.document.uri));
    timers.delete(event.document.uri);
    analyses.delete(event.document.uri);
    settings.forget(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) {
      return [];
    }
    try {
      const { enable, options } = await optionsFor(document);
      return enable ? codeActionsFor(document, analyze(document, options), params, buildContextFor(document.uri)) : [];
    } catch (error) {
      logError(`Code actions for ${document.uri}`, error);
      return [];
    }
  });

  documents.listen(connection);
  connection.listen();
}
