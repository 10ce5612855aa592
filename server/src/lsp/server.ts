// LSP glue: document sync, settings, scheduled validation, code actions, and the wiring of the
// editing features (completion, hover, the everyday features). No Dockerfile logic lives here;
// it calls the core (`core/analyze.ts`, `fixes/`, `authoring/`) and the feature modules.
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ClientCapabilities,
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadTemplates } from '../authoring/templates';
import { Analysis, AnalysisOptions, analyzeDockerfile, runtimeStageOf } from '../core/analyze';
import { mergeConfigs } from '../core/config';
import { IncrementalParser } from '../core/stageChunks';
import { limitYoungGeneration } from '../gcTuning';
import { StageModel, buildStageModel, parseDockerfile } from '../core/stages';
import { FolderListings } from '../fixes/folderListings';
import { AnalysisScheduler } from './analysisScheduler';
import { buildContextFor } from './buildContext';
import { FIX_ALL_KIND, codeActionsFor } from './codeActions';
import { COMPLETION_CAPABILITY, itemCapabilities, registerCompletion } from './completion';
import { ConfigFiles, documentPathOf } from './configFiles';
import { findDocsDirectory, guideDocsUrl, toDiagnostic } from './convert';
import { registerEverydayHandlers } from './everyday';
import { registerHover } from './hover';
import { LanguageFeaturesMode } from './languageFeatures';
import { EverydayService } from './languageService';
import { SettingsStore } from './settingsStore';
import { registerStageNavigation } from './stageNavigation';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsStore(connection);
  const configFiles = new ConfigFiles((problem) => settings.reportProblem(problem));
  const docsDirectory = findDocsDirectory(__dirname);
  /** The latest analysis of each document, and how long it took (the scheduler paces by it). */
  const analyses = new Map<string, { version: number; analysis: Analysis; costMs: number }>();
  /** Each open document's parser: a large file's unchanged stages keep their parse between edits. */
  const parsers = new Map<string, IncrementalParser>();
  /** Build context folders listed once per change of the folder, not once per analysis. */
  const folderListings = new FolderListings();
  const everyday = new EverydayService();
  const languageFeatures = new LanguageFeaturesMode(connection);
  let clientCapabilities: ClientCapabilities = {};

  const log = (message: string) => connection.console.log(message);
  const logError = (context: string, error: unknown) =>
    connection.console.error(`${context}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);

  // A bug in one request must not take the server (and the user's diagnostics) down.
  process.on('uncaughtException', (error) => logError('Unexpected error', error));
  process.on('unhandledRejection', (error) => logError('Unhandled rejection', error));

  connection.onInitialize((params): InitializeResult => {
    settings.initialize(params.capabilities);
    clientCapabilities = params.capabilities;
    everyday.setClientCapabilities(params.capabilities);
    const everydayCapabilities = languageFeatures.initialize(params.capabilities, params.initializationOptions);
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    configFiles.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND] },
        completionProvider: COMPLETION_CAPABILITY,
        hoverProvider: true,
        referencesProvider: true,
        codeLensProvider: { resolveProvider: false },
        ...everydayCapabilities,
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
    languageFeatures.initialized().catch((error: unknown) => logError('Registering the language features', error));
    log('Stagecraft server ready.');
  });

  function revalidateAll(): void {
    analyses.clear();
    documents.all().forEach((document) => scheduler.request(document.uri));
  }

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    languageFeatures.refresh(change.settings).catch((error: unknown) => logError('Reading stagecraft.languageFeatures', error));
    revalidateAll();
  });

  // The client watches `.stagecraft.json` and `.dockerignore` files.
  connection.onDidChangeWatchedFiles(() => {
    configFiles.invalidate();
    folderListings.clear();
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
        // Lazy: read only by rules that need it (missing-dockerignore), after their cheap checks.
        buildContext: buildContextFor(documentPath, folderListings),
      },
    };
  }

  function analyze(document: TextDocument, options: AnalysisOptions): Analysis {
    const cached = analyses.get(document.uri);
    if (cached && cached.version === document.version) {
      return cached.analysis;
    }
    limitYoungGeneration();
    const started = performance.now();
    let incrementalParser = parsers.get(document.uri);
    if (!incrementalParser) {
      incrementalParser = new IncrementalParser();
      parsers.set(document.uri, incrementalParser);
    }
    const analysis = analyzeDockerfile(document.getText(), {
      ...options,
      incrementalParser,
      onRuleError: (rule, error) => logError(`Rule ${rule.id} failed on ${document.uri}`, error),
    });
    analyses.set(document.uri, { version: document.version, analysis, costMs: performance.now() - started });
    return analysis;
  }

  /** Analyses the document's latest text and publishes the findings; resolves with the analysis time. */
  async function validate(uri: string): Promise<number | undefined> {
    const document = documents.get(uri);
    if (!document) {
      return undefined;
    }
    const version = document.version;
    const { enable, options } = await optionsFor(document);
    // The user may have typed while settings were fetched: only publish for the latest text
    // (the scheduler analyses that one next).
    if (documents.get(uri)?.version !== version) {
      return undefined;
    }
    const diagnostics = enable ? analyze(document, options).findings.map((finding) => toDiagnostic(finding, docsDirectory)) : [];
    await connection.sendDiagnostics({ uri, version, diagnostics });
    return analyses.get(uri)?.costMs;
  }

  const scheduler = new AnalysisScheduler(validate, (uri, error) => logError(`Validating ${uri}`, error));

  // Fires on open too; edits that come while an analysis runs collapse into the next one.
  documents.onDidChangeContent((event) => scheduler.request(event.document.uri));
  documents.onDidClose((event) => {
    scheduler.forget(event.document.uri);
    analyses.delete(event.document.uri);
    parsers.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) {
      return [];
    }
    try {
      const { enable, options } = await optionsFor(document);
      if (!enable) {
        return [];
      }
      const analysis = analyze(document, options);
      return codeActionsFor(document, analysis, params, buildContextFor(documentPathOf(document.uri), folderListings), {
        disabledSupport: clientCapabilities.textDocument?.codeAction?.disabledSupport === true,
        createFileSupport: clientCapabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
        onBudgetSpent: (skipped) => log(`Code actions for ${document.uri}: time budget spent, not computed: ${skipped.join(', ')}`),
        runtimeStage: analysis.model && runtimeStageOf(analysis.model, options.target),
      });
    } catch (error) {
      logError(`Code actions for ${document.uri}`, error);
      return [];
    }
  });

  /** The stage model of the current text: the cached analysis's when it is current. */
  function modelFor(document: TextDocument): StageModel {
    const cached = analyses.get(document.uri);
    if (cached && cached.version === document.version && cached.analysis.model) {
      return cached.analysis.model;
    }
    const text = document.getText();
    return buildStageModel(parseDockerfile(text), text);
  }

  const today = () => new Date().toISOString().slice(0, 10);
  const templates = loadTemplates(__dirname, (problem) => connection.console.warn(`Templates: ${problem}`));
  registerCompletion(connection, documents, {
    service: everyday,
    mode: languageFeatures,
    templates,
    capabilities: () => itemCapabilities(clientCapabilities),
    modelFor,
    runtimeStageFor: async (document, model) => runtimeStageOf(model, (await optionsFor(document)).options.target),
    today,
    logError,
  });
  registerHover(connection, documents, {
    service: everyday,
    mode: languageFeatures,
    analysisFor: async (document) => {
      const { enable, options } = await optionsFor(document);
      const analysis = analyze(document, options);
      return { analysis, runtimeStage: analysis.model && runtimeStageOf(analysis.model, options.target), showFindings: enable };
    },
    today,
    debuggingDocsUrl: guideDocsUrl('debugging-distroless.md', docsDirectory),
    logError,
  });
  registerStageNavigation(connection, documents, {
    modelFor,
    runtimeStageFor: async (document, model) => runtimeStageOf(model, (await optionsFor(document)).options.target),
    logError,
  });
  registerEverydayHandlers(connection, documents, {
    service: everyday,
    mode: languageFeatures,
    modelFor,
    hierarchicalSymbols: () => clientCapabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    logError,
  });

  documents.listen(connection);
  connection.listen();
}
