// The contract every fix implements. A fix turns the current document into edits; the LSP
// layer decides where to offer it (on which diagnostics, as which code action kind).
import { Stage, StageModel } from '../core/stages';
import { Range, TextEdit } from '../core/types';

/** Read-only access to the build context (the Dockerfile's folder), when the host has one. */
export interface BuildContext {
  /** The text of a file relative to the context root, or undefined when it is not there. */
  readFile(relativePath: string): string | undefined;
  /**
   * The entries of a folder relative to the context root, folders with a trailing `/`, sorted;
   * undefined when it is not there or the host cannot list folders (then the split must not
   * assume a folder is absent).
   */
  listDirectory?(relativePath: string): string[] | undefined;
  /**
   * A file `levelsUp` folders above the context root (a compose file in the repository's root
   * that builds this folder), with the path from there down to the context root (`app`,
   * `services/web`); undefined when it is not there or the host cannot read above the context.
   */
  readAbove?(levelsUp: number, fileName: string): { text: string; pathBelow: string } | undefined;
}

export interface FixContext {
  model: StageModel;
  /** The document text the model was built from. */
  text: string;
  buildContext?: BuildContext;
  /** YYYY-MM-DD, for facts that follow the calendar (a frozen Debian release); default today. */
  today?: string;
  /** Where the user asked for actions (the cursor or selection), for fixes about one place. */
  range?: Range;
  /** The stage that ships (the configured target, else the last); default the last stage. */
  runtimeStage?: Stage;
}

export type FixKind = 'quickfix' | 'refactor.rewrite';

export interface FixResult {
  /** Overrides the fix's title, e.g. to name a variant ("... (python:3.12-slim runtime)"). */
  title?: string;
  edits: TextEdit[];
  /** Large rewrites ask the editor to show its refactor preview before applying. */
  needsConfirmation?: boolean;
  /** Overrides the fix's isPreferred (only the first of several variants is preferred). */
  isPreferred?: boolean;
}

export interface Fix {
  id: string;
  title: string;
  /** The rules whose diagnostics this fix is offered on. */
  forRules: readonly string[];
  /** Also offered, without a diagnostic, as a refactoring anywhere in the file. */
  alsoAsRefactoring?: boolean;
  isPreferred?: boolean;
  /** The ways this fix applies to the document; [] when it does not. */
  compute(context: FixContext): FixResult[];
  /** When compute offers nothing: why, if the fix knows (shown as a disabled code action). */
  whyNotOffered?(context: FixContext): string | undefined;
}

/**
 * A fix that offers at most one edit, planned by `plan`: the edit, or why it is not offered (a
 * string). The plan serves both `compute` and `whyNotOffered`, so the two cannot disagree.
 */
export function fixFromPlan(fix: Omit<Fix, 'compute' | 'whyNotOffered'>, plan: (context: FixContext) => FixResult | string): Fix {
  return {
    ...fix,
    compute(context) {
      const planned = plan(context);
      return typeof planned === 'string' ? [] : [planned];
    },
    whyNotOffered(context) {
      const planned = plan(context);
      return typeof planned === 'string' ? planned : undefined;
    },
  };
}
