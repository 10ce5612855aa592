// The contract every rule implements. A rule is one file: its id, default severity, and one
// check over the stage model. Register it in `index.ts`.
import { StageModel } from '../core/stages';
import { Range, Severity } from '../core/types';

export interface RuleContext {
  model: StageModel;
}

export interface RuleResult {
  range: Range;
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. minimal vs full image). */
  severity?: Severity;
}

export interface Rule {
  /** Stable kebab-case id: the diagnostic code and the docs page name (`docs/rules/<id>.md`). */
  id: string;
  /** One line for docs and settings. */
  description: string;
  defaultSeverity: Severity;
  check(context: RuleContext): RuleResult[];
}
