// Instruction-level checks: MAINTAINER, repeated CMD/ENTRYPOINT/HEALTHCHECK in a stage, the legacy
// `ENV key value` form, a relative first WORKDIR, and empty lines inside a continued instruction.
import { Env, Instruction, Label, Property } from 'dockerfile-ast';
import { Stage } from '../../core/stages';
import { rangeOf } from '../../core/types';
import { InstructionFacts, allFacts, allInstructions, buildKitCheck, factsOf } from './check';

export const maintainerDeprecated = buildKitCheck('MaintainerDeprecated', 'The MAINTAINER instruction is deprecated, use a label instead to define an image author.', ({ model }) =>
  factsOf(model, 'MAINTAINER').map(({ instruction: i }) => {
    const author = (i.getArgumentsContent() ?? '').replace(/"/g, '\\"');
    const label = `LABEL org.opencontainers.image.authors="${author}"`;
    return {
      range: i.getRange(),
      message: `Maintainer instruction is deprecated in favor of using label: ${label}.`,
      fixes: [{ title: `Replace with ${label}`, edits: [{ range: i.getRange(), newText: label }], isPreferred: true }],
    };
  }),
);

const SINGLE_USE_KEYWORDS = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];
const SINGLE_USE = new Set(SINGLE_USE_KEYWORDS);

export const multipleInstructionsDisallowed = buildKitCheck('MultipleInstructionsDisallowed', 'Multiple instructions of the same type should not be used in the same stage.', ({ model }) => {
  // Usually no stage repeats one: nothing to group.
  if (!SINGLE_USE_KEYWORDS.some((keyword) => repeatsInAStage(factsOf(model, keyword)))) {
    return [];
  }
  return model.stages.flatMap((stage) => {
    const byKeyword = new Map<string, Instruction[]>();
    for (const instruction of stage.instructions) {
      const keyword = instruction.getKeyword();
      if (SINGLE_USE.has(keyword)) {
        byKeyword.set(keyword, [...(byKeyword.get(keyword) ?? []), instruction]);
      }
    }
    // Every one but the last is ignored by Docker.
    return [...byKeyword].flatMap(([keyword, repeated]) =>
      repeated.slice(0, -1).map((i) => ({
        range: i.getInstructionRange(),
        message: `Multiple ${keyword} instructions should not be used in the same stage because only the last one will be used: this one (line ${i.getRange().start.line + 1}) has no effect.`,
      })),
    );
  });
});

/** Whether two of these instructions (one keyword, file order) are in the same stage. */
function repeatsInAStage(facts: readonly InstructionFacts[]): boolean {
  for (let k = 1; k < facts.length; k++) {
    // A stage's instructions are consecutive in file order.
    if (facts[k].stage !== undefined && facts[k].stage === facts[k - 1].stage) return true;
  }
  return false;
}

export const legacyKeyValueFormat = buildKitCheck('LegacyKeyValueFormat', 'Legacy key/value format with whitespace separator should not be used.', ({ model }) => {
  const results = [];
  for (const { instruction: i, keyword } of allFacts(model)) {
    if ((keyword !== 'ENV' && keyword !== 'LABEL') || !(i instanceof Env || i instanceof Label)) continue;
    // Cheap first: the legacy form's first word has no `=` (getProperties() is costly on big files).
    if (/^\s*[^\s=]*(=|$)/.test(i.getArgumentsContent() ?? '')) continue;
    // Read once: dockerfile-ast builds the properties again on every call.
    const properties = i.getProperties();
    if (!properties.some((property: Property) => property.getAssignmentOperator() === null && property.getValue() !== null)) continue;
    const property = properties[0];
    const value = property.getValue() ?? '';
    const quoted = /^[^\s"'$\\]*$/.test(value) ? value : `"${value.replace(/(["\\])/g, '\\$1')}"`;
    const replacement = `${property.getName()}=${quoted}`;
    const argumentsRange = i.getArgumentsRange();
    const simple = properties.length === 1 && i.getRange().start.line === i.getRange().end.line && argumentsRange;
    results.push({
      range: i.getInstructionRange(),
      message: `"${keyword} key=value" should be used instead of legacy "${keyword} key value" format: ${keyword} ${replacement}.`,
      fixes: simple ? [{ title: `Write ${keyword} ${replacement}`, edits: [{ range: argumentsRange, newText: replacement }], isPreferred: true }] : undefined,
    });
  }
  return results;
});

/** Absolute (`/app`, `C:\app`) or from a variable or template placeholder we cannot know. */
const ABSOLUTE_OR_UNKNOWN = /^\s*["']?(\/|[A-Za-z]:[\\/]|\$|~|\{\{)/;

export const workdirRelativePath = buildKitCheck('WorkdirRelativePath', 'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes.', ({ model }) => {
  if (factsOf(model, 'WORKDIR').length === 0) {
    return []; // the usual case: no WORKDIR to judge
  }
  // Whether each stage (by index) has set an absolute WORKDIR, inherited by stages built FROM it.
  const absolute = new Map<Stage, boolean>();
  return model.stages.flatMap((stage) => {
    let hasAbsolute = stage.base.kind === 'stage' ? (absolute.get(stage.base.stage) ?? false) : false;
    const results = [];
    for (const instruction of stage.instructions.filter((i) => i.getKeyword() === 'WORKDIR')) {
      const path = instruction.getArgumentsContent() ?? '';
      if (ABSOLUTE_OR_UNKNOWN.test(path)) {
        hasAbsolute = true;
      } else if (!hasAbsolute && path.trim() !== '') {
        results.push({
          range: instruction.getArgumentsRange() ?? instruction.getRange(),
          message: `Relative workdir "${path.trim()}" can have unexpected results if the base image changes: it is resolved against the base image's WORKDIR. Write an absolute path (WORKDIR /${path.trim().replace(/^\.\//, '')}).`,
        });
        hasAbsolute = true; // BuildKit reports the first one; later ones build on it
      }
    }
    absolute.set(stage, hasAbsolute);
    return results;
  });
});

export const noEmptyContinuation = buildKitCheck('NoEmptyContinuation', 'Empty continuation lines will become errors in a future release.', ({ model, lines }) => {
  const results = [];
  for (const instruction of allInstructions(model)) {
    const { start, end } = instruction.getRange();
    // Cheap first: most continued instructions have no empty line at all.
    if (end.line - start.line < 2 || !hasEmptyLine(lines, start.line + 1, end.line) || lines.slice(start.line, end.line + 1).some((line) => line.includes('<<'))) {
      continue; // a heredoc body may hold empty lines
    }
    for (let line = start.line + 1; line < end.line; line++) {
      if ((lines[line] ?? '').trim() === '') {
        results.push({
          range: rangeOf(line, 0, line, (lines[line] ?? '').length),
          message: `Empty continuation line in ${instruction.getKeyword()}: Docker will reject it in a future release; remove the line (or make it a comment).`,
          fixes: [{ title: 'Remove the empty continuation line', edits: [{ range: rangeOf(line, 0, line + 1, 0), newText: '' }], isPreferred: true }],
        });
      }
    }
  }
  return results;
});

/** Whether a line in [first, end) is empty or blank. */
function hasEmptyLine(lines: readonly string[], first: number, end: number): boolean {
  for (let line = first; line < end; line++) {
    if ((lines[line] ?? '').trim() === '') return true;
  }
  return false;
}
