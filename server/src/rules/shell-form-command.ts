import { Instruction } from 'dockerfile-ast';
import { commandText, formatExecForm } from '../core/commands';
import { inheritedInstructions } from '../core/stages';
import { FindingFix, Rule, RuleResult } from './rule';
import { DocumentText, SHELLS, SimpleCommand, basename, commandStart, commandsOf, documentText, execArguments, looksLikeExecForm, plainExecWords } from './shellCommands';
import { stageHasNoShell, startCommand } from './shellless';
import { stageImage } from './support';
import { namesCheck } from './buildkit/check';

/**
 * Shell-form CMD/ENTRYPOINT in a runtime stage that has a shell: `/bin/sh -c` is PID 1 and
 * Debian's and Ubuntu's `sh` (dash) does not pass SIGTERM on, so `docker stop` waits and kills
 * the application. Quiet when the command already `exec`s, when the stage sets SHELL (like
 * BuildKit's JSONArgsRecommended), in shell-less stages (`shell-form-in-shellless-runtime`
 * reports those), and on Windows images.
 */
export const shellFormCommand: Rule = {
  id: 'shell-form-command',
  description: 'Shell-form CMD or ENTRYPOINT: /bin/sh is PID 1 and does not forward stop signals to the application.',
  defaultSeverity: 'warning',
  check({ model, runtimeStage, text }) {
    if (!runtimeStage || stageHasNoShell(runtimeStage) || stageImage(runtimeStage)?.lookup.kind === 'windows') {
      return [];
    }
    if (inheritedInstructions(runtimeStage).some((i) => i.getKeyword() === 'SHELL')) {
      return [];
    }
    const doc = documentText(text);
    const escape = model.dockerfile.getEscapeCharacter();
    const { entrypoint, cmd } = startCommand(runtimeStage);
    const results: RuleResult[] = [];
    for (const instruction of [entrypoint, cmd]) {
      if (!instruction || execArguments(instruction, doc, escape) || commandText(instruction).includes('{{')) {
        continue; // exec form, or a template placeholder (`CMD {{ env.cmd }}`)
      }
      if (instruction === cmd && entrypoint && !execArguments(entrypoint, doc, escape)) {
        continue; // a shell-form ENTRYPOINT ignores CMD: the ENTRYPOINT is what to fix
      }
      const commands = commandsOf(instruction, doc, escape).filter((c) => c.words.length > 0 || c.compound);
      if (commands.length === 0 || startsWithExec(commands[0]) || startsWithExec(commands[commands.length - 1])) {
        continue;
      }
      // Exec form would make a shell-form ENTRYPOINT start receiving CMD: keep the shell there.
      const keepShell = instruction === entrypoint && cmd !== undefined;
      const result = finding(instruction, commands, doc, keepShell ? undefined : plainExecWords(instruction, doc, escape), keepShell);
      // Docker's JSONArgsRecommended reports the same instruction: one finding, under both names.
      results.push({ ...result, message: result.message.replace(/\.?$/, `${namesCheck('JSONArgsRecommended')}.`), buildKitCheck: 'JSONArgsRecommended' });
    }
    return results;
  },
};

function startsWithExec(command: SimpleCommand): boolean {
  return command.words[0]?.value === 'exec';
}

function finding(instruction: Instruction, commands: SimpleCommand[], doc: DocumentText, words: string[] | undefined, keepShell: boolean): RuleResult {
  const keyword = instruction.getKeyword();
  const form = looksLikeExecForm(instruction) ? `${keyword} is not valid JSON (use double quotes), so it is shell form: it` : `Shell-form ${keyword}`;
  const problem = `${form} runs under /bin/sh, which does not pass SIGTERM on to the application, so it cannot shut down cleanly.`;
  const start = commandStart(instruction);
  if (words && start) {
    const execForm = formatExecForm(words);
    const fix: FindingFix = {
      title: `Use exec form: ${keyword} ${execForm}`,
      edits: [{ range: { start: start.start, end: instruction.getRange().end }, newText: execForm }],
      isPreferred: true,
    };
    return { range: instruction.getInstructionRange(), message: `${problem} Use exec form: ${keyword} ${execForm}.`, fixes: [fix] };
  }
  // Shell syntax ($VAR, &&, redirects): keep the shell but let the last command replace it.
  const last = commands[commands.length - 1];
  const chained =
    !looksLikeExecForm(instruction) &&
    ['', ';', '\n'].includes(last.after) &&
    commands.every((c, i) => !c.compound && c.words.length > 0 && (i === 0 || ['&&', ';', '\n'].includes(c.before)));
  const program = last.words[0];
  // `exec sh -c "..."` would still leave a shell in front of the application.
  if (chained && program && !/^(for|case|select|function|wait|cd|export|set)$/.test(program.value) && !SHELLS.test(basename(program.value))) {
    const at = doc.positionAt(program.start);
    return {
      range: instruction.getInstructionRange(),
      message: `${problem} ${keepShell ? 'Exec form would start passing CMD to it' : 'It uses shell syntax'}, so keep the shell form and start the last command with exec: exec ${program.value} ...`,
      fixes: [{ title: `Start ${program.value} with exec`, edits: [{ range: { start: at, end: at }, newText: 'exec ' }], isPreferred: true }],
    };
  }
  return {
    range: instruction.getInstructionRange(),
    message: `${problem} Write it in exec form, or make the command that starts the application begin with exec.`,
  };
}
