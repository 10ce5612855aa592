import { Copy } from 'dockerfile-ast';
import { Stage, StageReference, findStageByName } from '../core/stages';
import { TargetDirective } from '../core/targetDirective';
import { Range } from '../core/types';
import { FindingFix, Rule, RuleResult } from './rule';
import { laterStageNamed, looksLikeImage, misspeltStageNames } from './stageNames';

export const unknownStageReference: Rule = {
  id: 'unknown-stage-reference',
  description: 'COPY --from, RUN --mount from=, FROM or the `# stagecraft: target=` directive names a stage that does not exist (yet): a typo or a forward reference.',
  defaultSeverity: 'error',
  check({ model }) {
    const results: RuleResult[] = [];
    for (const stage of model.stages) {
      const fromResult = checkFrom(stage, model.stages);
      if (fromResult) {
        results.push(fromResult);
      }
      for (const reference of stage.references) {
        const result = reference.target ? undefined : checkReference(reference, stage, model.stages);
        if (result) {
          results.push(result);
        }
      }
    }
    const directiveResult = checkTargetDirective(model.targetDirective, model.stages);
    if (directiveResult) {
      results.push(directiveResult);
    }
    return results;
  },
};

/** A directive naming no stage would silently check the last stage as the shipped one. */
function checkTargetDirective(directive: TargetDirective | undefined, stages: readonly Stage[]): RuleResult | undefined {
  if (!directive || findStageByName(stages, directive.name)) {
    return undefined;
  }
  const suggestions = misspeltStageNames(directive.name, stages);
  const named = stages.filter((stage) => stage.name !== undefined).map((stage) => `"${stage.name}"`);
  const fallback = stages[stages.length - 1];
  const checked = fallback?.name ? `the last stage ("${fallback.name}")` : 'the last stage';
  const hint = suggestions.length > 0 ? `did you mean ${suggestions.map((s) => `"${s.name}"`).join(' or ')}?` : named.length > 0 ? `the stages are ${named.join(', ')}.` : 'no stage has a name (add AS <name> to its FROM).';
  return {
    range: directive.range,
    message: `stagecraft: target=${directive.name} names no stage, so ${checked} is checked as the shipped one; ${hint}`,
    fixes: suggestions.map((suggestion): FindingFix => ({
      title: `Change to "${suggestion.name}"`,
      edits: [{ range: directive.range, newText: suggestion.name ?? directive.name }],
      isPreferred: suggestions.length === 1,
    })),
  };
}

function checkReference(reference: StageReference, stage: Stage, stages: readonly Stage[]): RuleResult | undefined {
  const { value, valueRange: range } = reference;
  const shown = reference.instruction.getKeyword() === 'RUN' ? `from=${value}` : `--from=${value}`;
  if (value.includes('$')) {
    // BuildKit expands variables in RUN --mount options, never in COPY --from.
    return reference.instruction instanceof Copy || reference.instruction.getKeyword() === 'ADD'
      ? {
          range,
          message: `${shown}: BuildKit does not expand variables in --from. Define a stage from the variable (ARG before the first FROM, then FROM \${...} AS name) and copy --from that stage.`,
        }
      : undefined;
  }
  if (/^\d+$/.test(value)) {
    const index = Number(value);
    if (index === stage.index) {
      return { range, message: `${shown} is this stage itself; refer to an earlier stage.` };
    }
    return index < stages.length
      ? { range, message: `${shown} refers to a later stage; a stage can only use the stages before it. Move stage ${value} above this one.` }
      : { range, message: `${shown}: there is no stage ${value} (stages are numbered from 0; this file has ${stages.length}).` };
  }
  const exact = findStageByName(stages, value);
  if (exact === stage) {
    return { range, message: `${shown} is this stage itself; refer to an earlier stage.` };
  }
  if (exact) {
    return { range, message: `${shown} refers to a stage defined later; a stage can only use the stages before it. Move stage "${exact.name}" above this one.` };
  }
  if (looksLikeImage(value)) {
    return undefined;
  }
  return typoResult(value, range, stage, stages, shown);
}

/** `FROM <name>` pulls an image unless an earlier stage has that name: only a near-miss is flagged. */
function checkFrom(stage: Stage, stages: readonly Stage[]): RuleResult | undefined {
  if (stage.base.kind !== 'image') {
    return undefined;
  }
  const written = stage.from.getImage() ?? '';
  const range = stage.from.getImageRange();
  if (written !== stage.baseText || !range) {
    return undefined; // from ARG defaults: the value is not what the user typed here
  }
  const later = laterStageNamed(stage, stages);
  if (later) {
    return {
      range,
      severity: 'warning',
      message: `FROM ${written} pulls an image named "${written}": the stage "${later.name}" is defined later, and FROM only sees the stages before it. Move that stage above this one.`,
    };
  }
  return typoResult(written, range, stage, stages.slice(0, stage.index), `FROM ${written}`);
}

function typoResult(value: string, range: Range, stage: Stage, candidates: readonly Stage[], shown: string): RuleResult | undefined {
  const suggestions = misspeltStageNames(value, candidates, stage);
  if (suggestions.length === 0) {
    return undefined;
  }
  const earlier = suggestions.filter((s) => s.index < stage.index);
  const names = suggestions.map((s) => `"${s.name}"`).join(' or ');
  const laterNote = earlier.length === 0 ? ' (defined later: move it above this stage)' : '';
  const fixes = suggestions.map((suggestion): FindingFix => {
    const fix: FindingFix = { title: `Change to "${suggestion.name}"`, edits: [{ range, newText: suggestion.name ?? value }] };
    return suggestions.length === 1 && suggestion.index < stage.index ? { ...fix, isPreferred: true } : fix;
  });
  return { range, message: `${shown} names no stage; did you mean ${names}${laterNote}?`, fixes };
}
