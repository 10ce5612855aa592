// Casing checks: instruction keywords in one case across the file, `AS` in the case of its
// `FROM`, and lowercase stage names.
import { buildKitCheck, allInstructions, fromText } from './check';

const isLower = (word: string) => word === word.toLowerCase();
const isUpper = (word: string) => word === word.toUpperCase();

/** Instructions whose keyword is not in the case most of the file uses (ties go to uppercase). */
/** Dockerfile instructions: other words (`{%` in a template, a typo) are not BuildKit's to judge here. */
const KEYWORDS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

export const consistentInstructionCasing = buildKitCheck('ConsistentInstructionCasing', 'All instructions should use the same casing (either upper or lower).', ({ model }) => {
  const instructions = allInstructions(model).filter((i) => KEYWORDS.has(i.getKeyword()));
  const lower = instructions.filter((i) => isLower(i.getInstruction())).length;
  const upper = instructions.filter((i) => isUpper(i.getInstruction())).length;
  const majorityLower = lower > upper;
  return instructions
    .filter((i) => (majorityLower ? !isLower(i.getInstruction()) : !isUpper(i.getInstruction())))
    .map((i) => ({
      range: i.getInstructionRange(),
      message: `Instruction '${i.getInstruction()}' should match the case of the instruction majority (${majorityLower ? 'lowercase' : 'uppercase'}): ${majorityLower ? i.getInstruction().toLowerCase() : i.getInstruction().toUpperCase()}.`,
    }));
});

/** `FROM image as build`: the `AS` keyword in a different case from `FROM`. */
export const fromAsCasing = buildKitCheck("FromAsCasing", "The 'AS' keyword should match the case of the 'FROM' keyword.", ({ model, lines }) =>
  model.stages.flatMap((stage) => {
    const from = stage.from.getInstruction();
    // Cheap first: a word `as` in a case that differs from FROM's somewhere on its lines.
    const text = fromText(stage, lines);
    if (!(isUpper(from) ? /\s(as|As|aS)(\s|$)/ : isLower(from) ? /\s(AS|As|aS)(\s|$)/ : /\sas(\s|$)/i).test(text)) {
      return [];
    }
    const as = stage.from.getArguments()[1];
    if (!as || as.getValue().toLowerCase() !== 'as' || stage.from.getArguments().length < 3) {
      return [];
    }
    const word = as.getValue();
    const mismatch = (isUpper(from) && !isUpper(word)) || (isLower(from) && !isLower(word));
    if (!mismatch) {
      return [];
    }
    const expected = isUpper(from) ? 'AS' : 'as';
    return [{ range: as.getRange(), message: `'${word}' and '${from}' keywords' casing do not match: write '${expected}'.` }];
  }),
);

/** `AS Build`: BuildKit matches stage names case-insensitively, and lowercase reads as one name. */
export const stageNameCasing = buildKitCheck('StageNameCasing', 'Stage names should be lowercase.', ({ model }) =>
  model.stages
    .filter((stage) => stage.name !== undefined && stage.nameRange && !isLower(stage.name) && !stage.name.includes('$'))
    .map((stage) => ({
      range: stage.nameRange!,
      message: `Stage name '${stage.name}' should be lowercase: ${stage.name!.toLowerCase()}.`,
    })),
);
