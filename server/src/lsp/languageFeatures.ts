// `stagecraft.languageFeatures` (auto | on | off): whether the server offers the everyday
// Dockerfile features (formatting, outline, folding, highlights, rename, links, signature help,
// semantic tokens, definition, instruction completion and hover docs). Microsoft's Container
// Tools, the Docker extension and Docker DX run rcjsuen's Dockerfile server themselves, so with
// `auto` those features are off while the client reports one of them active: users never see
// two of everything. Stagecraft's own answers (diagnostics, fixes, templates, runtime-image and
// stage completion, image and stage hovers) stay on in every mode.
//
// With a client that registers capabilities dynamically (VS Code does), the features are
// registered and unregistered as the mode changes; otherwise they are announced statically at
// initialize, from the mode then known.
import {
  ClientCapabilities,
  Connection,
  DefinitionRequest,
  Disposable,
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  DocumentLinkRequest,
  DocumentOnTypeFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  NotificationType,
  ProtocolRequestType,
  RenameRequest,
  SemanticTokensRegistrationType,
  ServerCapabilities,
  SignatureHelpRequest,
} from 'vscode-languageserver/node';
import { semanticTokensLegend } from './languageService';

export type LanguageFeaturesSetting = 'auto' | 'on' | 'off';

export const LANGUAGE_FEATURES_SETTINGS: readonly LanguageFeaturesSetting[] = ['auto', 'on', 'off'];

/** What the VS Code client sends in `initializationOptions` (other clients may send the first). */
export interface StagecraftInitializationOptions {
  /** The value of `stagecraft.languageFeatures` when the server starts. */
  languageFeatures?: LanguageFeaturesSetting;
  /** Ids of the active extensions that answer the everyday features themselves. */
  otherDockerfileExtensions?: string[];
  /**
   * Whether to offer the templates of snippets/dockerfile.json as completion items. The VS Code
   * client says false: VS Code shows them from the extension's snippet contribution already.
   */
  templateCompletions?: boolean;
}

/** Sent by the VS Code client when one of those extensions is installed, enabled or removed. */
export const OtherDockerfileExtensionsNotification = new NotificationType<{ extensions: string[] }>('stagecraft/otherDockerfileExtensions');

export function parseLanguageFeaturesSetting(raw: unknown): { setting: LanguageFeaturesSetting; problem?: string } {
  if (raw === undefined || raw === null) {
    return { setting: 'auto' };
  }
  if (typeof raw === 'string' && (LANGUAGE_FEATURES_SETTINGS as readonly string[]).includes(raw)) {
    return { setting: raw as LanguageFeaturesSetting };
  }
  return { setting: 'auto', problem: `"stagecraft.languageFeatures" must be one of ${LANGUAGE_FEATURES_SETTINGS.join(', ')}, not ${JSON.stringify(raw)}; using auto.` };
}

export function everydayFeaturesEnabled(setting: LanguageFeaturesSetting, otherExtensions: readonly string[]): boolean {
  return setting === 'on' || (setting === 'auto' && otherExtensions.length === 0);
}

/** One everyday feature: its static capability, its registration, and the client's dynamic support. */
interface Feature {
  name: string;
  staticCapability: Partial<ServerCapabilities>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registration types differ per request
  registrationType: ProtocolRequestType<any, any, any, any, any> | typeof SemanticTokensRegistrationType.type;
  registrationOptions: object;
  clientSupports(capabilities: ClientCapabilities): { supported: boolean; dynamic: boolean };
}

const ON_TYPE = { firstTriggerCharacter: '\\', moreTriggerCharacter: ['`'] };
const SIGNATURE_TRIGGERS = { triggerCharacters: ['-', '[', ',', ' ', '='] };

function everydayFeatures(): Feature[] {
  const plain = (dynamic: { dynamicRegistration?: boolean } | undefined) => ({ supported: true, dynamic: dynamic?.dynamicRegistration === true });
  const legend = semanticTokensLegend();
  return [
    { name: 'formatting', staticCapability: { documentFormattingProvider: true }, registrationType: DocumentFormattingRequest.type, registrationOptions: {}, clientSupports: (c) => plain(c.textDocument?.formatting) },
    { name: 'range formatting', staticCapability: { documentRangeFormattingProvider: true }, registrationType: DocumentRangeFormattingRequest.type, registrationOptions: {}, clientSupports: (c) => plain(c.textDocument?.rangeFormatting) },
    { name: 'on-type formatting', staticCapability: { documentOnTypeFormattingProvider: ON_TYPE }, registrationType: DocumentOnTypeFormattingRequest.type, registrationOptions: ON_TYPE, clientSupports: (c) => plain(c.textDocument?.onTypeFormatting) },
    { name: 'document symbols', staticCapability: { documentSymbolProvider: true }, registrationType: DocumentSymbolRequest.type, registrationOptions: {}, clientSupports: (c) => plain(c.textDocument?.documentSymbol) },
    { name: 'folding', staticCapability: { foldingRangeProvider: true }, registrationType: FoldingRangeRequest.type, registrationOptions: {}, clientSupports: (c) => plain(c.textDocument?.foldingRange) },
    { name: 'highlights', staticCapability: { documentHighlightProvider: true }, registrationType: DocumentHighlightRequest.type, registrationOptions: {}, clientSupports: (c) => plain(c.textDocument?.documentHighlight) },
    { name: 'rename', staticCapability: { renameProvider: { prepareProvider: true } }, registrationType: RenameRequest.type, registrationOptions: { prepareProvider: true }, clientSupports: (c) => plain(c.textDocument?.rename) },
    { name: 'document links', staticCapability: { documentLinkProvider: { resolveProvider: true } }, registrationType: DocumentLinkRequest.type, registrationOptions: { resolveProvider: true }, clientSupports: (c) => plain(c.textDocument?.documentLink) },
    { name: 'signature help', staticCapability: { signatureHelpProvider: SIGNATURE_TRIGGERS }, registrationType: SignatureHelpRequest.type, registrationOptions: SIGNATURE_TRIGGERS, clientSupports: (c) => plain(c.textDocument?.signatureHelp) },
    { name: 'definition', staticCapability: { definitionProvider: true }, registrationType: DefinitionRequest.type, registrationOptions: {}, clientSupports: (c) => plain(c.textDocument?.definition) },
    {
      name: 'semantic tokens',
      staticCapability: { semanticTokensProvider: { legend, full: true } },
      registrationType: SemanticTokensRegistrationType.type,
      registrationOptions: { legend, full: true },
      clientSupports: (c) => ({ supported: c.textDocument?.semanticTokens !== undefined, dynamic: c.textDocument?.semanticTokens?.dynamicRegistration === true }),
    },
  ];
}

export class LanguageFeaturesMode {
  private setting: LanguageFeaturesSetting = 'auto';
  private otherExtensions: string[] = [];
  private features: (Feature & { dynamic: boolean })[] = [];
  private registrations: Promise<Disposable>[] = [];
  private registered = false;
  /** The state last written to the log. */
  private announced: boolean | undefined;
  private templates = true;
  private supportsConfiguration = false;
  private readonly reported = new Set<string>();

  constructor(private readonly connection: Connection) {}

  /** Whether the everyday features answer now. */
  get enabled(): boolean {
    return everydayFeaturesEnabled(this.setting, this.otherExtensions);
  }

  /** Whether Stagecraft's templates are offered as completion items. */
  get templateCompletions(): boolean {
    return this.templates;
  }

  /** Reads the initialization options; returns the capabilities announced statically. */
  initialize(capabilities: ClientCapabilities, options: unknown): Partial<ServerCapabilities> {
    const init = (typeof options === 'object' && options !== null ? options : {}) as StagecraftInitializationOptions;
    this.setting = this.parse(init.languageFeatures);
    this.otherExtensions = Array.isArray(init.otherDockerfileExtensions) ? init.otherDockerfileExtensions.filter((id) => typeof id === 'string') : [];
    this.templates = init.templateCompletions !== false;
    this.supportsConfiguration = capabilities.workspace?.configuration === true;
    this.features = everydayFeatures()
      .map((feature) => ({ ...feature, ...feature.clientSupports(capabilities) }))
      .filter((feature) => feature.supported);
    const announced: Partial<ServerCapabilities> = {};
    if (this.enabled) {
      for (const feature of this.features.filter((f) => !f.dynamic)) {
        Object.assign(announced, feature.staticCapability);
      }
    }
    return announced;
  }

  /** After `initialized`: reads the setting and registers what is dynamic. */
  async initialized(): Promise<void> {
    this.connection.onNotification(OtherDockerfileExtensionsNotification, ({ extensions }) => {
      this.otherExtensions = Array.isArray(extensions) ? extensions : [];
      void this.apply();
    });
    await this.refresh(undefined);
  }

  /** On `didChangeConfiguration`: `pushed` is the notification's settings (clients without `workspace/configuration`). */
  async refresh(pushed: unknown): Promise<void> {
    if (this.supportsConfiguration) {
      try {
        const section: unknown = await this.connection.workspace.getConfiguration({ section: 'stagecraft' });
        const value = typeof section === 'object' && section !== null ? (section as Record<string, unknown>).languageFeatures : undefined;
        this.setting = this.parse(value ?? this.setting);
      } catch {
        // Keep the last known setting.
      }
    } else if (typeof pushed === 'object' && pushed !== null) {
      const section = (pushed as Record<string, unknown>).stagecraft;
      if (typeof section === 'object' && section !== null && 'languageFeatures' in section) {
        this.setting = this.parse((section as Record<string, unknown>).languageFeatures);
      }
    }
    await this.apply();
  }

  private async apply(): Promise<void> {
    const enabled = this.enabled;
    if (enabled && !this.registered) {
      this.registered = true;
      this.registrations = this.features
        .filter((feature) => feature.dynamic)
        .map((feature) => this.connection.client.register(feature.registrationType as never, { documentSelector: null, ...feature.registrationOptions } as never));
    } else if (!enabled && this.registered) {
      this.registered = false;
      for (const registration of this.registrations.splice(0)) {
        (await registration.catch(() => undefined))?.dispose();
      }
    }
    if (enabled !== this.announced) {
      this.announced = enabled;
      const others = this.otherExtensions.length > 0 ? `; active: ${this.otherExtensions.join(', ')}` : '';
      this.connection.console.log(`Everyday Dockerfile features ${enabled ? 'on' : 'off'} (stagecraft.languageFeatures: ${this.setting}${others}).`);
    }
  }

  private parse(raw: unknown): LanguageFeaturesSetting {
    const { setting, problem } = parseLanguageFeaturesSetting(raw);
    if (problem && !this.reported.has(problem)) {
      this.reported.add(problem);
      void this.connection.window.showWarningMessage(`Stagecraft: ${problem}`);
    }
    return setting;
  }
}
