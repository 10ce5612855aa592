// LSP glue: document sync, settings, debounced validation, code actions. No Dockerfile logic
// lives here; it calls the core (`core/analyze.ts`, `fixes/`).
import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, RuleSetting, analyzeDockerfile } from '../core/analyze';
import { codeActionsFor } from './codeActions';
import { findDocsDirectory, toDiagnostic } from './convert';
import { SettingsStore } from './settingsStore';

/** Typing pauses shorter than this do not trigger an analysis. */
const DEBOUNCE_MS = 200;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsStore(connection);
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
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
      },
      serverInfo: { name: 'stagecraft' },
    };
  });

  connection.onInitialized(() => {
    if (settings.supportsDynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'stagecraft' });
    }
    log('Stagecraft server ready.');
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    analyses.clear();
    documents.all().forEach((document) => schedule(document, 0));
  });

  function analyze(document: TextDocument, ruleSeverities: Readonly<Record<string, RuleSetting>>): Analysis {
    const cached = analyses.get(document.uri);
    if (cached && cached.version === document.version) {
      return cached.analysis;
    }
    const analysis = analyzeDockerfile(document.getText(), {
      ruleSeverities,
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
    const current = await settings.forDocument(uri);
    // The user may have typed while settings were fetched: only publish for the latest text.
    if (documents.get(uri)?.version !== version) {
      return;
    }
    const diagnostics = current.enable
      ? analyze(document, current.rules).findings.map((finding) => toDiagnostic(finding, docsDirectory))
      : [];
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
      const current = await settings.forDocument(document.uri);
      return current.enable ? codeActionsFor(document, analyze(document, current.rules), params) : [];
    } catch (error) {
      logError(`Code actions for ${document.uri}`, error);
      return [];
    }
  });

  documents.listen(connection);
  connection.listen();
}
