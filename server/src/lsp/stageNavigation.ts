// Stages you can navigate: references, highlights, rename and go to definition for stage names
// (by name and by `--from=<index>`), the code lens over each FROM, and the stage graph. The
// occurrences come from authoring/stageOccurrences.ts; rcjsuen's service answers everything that
// is not a stage (variables, instructions), see everyday.ts.
import {
  CodeLens,
  Connection,
  DocumentHighlight,
  DocumentHighlightKind,
  Location,
  ReferenceParams,
  RequestType,
  ResponseError,
  ErrorCodes,
  TextDocuments,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Stage, StageModel } from '../core/stages';
import { Position, Range } from '../core/types';
import { stageLenses } from '../authoring/stageLenses';
import { buildStageGraphView, stageGraphMermaid, stageGraphSvg } from '../authoring/stageGraphView';
import { definitionRange, invalidStageName, occurrenceAt, occurrencesOf, renameEdits } from '../authoring/stageOccurrences';
import { withinSizeLimit } from './editingLimits';

/** The client command behind the "N references" lens (the VS Code client opens the peek view). */
export const SHOW_REFERENCES_COMMAND = 'stagecraft.showReferences';

export interface StageGraphParams {
  uri: string;
}

export interface StageGraphResult {
  /** The stages drawn, with classes for the host page's colours. */
  svg: string;
  /** The same graph as a Mermaid flowchart, for Markdown. */
  mermaid: string;
  stageCount: number;
}

export const StageGraphRequest = new RequestType<StageGraphParams, StageGraphResult | null, void>('stagecraft/stageGraph');

export interface StageNavigationDependencies {
  modelFor(document: TextDocument): StageModel;
  runtimeStageFor(document: TextDocument, model: StageModel): Promise<Stage | undefined>;
  logError(context: string, error: unknown): void;
}

/** References, code lens and the graph: Stagecraft's own, on whatever the everyday-features mode. */
export function registerStageNavigation(connection: Connection, documents: TextDocuments<TextDocument>, deps: StageNavigationDependencies): void {
  function withModel<R>(what: string, uri: string, compute: (document: TextDocument, model: StageModel) => R): R | null {
    const document = documents.get(uri);
    if (!document || !withinSizeLimit(document.getText())) {
      return null;
    }
    try {
      return compute(document, deps.modelFor(document));
    } catch (error) {
      deps.logError(`${what} for ${uri}`, error);
      return null;
    }
  }

  connection.onReferences((params: ReferenceParams) =>
    withModel('References', params.textDocument.uri, (document, model) => stageReferences(model, document.uri, params.position, params.context.includeDeclaration)),
  );

  connection.onCodeLens(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !withinSizeLimit(document.getText())) {
      return null;
    }
    try {
      const model = deps.modelFor(document);
      return codeLenses(model, document.uri, await deps.runtimeStageFor(document, model));
    } catch (error) {
      deps.logError(`Code lens for ${document.uri}`, error);
      return null;
    }
  });

  connection.onRequest(StageGraphRequest, async (params) => {
    const document = documents.get(params.uri);
    if (!document) {
      return null;
    }
    try {
      const model = deps.modelFor(document);
      const graph = buildStageGraphView(model, await deps.runtimeStageFor(document, model));
      return { svg: stageGraphSvg(graph), mermaid: stageGraphMermaid(graph), stageCount: graph.nodes.length };
    } catch (error) {
      deps.logError(`Stage graph for ${document.uri}`, error);
      return null;
    }
  });
}

export function stageReferences(model: StageModel, uri: string, position: Position, includeDeclaration: boolean): Location[] | null {
  const occurrence = occurrenceAt(model, position);
  if (!occurrence) {
    return null;
  }
  return occurrencesOf(model, occurrence.stage)
    .filter((each) => includeDeclaration || each.kind !== 'definition')
    .map((each) => Location.create(uri, each.range));
}

export function codeLenses(model: StageModel, uri: string, shipped: Stage | undefined): CodeLens[] {
  return stageLenses(model, shipped).map((lens): CodeLens => {
    const references = lens.references;
    const command = references
      ? { title: lens.title, command: SHOW_REFERENCES_COMMAND, arguments: [uri, references.definition.start, references.uses.map((range) => Location.create(uri, range))] }
      : // No command: the lens is a label (VS Code shows it unclickable).
        { title: lens.title, command: '' };
    return { range: lens.range, command };
  });
}

// The handlers below answer only for stage names; null hands the request to rcjsuen's service.

export function stageHighlights(model: StageModel, position: Position): DocumentHighlight[] | null {
  const occurrence = occurrenceAt(model, position);
  if (!occurrence) {
    return null;
  }
  return occurrencesOf(model, occurrence.stage).map((each) =>
    DocumentHighlight.create(each.range, each.kind === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read),
  );
}

export function stageDefinition(model: StageModel, uri: string, position: Position): Location | null {
  const occurrence = occurrenceAt(model, position);
  return occurrence ? Location.create(uri, definitionRange(occurrence.stage)) : null;
}

/** The range to rename, or an error a user can read; null when the cursor is not on a stage. */
export function stagePrepareRename(model: StageModel, position: Position): { range: Range; placeholder: string } | ResponseError<void> | null {
  const occurrence = occurrenceAt(model, position);
  if (!occurrence) {
    return null;
  }
  if (occurrence.byIndex || occurrence.stage.name === undefined) {
    return new ResponseError(ErrorCodes.InvalidRequest, 'This stage is referred to by its index: give it a name (FROM ... AS name) to rename it.');
  }
  return { range: occurrence.range, placeholder: occurrence.stage.name };
}

export function stageRename(model: StageModel, uri: string, position: Position, newName: string): WorkspaceEdit | ResponseError<void> | null {
  const occurrence = occurrenceAt(model, position);
  if (!occurrence) {
    return null;
  }
  if (occurrence.stage.name === undefined) {
    return new ResponseError(ErrorCodes.InvalidRequest, 'This stage has no name to rename.');
  }
  const problem = invalidStageName(newName, occurrence.stage, model);
  if (problem) {
    return new ResponseError(ErrorCodes.InvalidParams, problem);
  }
  return { changes: { [uri]: renameEdits(model, occurrence.stage, newName) } };
}
