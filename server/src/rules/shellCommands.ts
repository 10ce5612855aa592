// The commands a RUN, CMD, ENTRYPOINT or HEALTHCHECK runs, as simple commands with document
// ranges: shell form with Dockerfile continuations and comment lines folded, heredoc scripts
// (`RUN <<EOF`), exec form (`RUN ["pip", "install", "."]`, `["sh", "-c", "..."]` looked into).
import { Healthcheck, Instruction, JSONInstruction, Run } from 'dockerfile-ast';
import { commandText, isExecForm, shellToExecForm } from '../core/commands';
import { Range } from '../core/types';
import { DocumentText } from './documentText';
import { rememberedCommands } from './rememberedCommands';
import { CharStream, ShellWord, SimpleCommand, splitCommands } from './shellWords';

export type { ShellWord, SimpleCommand } from './shellWords';
export { DocumentText, documentText } from './documentText';

/** A shell's name or path: `sh`, `/bin/bash`, `busybox`. */
export const SHELLS = /^(\/usr)?(\/bin\/)?(sh|bash|ash|dash|zsh|busybox)$/;

/**
 * The simple commands an instruction runs (for HEALTHCHECK: after `CMD`). Remembered per
 * instruction (see rememberedCommands.ts): many rules read the same RUN steps, and a large
 * file's unchanged stages keep their instructions from one keystroke to the next.
 */
export function commandsOf(instruction: Instruction, doc: DocumentText, escapeChar: string): readonly SimpleCommand[] {
  return rememberedCommands(instruction, doc, escapeChar, parseCommands);
}

function parseCommands(instruction: Instruction, doc: DocumentText, escapeChar: string): SimpleCommand[] {
  const exec = execArguments(instruction, doc, escapeChar);
  if (exec) {
    return execFormCommands(exec);
  }
  const first = commandStart(instruction);
  if (!first) {
    return [];
  }
  const line = foldCommandLine(doc.text, doc.offsetAt(first.start), doc.offsetAt(instruction.getRange().end), escapeChar);
  const commands = splitCommands(line);
  // Cheap first: getHeredocs() scans the instruction again, and a heredoc needs `<<`.
  const heredocs = instruction instanceof Run && instruction.getTextContent().includes('<<') ? instruction.getHeredocs() : [];
  if (heredocs.length === 0) {
    return commands;
  }
  // `RUN <<EOF` runs the body as a script; `RUN bash <<EOF` feeds it to a shell; any other
  // command (`cat <<EOF > file`) reads it as data.
  const program = commands[0]?.words[0]?.value;
  if (program !== undefined && !SHELLS.test(program)) {
    return commands;
  }
  const body = heredocs[0].getContentRange();
  if (!body) {
    return commands;
  }
  const bodyStart = doc.offsetAt(body.start);
  const bodyEnd = doc.offsetAt(body.end);
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(doc.text.slice(bodyStart, bodyEnd));
  if (shebang && !SHELLS.test(shebang[1].replace(/^\/usr\/bin\/env$/, shebang[2] ?? ''))) {
    return commands; // `#!/usr/bin/env python3`: not shell
  }
  return [...commands, ...splitCommands(streamOf(doc.text, bodyStart, bodyEnd))];
}

/** Where the command starts: the first argument after the flags (after `CMD` for HEALTHCHECK). */
export function commandStart(instruction: Instruction): Range | undefined {
  const args = instruction.getArguments();
  if (instruction instanceof Healthcheck) {
    return args[0]?.getValue().toUpperCase() === 'CMD' ? args[1]?.getRange() : undefined;
  }
  return args[0]?.getRange();
}

/**
 * The exec-form arguments of an instruction, or undefined for shell form. HEALTHCHECK is not a
 * JSONInstruction in dockerfile-ast, so its `CMD [...]` is parsed here; its `CMD` is dropped.
 */
export function execArguments(instruction: Instruction, doc: DocumentText, escapeChar: string): ExecArgument[] | undefined {
  if (instruction instanceof JSONInstruction) {
    return isExecForm(instruction) ? execFormArguments(instruction, doc) : undefined;
  }
  const start = instruction instanceof Healthcheck ? commandStart(instruction) : undefined;
  if (!start) {
    return undefined;
  }
  const line = foldCommandLine(doc.text, doc.offsetAt(start.start), doc.offsetAt(instruction.getRange().end), escapeChar);
  try {
    const parsed: unknown = JSON.parse(line.chars);
    if (!Array.isArray(parsed) || !parsed.every((value) => typeof value === 'string')) {
      return undefined;
    }
  } catch {
    return undefined;
  }
  const found: ExecArgument[] = [];
  for (const match of line.chars.matchAll(/"(?:[^"\\]|\\.)*"/g)) {
    const from = match.index ?? 0;
    const to = from + match[0].length;
    const stream = decodeJsonString({ chars: line.chars.slice(from + 1, to - 1), offsets: line.offsets.slice(from + 1, to - 1) });
    found.push({ word: { value: stream.chars, start: line.offsets[from], end: line.offsets[to - 1] + 1, dynamic: false }, stream });
  }
  if (found[0]?.word.value === 'CMD') {
    found.shift(); // `HEALTHCHECK CMD ["CMD", "curl", ...]` is the same as without it
  }
  return found;
}

/**
 * The first logical line of a shell-form instruction: Dockerfile continuations (escape
 * character, optional blanks, end of line) removed, with the blank and comment lines Docker
 * drops inside a continuation. Stops at the first real end of line (heredoc bodies follow it).
 */
function foldCommandLine(text: string, start: number, end: number, escapeChar: string): CharStream {
  // Runs of plain characters are copied whole: one string per run rather than one per character.
  const escapeCode = escapeChar.charCodeAt(0);
  let chars = '';
  const offsets: number[] = [];
  let i = start;
  while (i < end) {
    let stop = i;
    let code = text.charCodeAt(stop);
    while (stop < end && code !== escapeCode && code !== 0x0a && code !== 0x0d) {
      offsets.push(stop);
      code = text.charCodeAt(++stop);
    }
    if (stop > i) {
      chars += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (code === escapeCode) {
      const continuation = /^[ \t]*(\r\n|\n|\r)/.exec(text.slice(i + 1, i + 200));
      if (continuation) {
        i += 1 + continuation[0].length;
        i = skipDroppedLines(text, i, end);
        continue;
      }
      if (escapeChar === '\\') {
        // Not a continuation: the shell sees the backslash and the character after it.
        chars += escapeChar + (text[i + 1] ?? '');
        offsets.push(i, i + 1);
        i += 2;
        continue;
      }
      // Another escape character that does not continue the line is a plain character.
      chars += escapeChar;
      offsets.push(i);
      i++;
      continue;
    }
    break; // a real end of line
  }
  return { chars, offsets };
}

function skipDroppedLines(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const match = /^[ \t]*(#[^\r\n]*)?(\r\n|\n|\r)/.exec(text.slice(i, Math.min(end + 2, i + 4000)));
    if (!match) {
      return i;
    }
    i += match[0].length;
  }
  return i;
}

/** Exec form: one command; `["sh", "-c", "script"]` also yields the script's commands. */
function execFormCommands(words: ExecArgument[]): SimpleCommand[] {
  if (words.length === 0) {
    return [];
  }
  const command: SimpleCommand = { assignments: [], words: words.map((w) => w.word), before: '', after: '', redirected: false, compound: false };
  const dashC = words.findIndex((w) => w.word.value === '-c');
  if (SHELLS.test(words[0].word.value) && dashC > 0 && words[dashC + 1]) {
    return [command, ...splitCommands(words[dashC + 1].stream)];
  }
  return [command];
}

export interface ExecArgument {
  word: ShellWord;
  /** The decoded characters with their document offsets, for looking inside a `-c` script. */
  stream: CharStream;
}

/**
 * The JSON strings of an exec-form instruction, decoded from the document text (dockerfile-ast
 * 0.7's `getJSONValue()` drops the blanks inside a string).
 */
export function execFormArguments(instruction: JSONInstruction, doc: DocumentText): ExecArgument[] {
  return instruction.getJSONStrings().map((json) => {
    const start = doc.offsetAt(json.getRange().start);
    const end = doc.offsetAt(json.getRange().end);
    const stream = decodeJsonString(streamOf(doc.text, start + 1, end - 1));
    return { word: { value: stream.chars, start, end, dynamic: false }, stream };
  });
}

function decodeJsonString(raw: CharStream): CharStream {
  let chars = '';
  const offsets: number[] = [];
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
  const text = raw.chars;
  for (let i = 0; i < text.length; i++) {
    offsets.push(raw.offsets[i]);
    if (text[i] !== '\\') {
      chars += text[i];
      continue;
    }
    const next = text[i + 1] ?? '';
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      chars += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
      i += 5;
      continue;
    }
    chars += simple[next] ?? next;
    i++;
  }
  return { chars, offsets };
}

/**
 * The exec-form words of a plain shell-form command (`shellToExecForm`), or undefined when it
 * needs a shell. Also undefined for `VAR=x cmd`, which `shellToExecForm` would keep as a word.
 * An array that is not valid JSON (`['node', 'app.js']`, run by Docker as shell form) gives
 * its strings.
 */
export function plainExecWords(instruction: Instruction, doc: DocumentText, escapeChar: string): string[] | undefined {
  const text = commandText(instruction).trim();
  if (looksLikeExecForm(instruction)) {
    const strings = /^\[\s*(('[^'"\\]*'|"[^"\\]*")\s*(,\s*|(?=\])))*\]$/.test(text) ? [...text.matchAll(/'([^']*)'|"([^"]*)"/g)] : [];
    return strings.length > 0 ? strings.map((m) => m[1] ?? m[2]) : undefined;
  }
  const words = shellToExecForm(text);
  const commands = words && commandsOf(instruction, doc, escapeChar);
  return commands?.length === 1 && commands[0].assignments.length === 0 ? words : undefined;
}

/** Shell form that was meant as exec form: `CMD ['node', 'app.js']` is not valid JSON. */
export function looksLikeExecForm(instruction: Instruction): boolean {
  return !isExecForm(instruction) && /^\[.*\]$/s.test(commandText(instruction).trim());
}

/**
 * The program a command runs and its words from the program on, `python -m <module>` read as the
 * module (`python3 -m pip install` is pip); undefined for a command with no program.
 */
export function invokedProgram(command: SimpleCommand): { program: string; words: ShellWord[] } | undefined {
  let words = command.words.slice(programIndex(command));
  if (words.length === 0) return undefined;
  let program = basename(words[0].value);
  if (/^python[\d.]*$/.test(program) && words[1]?.value === '-m' && words[2]) {
    words = words.slice(2);
    program = words[0].value;
  }
  return { program, words };
}

/** The program a command runs, past `sudo`, `env VAR=x`, `exec`, `command`, `nohup`, `time`. */
export function programIndex(command: SimpleCommand): number {
  const words = command.words;
  let i = 0;
  while (i < words.length) {
    const value = words[i].value;
    if (value === 'sudo' || value === 'exec' || value === 'command' || value === 'nohup' || value === 'time') {
      i++;
      while (i < words.length && words[i].value.startsWith('-')) i++;
    } else if (value === 'env') {
      i++;
      while (i < words.length && (words[i].value.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].value))) i++;
    } else {
      return i;
    }
  }
  return i;
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The document text from `start` to `end` as a stream. */
export function streamOf(text: string, start: number, end: number): CharStream {
  const offsets: number[] = [];
  for (let i = start; i < end; i++) {
    offsets.push(i);
  }
  return { chars: text.slice(start, end), offsets };
}
