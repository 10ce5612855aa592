// The contract every rule implements. A rule is one file: its id, default severity, and one
// check over the stage model. Register it in `index.ts`, document it in `docs/rules/<id>.md`.
import { Stage, StageModel } from '../core/stages';
import { Range, Severity, TextEdit } from '../core/types';
import { BuildContext } from '../fixes/fix';

export interface RuleContext {
  model: StageModel;
  /** The document text the model was built from. */
  text: string;
  /** The same text split into lines (`\r\n` or `\n`), split once for all rules. */
  lines: readonly string[];
  /** The stage that ships: the configured `target` if it exists, else the final stage. */
  runtimeStage?: Stage;
  /** Today's date (YYYY-MM-DD), injected so date-based rules follow the calendar and tests can pin it. */
  today: string;
  /** Image references (glob or /regex/) the team accepts as runtime images (`allowedRuntimeImages`). */
  allowedRuntimeImages: readonly string[];
  /** The build context's `.dockerignore`, when one is known (the editor reads it beside the Dockerfile). */
  dockerIgnore?: { excludes(relativePath: string): boolean; reincludesUnder?(relativePath: string): boolean };
  /** The ignore file `buildContext` has (`<name>.dockerignore` first), read once for every rule. */
  dockerIgnoreFile?: { path: string; text: string };
  /** The Dockerfile's folder, when the host has one (not for untitled documents or stdin). */
  buildContext?: BuildContext;
  /** The Dockerfile's file name (`api.Dockerfile`), for `<name>.dockerignore`; undefined when unknown. */
  dockerfileName?: string;
}

/** A small fix attached to one finding, offered as a quick fix on its diagnostic. */
export interface FindingFix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
  /** A new file beside the Dockerfile (relative to its folder); offered only where the client can create files. */
  createFile?: NewFile;
  /** Edits to an existing file beside the Dockerfile (relative to its folder), instead of `edits`. */
  otherFileEdits?: { relativePath: string; edits: TextEdit[] };
}

export interface NewFile {
  relativePath: string;
  text: string;
}

export interface RuleResult {
  range: Range;
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. minimal vs full image). */
  severity?: Severity;
  fixes?: FindingFix[];
  /**
   * The BuildKit build check this finding is (or covers, for our rules that overlap one): its
   * `# check=skip=` directives silence it and `# check=error=true` makes it an error.
   */
  buildKitCheck?: string;
}

export interface Rule {
  /** Stable kebab-case id: the diagnostic code and the docs page name (`docs/rules/<id>.md`). */
  id: string;
  /** One line for docs and settings. */
  description: string;
  defaultSeverity: Severity;
  /** Opt-in rules run only when a setting gives them a severity. Default: true. */
  enabledByDefault?: boolean;
  /** Production-image rules are skipped for dev containers and files marked not-production. */
  productionOnly?: boolean;
  /** Where the diagnostic links to, when not our own page (`docs/rules/<id>.md`), e.g. Docker's page for a build check. */
  docsUrl?: string;
  check(context: RuleContext): RuleResult[];
}
