import { Instruction } from 'dockerfile-ast';
import { Language } from '../catalog/facts';
import { formatExecForm } from '../core/commands';
import { Stage } from '../core/stages';
import { Rule, RuleResult } from './rule';
import { commandStart, documentText, execArguments, looksLikeExecForm, plainExecWords } from './shellCommands';
import { DEFAULT_PATH, afterRepeatedEntrypoint, dirname, sameProgram, stageHasNoShell, startCommand } from './shellless';
import { stageImage } from './support';
import { namesCheck } from './buildkit/check';

/**
 * Shell-form CMD/ENTRYPOINT in a shell-less runtime stage: Docker runs `/bin/sh -c ...`, which
 * does not exist, so the container cannot start. Only the effective CMD and ENTRYPOINT of the
 * runtime stage (inherited through `FROM <stage>` included) are checked.
 */
export const shellFormInShelllessRuntime: Rule = {
  id: 'shell-form-in-shellless-runtime',
  description: 'Shell-form CMD or ENTRYPOINT in a runtime stage without a shell: the container cannot start.',
  defaultSeverity: 'error',
  check({ model, runtimeStage, text }) {
    if (!runtimeStage || !stageHasNoShell(runtimeStage)) {
      return [];
    }
    const doc = documentText(text);
    const escape = model.dockerfile.getEscapeCharacter();
    const image = stageImage(runtimeStage)?.image.text ?? runtimeStage.baseText;
    const { entrypoint, cmd, imageEntrypoint } = startCommand(runtimeStage);
    const results: RuleResult[] = [];
    const entrypointWords = entrypoint ? execArguments(entrypoint, doc, escape)?.map((a) => a.word.value) : undefined;
    if (entrypoint && !entrypointWords && commandStart(entrypoint)) {
      const words = cmd ? undefined : plainExecWords(entrypoint, doc, escape);
      const adapted = words && [runtimeProgram(words[0], runtimeStage), ...words.slice(1)];
      results.push(finding(entrypoint, image, adapted, ''));
    }
    if (cmd && commandStart(cmd) && !execArguments(cmd, doc, escape) && (!entrypoint || entrypointWords)) {
      const explicit = entrypointWords?.filter((w) => w !== '');
      const words = plainExecWords(cmd, doc, escape);
      const language = stageImage(runtimeStage)?.lookup.facts.runtime?.language;
      const adapted = words && adaptCmd(words, explicit ?? imageEntrypoint, explicit !== undefined, language);
      const note = !explicit && imageEntrypoint?.length ? ` (the image's entrypoint ${imageEntrypoint.join(' ')} runs CMD's words as its arguments)` : '';
      results.push(finding(cmd, image, adapted, note));
    }
    // Docker's JSONArgsRecommended reports the same instruction: one finding, naming it.
    return results.map((result) => ({ ...result, message: result.message.replace(/\.?$/, `${namesCheck('JSONArgsRecommended')}.`), buildKitCheck: 'JSONArgsRecommended' }));
  },
};

function finding(instruction: Instruction, image: string, words: string[] | undefined, note: string): RuleResult {
  const keyword = instruction.getKeyword();
  const form = looksLikeExecForm(instruction) ? `${keyword} is not valid JSON (use double quotes), so it is shell form: it` : `Shell-form ${keyword}`;
  const problem = `${form} needs /bin/sh and ${image} has no shell: the container cannot start.`;
  const start = commandStart(instruction);
  if (!words || words.length === 0 || !start) {
    return {
      range: instruction.getInstructionRange(),
      message: `${problem} Write it in exec form${note}; do shell work ($VAR, &&, pipes) at build time or in the application.`,
    };
  }
  const execForm = formatExecForm(words);
  return {
    range: instruction.getInstructionRange(),
    message: `${problem} Use exec form: ${keyword} ${execForm}${note}.`,
    fixes: [{ title: `Use exec form: ${keyword} ${execForm}`, edits: [{ range: { start: start.start, end: instruction.getRange().end }, newText: execForm }], isPreferred: true }],
  };
}

/**
 * CMD words as the entrypoint's arguments: `node server.js` on an image whose entrypoint is
 * `/nodejs/bin/node` becomes `server.js`, `java -jar app.jar` on `java -jar` becomes `app.jar`.
 * Undefined when that cannot be done soundly (unknown entrypoint, or a command that does not
 * start with the image's entrypoint).
 */
function adaptCmd(words: string[], entrypoint: string[] | undefined, explicit: boolean, language: Language | undefined): string[] | undefined {
  if (!entrypoint) {
    return undefined;
  }
  if (entrypoint.length === 0) {
    return words;
  }
  const rest = afterRepeatedEntrypoint(words, entrypoint, explicit ? undefined : language);
  if (rest && rest.length > 0) {
    return rest;
  }
  return explicit ? words : undefined;
}

/** `node` becomes `/nodejs/bin/node` when the image's runtime is not on PATH. */
function runtimeProgram(word: string, stage: Stage): string {
  const facts = stageImage(stage)?.lookup.facts;
  const program = facts?.entrypoint?.[0];
  if (program && !word.includes('/') && !DEFAULT_PATH.includes(dirname(program)) && sameProgram(word, program, facts?.runtime?.language)) {
    return program;
  }
  return word;
}
