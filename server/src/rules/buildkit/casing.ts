// Casing checks: instruction keywords in one case across the file, `AS` in the case of its
// `FROM`, and lowercase stage names.
import { Range } from '../../core/types';
import { buildKitCheck, allFacts, fromText } from './check';

const isLower = (word: string) => word === word.toLowerCase();
const isUpper = (word: string) => word === word.toUpperCase();

/** Instructions whose keyword is not in the case most of the file uses (ties go to uppercase). */
/** Dockerfile instructions: other words (`{%` in a template, a typo) are not BuildKit's to judge here. */
const KEYWORDS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

export const consistentInstructionCasing = buildKitCheck('ConsistentInstructionCasing', 'All instructions should use the same casing (either upper or lower).', ({ model }) => {
  // One pass, and no case conversion for uppercase words: a word is uppercase exactly when it is
  // its keyword (the word in uppercase), and then it is not lowercase.
  let lower = 0;
  let upper = 0;
  let known = 0;
  const all = allFacts(model);
  for (const { keyword, word } of all) {
    if (!KEYWORDS.has(keyword)) continue;
    known++;
    if (word === keyword) upper++;
    else if (isLower(word)) lower++;
  }
  const majorityLower = lower > upper;
  const results: { range: Range; message: string }[] = [];
  // Usually every word is in the majority's case: nothing to report.
  if ((majorityLower ? lower : upper) === known) return results;
  for (const { instruction, keyword, word } of all) {
    if (!KEYWORDS.has(keyword)) continue;
    if (majorityLower ? isLower(word) : word === keyword) continue;
    results.push({
      range: instruction.getInstructionRange(),
      message: `Instruction '${word}' should match the case of the instruction majority (${majorityLower ? 'lowercase' : 'uppercase'}): ${majorityLower ? word.toLowerCase() : word.toUpperCase()}.`,
    });
  }
  return results;
});

/** `FROM image as build`: the `AS` keyword in a different case from `FROM`. */
export const fromAsCasing = buildKitCheck("FromAsCasing", "The 'AS' keyword should match the case of the 'FROM' keyword.", ({ model, lines }) => {
  const results = [];
  for (const stage of model.stages) {
    const from = stage.from.getInstruction();
    // Cheap first: a word `as` in a case that differs from FROM's somewhere on its lines.
    const text = fromText(stage, lines);
    if (!(isUpper(from) ? /\s(as|As|aS)(\s|$)/ : isLower(from) ? /\s(AS|As|aS)(\s|$)/ : /\sas(\s|$)/i).test(text)) {
      continue;
    }
    const as = stage.from.getArguments()[1];
    if (!as || as.getValue().toLowerCase() !== 'as' || stage.from.getArguments().length < 3) {
      continue;
    }
    const word = as.getValue();
    const mismatch = (isUpper(from) && !isUpper(word)) || (isLower(from) && !isLower(word));
    if (!mismatch) {
      continue;
    }
    const expected = isUpper(from) ? 'AS' : 'as';
    results.push({ range: as.getRange(), message: `'${word}' and '${from}' keywords' casing do not match: write '${expected}'.` });
  }
  return results;
});

/** `AS Build`: BuildKit matches stage names case-insensitively, and lowercase reads as one name. */
export const stageNameCasing = buildKitCheck('StageNameCasing', 'Stage names should be lowercase.', ({ model }) => {
  const results = [];
  for (const { name, nameRange } of model.stages) {
    if (name === undefined || !nameRange || isLower(name) || name.includes('$')) continue;
    results.push({ range: nameRange, message: `Stage name '${name}' should be lowercase: ${name.toLowerCase()}.` });
  }
  return results;
});
