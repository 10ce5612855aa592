// The contract every fix implements. A fix turns the current document into an edit; the LSP
// layer decides where to offer it (on which diagnostics, as which code action kind).
import { StageModel } from '../core/stages';
import { TextEdit } from '../core/types';

export interface FixContext {
  model: StageModel;
  /** The document text the model was built from. */
  text: string;
}

export type FixKind = 'quickfix' | 'refactor.rewrite';

export interface FixResult {
  edits: TextEdit[];
  /** Large rewrites ask the editor to preview before applying. */
  needsConfirmation?: boolean;
}

export interface Fix {
  id: string;
  title: string;
  /** The rules whose diagnostics this fix is offered on. */
  forRules: readonly string[];
  /** Also offered, without a diagnostic, as a refactoring anywhere in the file. */
  alsoAsRefactoring?: boolean;
  isPreferred?: boolean;
  /** Undefined when the fix does not apply to this document. */
  compute(context: FixContext): FixResult | undefined;
}
