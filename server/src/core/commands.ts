// Reading the commands of RUN, CMD, ENTRYPOINT and HEALTHCHECK: exec form versus shell form,
// and converting a plain shell-form command into exec form.
import { Instruction, JSONInstruction } from 'dockerfile-ast';

/** True for `CMD ["a", "b"]`; false for `CMD a b` (run by `/bin/sh -c`). */
export function isExecForm(instruction: Instruction): boolean {
  return (
    instruction instanceof JSONInstruction &&
    instruction.getOpeningBracket() !== null &&
    instruction.getClosingBracket() !== null
  );
}

/** The JSON values of an exec-form instruction; [] for shell form. */
export function execFormWords(instruction: Instruction): string[] {
  if (!(instruction instanceof JSONInstruction) || !isExecForm(instruction)) {
    return [];
  }
  // dockerfile-ast's getJSONValue() drops the spaces inside a string ("echo hi" → "echohi"),
  // so parse the array ourselves and fall back to it only for text JSON.parse rejects.
  try {
    const parsed: unknown = JSON.parse(instruction.getArgumentsContent() ?? '');
    if (Array.isArray(parsed) && parsed.every((word) => typeof word === 'string')) {
      return parsed;
    }
  } catch {
    // not strict JSON (e.g. a trailing comma): Docker would run it as shell form anyway
  }
  return instruction.getJSONStrings().map((s) => s.getJSONValue());
}

/** The command text without flags, continuations folded (shell form) or the JSON values (exec form). */
export function commandText(instruction: Instruction): string {
  if (isExecForm(instruction)) {
    return execFormWords(instruction).join(' ');
  }
  return instruction.getArgumentsContent() ?? '';
}

/** Characters that make a shell-form command need a shell: expansion, operators, globs. */
const SHELL_SYNTAX = /[$`|&;<>(){}*?[\]~\\!#]|(^|\s)(if|for|while|case)\s/;

/**
 * Splits a plain shell-form command (words, optionally quoted without escapes) into exec-form
 * arguments. Undefined when the command uses shell features, where exec form would change its
 * meaning; a leading `exec` is dropped since exec form already replaces the shell.
 */
export function shellToExecForm(command: string): string[] | undefined {
  // `VAR=value cmd` sets VAR for cmd only: that needs a shell too.
  if (SHELL_SYNTAX.test(command) || /^\s*[A-Za-z_][A-Za-z0-9_]*=/.test(command)) {
    return undefined;
  }
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of command.trim().matchAll(pattern)) {
    const word = match[1] ?? match[2] ?? match[3] ?? '';
    if (word.includes('"') || word.includes("'")) {
      return undefined; // quotes inside a word: leave it to a human
    }
    words.push(word);
  }
  if (words[0] === 'exec') {
    words.shift();
  }
  return words.length > 0 ? words : undefined;
}

/** Formats exec-form arguments the way Dockerfiles write them: `["a", "b"]`. */
export function formatExecForm(words: readonly string[]): string {
  return `[${words.map((word) => JSON.stringify(word)).join(', ')}]`;
}
