// One completion list: Stagecraft's proposals (templates, runtime images, stage names; always
// on) and, while the everyday features are on, dockerfile-language-service's (instructions,
// flags, variables, paths). A proposal both make (a stage name after `COPY --from=`) appears once,
// as ours, which carries where the stage is defined and used.
import {
  ClientCapabilities,
  CompletionItem,
  CompletionItemKind,
  CompletionItemTag,
  CompletionList,
  CompletionParams,
  Connection,
  InsertTextFormat,
  MarkupKind,
  ServerCapabilities,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Proposal, ProposalKind, imageDocumentation, proposalsAt } from '../authoring/completions';
import { Template } from '../authoring/templates';
import { Stage, StageModel } from '../core/stages';
import { withinSizeLimit } from './everyday';
import { LanguageFeaturesMode } from './languageFeatures';
import { EverydayService } from './languageService';

/** `/` and `:` walk through an image reference, `=` opens a flag value; the rest are the service's. */
export const COMPLETION_CAPABILITY: ServerCapabilities['completionProvider'] = {
  triggerCharacters: [' ', '=', '$', '-', '/', ':'],
  resolveProvider: true,
};

const KINDS: Record<ProposalKind, CompletionItemKind> = {
  template: CompletionItemKind.Snippet,
  image: CompletionItemKind.Module,
  stage: CompletionItemKind.Reference,
};

interface ItemCapabilities {
  snippets: boolean;
  markdown: boolean;
  insertReplace: boolean;
  deprecatedTag: boolean;
  deprecatedFlag: boolean;
}

export function itemCapabilities(capabilities: ClientCapabilities): ItemCapabilities {
  const item = capabilities.textDocument?.completion?.completionItem;
  return {
    snippets: item?.snippetSupport === true,
    markdown: item?.documentationFormat?.includes(MarkupKind.Markdown) === true,
    insertReplace: item?.insertReplaceSupport === true,
    deprecatedTag: item?.tagSupport?.valueSet.includes(CompletionItemTag.Deprecated) === true,
    deprecatedFlag: item?.deprecatedSupport === true,
  };
}

/** Marks our items, so that resolving does not send them to the service; images get their documentation then. */
interface StagecraftData {
  stagecraft: true;
  image?: { reference: string; ships: boolean };
}

export function toCompletionItem(proposal: Proposal, capabilities: ItemCapabilities): CompletionItem {
  const useSnippet = proposal.snippet !== undefined && capabilities.snippets;
  const newText = useSnippet ? (proposal.snippet as string) : proposal.insertText;
  const item: CompletionItem = {
    label: proposal.label,
    kind: KINDS[proposal.kind],
    detail: proposal.detail,
    sortText: proposal.sortText,
    filterText: proposal.filterText,
    insertTextFormat: useSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: capabilities.insertReplace
      ? { newText, insert: proposal.insertRange, replace: proposal.replaceRange }
      : { newText, range: proposal.insertRange },
    data: { stagecraft: true, image: proposal.image } satisfies StagecraftData,
  };
  if (proposal.documentation) {
    item.documentation = capabilities.markdown ? { kind: MarkupKind.Markdown, value: proposal.documentation } : proposal.documentation;
  }
  if (proposal.preselect) {
    item.preselect = true;
  }
  if (proposal.deprecated) {
    if (capabilities.deprecatedTag) {
      item.tags = [CompletionItemTag.Deprecated];
    } else if (capabilities.deprecatedFlag) {
      item.deprecated = true;
    }
  }
  return item;
}

/** Ours first; theirs unless ours has the same label (a stage name after `COPY --from=`). */
export function mergeCompletions(ours: CompletionItem[], theirs: CompletionItem[]): CompletionItem[] {
  const labels = new Set(ours.map((item) => item.label.toLowerCase()));
  return [...ours, ...theirs.filter((item) => !labels.has(item.label.toLowerCase()))];
}

export interface CompletionDependencies {
  service: EverydayService;
  mode: LanguageFeaturesMode;
  templates: readonly Template[];
  capabilities(): ItemCapabilities;
  modelFor(document: TextDocument): StageModel;
  runtimeStageFor(document: TextDocument, model: StageModel): Promise<Stage | undefined>;
  today(): string;
}

export async function completionsFor(document: TextDocument, params: CompletionParams, deps: CompletionDependencies): Promise<CompletionList> {
  const text = document.getText();
  if (!withinSizeLimit(text)) {
    return { isIncomplete: false, items: [] };
  }
  const model = deps.modelFor(document);
  const everyday = deps.mode.enabled;
  const proposals = proposalsAt(text, model, params.position, {
    templates: deps.mode.templateCompletions ? deps.templates : [],
    today: deps.today(),
    runtimeStage: await deps.runtimeStageFor(document, model),
    overlapping: everyday,
  });
  const capabilities = deps.capabilities();
  const ours = proposals.map((proposal) => toCompletionItem(proposal, capabilities));
  const theirs = everyday ? await deps.service.completions(text, params.position) : [];
  return { isIncomplete: false, items: mergeCompletions(ours, theirs) };
}

export function registerCompletion(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  deps: CompletionDependencies & { logError(context: string, error: unknown): void },
): void {
  connection.onCompletion(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) {
      return null;
    }
    try {
      return await completionsFor(document, params, deps);
    } catch (error) {
      deps.logError(`Completion for ${document.uri}`, error);
      return null;
    }
  });
  connection.onCompletionResolve((item) => {
    try {
      return resolveCompletion(item, deps);
    } catch (error) {
      deps.logError('Completion resolve', error);
      return item;
    }
  });
}

export function resolveCompletion(item: CompletionItem, deps: Pick<CompletionDependencies, 'service' | 'mode' | 'capabilities' | 'today'>): CompletionItem {
  const data = item.data as Partial<StagecraftData> | undefined;
  if (data?.stagecraft) {
    const documentation = data.image && !item.documentation ? imageDocumentation(data.image.reference, data.image.ships, deps.today()) : undefined;
    if (documentation) {
      item.documentation = deps.capabilities().markdown ? { kind: MarkupKind.Markdown, value: documentation } : documentation;
    }
    return item;
  }
  return deps.mode.enabled ? deps.service.resolveCompletion(item) : item;
}
