// The everyday Dockerfile features (instruction and flag completion, instruction hover docs,
// formatting, symbols, folding, highlights, rename, links, signature help, semantic tokens,
// definition) from rcjsuen's dockerfile-language-service, with its one network call removed:
// its completion asks Docker Hub for the tags of the FROM image through a DockerRegistryClient
// it creates per request, so we run its DockerAssist ourselves with a registry client that
// answers from nothing. Where its answers are wrong for distroless images (links to Docker Hub
// for gcr.io images, a flat outline without stages), this module corrects them.
import { CompletionItemCapabilities, DockerfileLanguageService, DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { DockerAssist } from 'dockerfile-language-service/lib/dockerAssist';
import { DockerRegistryClient } from 'dockerfile-language-service/lib/dockerRegistryClient';
import { TokensLegend } from 'dockerfile-language-service/lib/dockerSemanticTokens';
import {
  ClientCapabilities,
  CompletionItem,
  DocumentLink,
  FormattingOptions,
  Hover,
  Position,
  Range,
  SemanticTokenModifiers,
  SemanticTokenTypes,
  SemanticTokensLegend,
  TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseImageReference } from '../core/imageReference';
import { StageModel } from '../core/stages';

/** Never reaches a registry: tag completion is Stagecraft's (from the catalog), offline. */
export class OfflineRegistryClient extends DockerRegistryClient {
  override getTags(): Promise<string[]> {
    return Promise.resolve([]);
  }
}

export class EverydayService {
  private readonly service: DockerfileLanguageService = DockerfileLanguageServiceFactory.createLanguageService();
  private completionItemCapabilities: CompletionItemCapabilities = {};

  setClientCapabilities(capabilities: ClientCapabilities): void {
    const textDocument = capabilities.textDocument;
    const item = textDocument?.completion?.completionItem;
    this.completionItemCapabilities = {
      snippetSupport: item?.snippetSupport === true,
      deprecatedSupport: item?.deprecatedSupport === true,
      documentationFormat: item?.documentationFormat,
      tagSupport: item?.tagSupport,
    };
    const rangeLimit = textDocument?.foldingRange?.rangeLimit;
    this.service.setCapabilities({
      completion: { completionItem: this.completionItemCapabilities },
      hover: { contentFormat: textDocument?.hover?.contentFormat },
      foldingRange: { lineFoldingOnly: textDocument?.foldingRange?.lineFoldingOnly === true, rangeLimit: typeof rangeLimit === 'number' ? rangeLimit : Number.MAX_VALUE },
    });
  }

  async completions(text: string, position: Position): Promise<CompletionItem[]> {
    const assist = new DockerAssist(TextDocument.create('', 'dockerfile', 0, text), new OfflineRegistryClient(), this.completionItemCapabilities);
    return (await assist.computeProposals(position)) as CompletionItem[];
  }

  resolveCompletion(item: CompletionItem): CompletionItem {
    return this.service.resolveCompletionItem(item) as CompletionItem;
  }

  hover(text: string, position: Position): Hover | null {
    return this.service.computeHover(text, position) as Hover | null;
  }

  format(text: string, options: FormattingOptions): TextEdit[] {
    return this.service.format(text, options) as TextEdit[];
  }

  formatRange(text: string, range: Range, options: FormattingOptions): TextEdit[] {
    return this.service.formatRange(text, range, options) as TextEdit[];
  }

  formatOnType(text: string, position: Position, character: string, options: FormattingOptions): TextEdit[] {
    return this.service.formatOnType(text, position, character, options) as TextEdit[];
  }

  flatSymbols(uri: string, text: string) {
    return this.service.computeSymbols({ uri }, text);
  }

  foldingRanges(text: string) {
    return this.service.computeFoldingRanges(text);
  }

  highlights(text: string, position: Position) {
    return this.service.computeHighlightRanges(text, position);
  }

  prepareRename(text: string, position: Position): Range | null {
    return this.service.prepareRename(text, position) as Range | null;
  }

  rename(uri: string, text: string, position: Position, newName: string): TextEdit[] {
    return this.service.computeRename({ uri }, text, position, newName) as TextEdit[];
  }

  definition(uri: string, text: string, position: Position) {
    return this.service.computeDefinition({ uri }, text, position);
  }

  signatureHelp(text: string, position: Position) {
    return this.service.computeSignatureHelp(text, position);
  }

  semanticTokens(text: string) {
    return this.service.computeSemanticTokens(text);
  }

  /**
   * The service's links, except that it sends every registry it does not know to Docker Hub
   * (`gcr.io/distroless/static` -> hub.docker.com/r/distroless/static): those get the image's
   * real home page when we know it, else no link.
   */
  links(text: string, model: StageModel): DocumentLink[] {
    const links = this.service.computeLinks(text) as DocumentLink[];
    const corrected: DocumentLink[] = [];
    for (const link of links) {
      const stage = model.stages.find((s) => {
        const range = s.from.getImageRange();
        return range !== null && range.start.line === link.range.start.line && range.start.character <= link.range.start.character && link.range.end.character <= range.end.character;
      });
      const image = stage ? parseImageReference(stage.from.getImage() ?? '') : undefined;
      if (!image || image.registry === undefined || ['ghcr.io', 'mcr.microsoft.com', 'quay.io'].includes(image.registry)) {
        corrected.push(link);
        continue;
      }
      const target = registryPage(image.registry, image.repository);
      const range = stage?.from.getImageNameRange();
      if (target && range) {
        corrected.push({ range: { start: stage?.from.getRegistryRange()?.start ?? range.start, end: range.end }, target });
      }
    }
    return corrected;
  }

  resolveLink(link: DocumentLink): DocumentLink {
    return link.target ? link : (this.service.resolveLink(link) as DocumentLink);
  }
}

/** Distroless images are documented per family in the distroless repository. */
const DISTROLESS_FAMILY_DIRECTORIES: [RegExp, string][] = [
  [/^distroless\/static/, 'static'],
  [/^distroless\/base/, 'base'],
  [/^distroless\/cc/, 'cc'],
  [/^distroless\/python3/, 'python3'],
  [/^distroless\/nodejs/, 'nodejs'],
  [/^distroless\/java/, 'java'],
];

function registryPage(registry: string, repository: string): string | undefined {
  if (registry === 'gcr.io' && repository.startsWith('distroless/')) {
    const directory = DISTROLESS_FAMILY_DIRECTORIES.find(([pattern]) => pattern.test(repository))?.[1];
    return `https://github.com/GoogleContainerTools/distroless${directory ? `/blob/main/${directory}/README.md` : ''}`;
  }
  if (registry === 'cgr.dev' && repository.startsWith('chainguard/')) {
    return `https://images.chainguard.dev/directory/image/${repository.slice('chainguard/'.length)}/overview`;
  }
  return undefined;
}

/**
 * The service numbers its token types and modifiers in an order of its own (including a
 * `modifier` type the LSP standard list names too); the legend must list them in that order.
 */
export function semanticTokensLegend(): SemanticTokensLegend {
  const tokenTypes: string[] = [];
  for (const type of Object.values(SemanticTokenTypes)) {
    const index = TokensLegend.getTokenType(type);
    if (typeof index === 'number') {
      tokenTypes[index] = type;
    }
  }
  const tokenModifiers: string[] = [];
  for (const modifier of Object.values(SemanticTokenModifiers)) {
    const bit = TokensLegend.getTokenModifiers([modifier]);
    if (bit > 0) {
      tokenModifiers[Math.log2(bit)] = modifier;
    }
  }
  return { tokenTypes: [...tokenTypes].map((type) => type ?? 'unused'), tokenModifiers: [...tokenModifiers].map((modifier) => modifier ?? 'unused') };
}
