// One hover: Stagecraft's (an image reference's facts and runtime-rule verdict, a stage's
// definition and uses; always on) above dockerfile-language-service's (instruction and flag
// docs, ARG/ENV values; while the everyday features are on), separated by a rule.
import { Connection, Hover, MarkupContent, MarkupKind, MarkedString, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { HoverInfo, hoverAt } from '../authoring/hoverInfo';
import { Analysis } from '../core/analyze';
import { Stage } from '../core/stages';
import { withinSizeLimit } from './everyday';
import { LanguageFeaturesMode } from './languageFeatures';
import { EverydayService } from './languageService';

export interface HoverDependencies {
  service: EverydayService;
  mode: LanguageFeaturesMode;
  /** The cached analysis of the document, the stage that ships, and whether findings are shown. */
  analysisFor(document: TextDocument): Promise<{ analysis: Analysis; runtimeStage?: Stage; showFindings: boolean }>;
  today(): string;
  /** Where the "How to debug this image" part links (docs/debugging-distroless.md). */
  debuggingDocsUrl: string;
  logError(context: string, error: unknown): void;
}

export function registerHover(connection: Connection, documents: TextDocuments<TextDocument>, deps: HoverDependencies): void {
  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !withinSizeLimit(document.getText())) {
      return null;
    }
    try {
      const { analysis, runtimeStage, showFindings } = await deps.analysisFor(document);
      const ours = analysis.model
        ? hoverAt(analysis.model, params.position, { today: deps.today(), runtimeStage, findings: showFindings ? analysis.findings : [], debuggingDocsUrl: deps.debuggingDocsUrl })
        : undefined;
      const theirs = deps.mode.enabled ? deps.service.hover(document.getText(), params.position) : null;
      return mergeHovers(ours, theirs);
    } catch (error) {
      deps.logError(`Hover for ${document.uri}`, error);
      return null;
    }
  });
}

export function mergeHovers(ours: HoverInfo | undefined, theirs: Hover | null): Hover | null {
  if (!ours) {
    return theirs;
  }
  const parts = [ours.markdown];
  const other = theirs ? markdownOf(theirs.contents) : '';
  if (other.trim() !== '') {
    parts.push(other);
  }
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: ours.range };
}

function markdownOf(contents: Hover['contents']): string {
  if (typeof contents === 'string') {
    return contents;
  }
  if (Array.isArray(contents)) {
    return contents.map((part) => markdownOf(part)).join('\n\n');
  }
  if (MarkupContent.is(contents)) {
    return contents.value;
  }
  const marked = contents as Exclude<MarkedString, string>;
  return `\`\`\`${marked.language}\n${marked.value}\n\`\`\``;
}
