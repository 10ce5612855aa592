// The handlers of the everyday features. Each answers only while `LanguageFeaturesMode` says
// they are on (a client may still ask after they were unregistered), and a failure in one is
// logged and answered with nothing rather than an error in the user's face.
import { Connection, FoldingRange, ResponseError, TextDocuments, WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { StageModel } from '../core/stages';
import { stageOutline } from './documentSymbols';
import { mergeFoldingRanges, stageFoldingRanges } from './folding';
import { LanguageFeaturesMode } from './languageFeatures';
import { EverydayService } from './languageService';
import { withinSizeLimit } from './editingLimits';
import { stageDefinition, stageHighlights, stagePrepareRename, stageRename } from './stageNavigation';

export { MAX_EDITING_FEATURES_LENGTH, withinSizeLimit } from './editingLimits';

export interface EverydayDependencies {
  service: EverydayService;
  mode: LanguageFeaturesMode;
  modelFor(document: TextDocument): StageModel;
  /** Whether the client shows a symbol hierarchy (`hierarchicalDocumentSymbolSupport`). */
  hierarchicalSymbols(): boolean;
  logError(context: string, error: unknown): void;
}

export function registerEverydayHandlers(connection: Connection, documents: TextDocuments<TextDocument>, deps: EverydayDependencies): void {
  const { service, mode } = deps;

  /** Runs `answer` on the open document when the features are on; null otherwise or on failure. */
  function answer<R>(what: string, uri: string, compute: (document: TextDocument, text: string) => R): R | null {
    const document = documents.get(uri);
    if (!document || !mode.enabled) {
      return null;
    }
    const text = document.getText();
    if (!withinSizeLimit(text)) {
      return null;
    }
    try {
      return compute(document, text);
    } catch (error) {
      deps.logError(`${what} for ${uri}`, error);
      return null;
    }
  }

  connection.onDocumentFormatting((params) => answer('Formatting', params.textDocument.uri, (_, text) => service.format(text, params.options)));
  connection.onDocumentRangeFormatting((params) => answer('Range formatting', params.textDocument.uri, (_, text) => service.formatRange(text, params.range, params.options)));
  connection.onDocumentOnTypeFormatting((params) =>
    answer('On-type formatting', params.textDocument.uri, (_, text) => service.formatOnType(text, params.position, params.ch, params.options)),
  );
  connection.onDocumentSymbol((params) =>
    answer('Document symbols', params.textDocument.uri, (document, text) =>
      deps.hierarchicalSymbols() ? stageOutline(deps.modelFor(document)) : service.flatSymbols(params.textDocument.uri, text),
    ),
  );
  connection.onFoldingRanges((params) =>
    answer('Folding', params.textDocument.uri, (document, text): FoldingRange[] => mergeFoldingRanges(service.foldingRanges(text), stageFoldingRanges(deps.modelFor(document)))),
  );
  // Stage names are Stagecraft's (every --from form, RUN --mount from=, the target directive);
  // everything else (variables, instructions) is the service's.
  connection.onDocumentHighlight((params) =>
    answer('Highlights', params.textDocument.uri, (document, text) => stageHighlights(deps.modelFor(document), params.position) ?? service.highlights(text, params.position)),
  );
  connection.onPrepareRename((params) =>
    answer('Prepare rename', params.textDocument.uri, (document, text) => stagePrepareRename(deps.modelFor(document), params.position) ?? service.prepareRename(text, params.position)),
  );
  connection.onRenameRequest((params) =>
    answer('Rename', params.textDocument.uri, (document, text): WorkspaceEdit | ResponseError<void> => {
      const forStage = stageRename(deps.modelFor(document), document.uri, params.position, params.newName);
      if (forStage) {
        return forStage;
      }
      const edits = service.rename(document.uri, text, params.position, params.newName);
      return { changes: { [document.uri]: edits } };
    }),
  );
  connection.onDocumentLinks((params) => answer('Document links', params.textDocument.uri, (document, text) => service.links(text, deps.modelFor(document))));
  connection.onDocumentLinkResolve((link) => (mode.enabled ? service.resolveLink(link) : link));
  connection.onSignatureHelp((params) => answer('Signature help', params.textDocument.uri, (_, text) => service.signatureHelp(text, params.position)));
  connection.onDefinition((params) =>
    answer('Definition', params.textDocument.uri, (document, text) => stageDefinition(deps.modelFor(document), document.uri, params.position) ?? service.definition(document.uri, text, params.position)),
  );
  connection.languages.semanticTokens.on((params) => answer('Semantic tokens', params.textDocument.uri, (_, text) => service.semanticTokens(text)) ?? { data: [] });
}
