// A small POSIX shell tokenizer: enough of `sh` to find the simple commands of a RUN, CMD or
// HEALTHCHECK and where each word is, not an interpreter. Input is a stream of characters with
// their document offsets (Dockerfile continuations already folded by `shellCommands.ts`).

/** Characters and, for each one, its offset in the document. */
export interface CharStream {
  chars: string;
  offsets: number[];
}

/** A word with quotes and escapes removed; `start`/`end` are document offsets (end exclusive). */
export interface ShellWord {
  value: string;
  start: number;
  end: number;
  /** Contained `$`, a backquote or a glob outside single quotes: its value is only a guess. */
  dynamic: boolean;
}

/** What joined a command to its neighbour: `&&`, `||`, `;`, `|`, `&`, a newline, `(` or `)`. */
export type Separator = '&&' | '||' | ';' | '|' | '&' | '\n' | '(' | ')' | '';

export interface SimpleCommand {
  /** `NAME=value` words before the command. */
  assignments: ShellWord[];
  /** The command and its arguments; redirections and reserved words left out. */
  words: ShellWord[];
  before: Separator;
  after: Separator;
  /** The command had redirections (`>`, `2>&1`, `<file`). */
  redirected: boolean;
  /** The targets of its redirections, with their operator (`>`, `>>`, `<`, `>&`). */
  redirections?: { operator: string; target: ShellWord }[];
  /** A reserved word (`if`, `then`, `do`, `{`, `!`...) came before it: part of a compound command. */
  compound: boolean;
}

const RESERVED_PREFIX = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'esac']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The characters run() gives a meaning of their own (ASCII codes); every other character is plain. `#` is plain inside a word, and a run is inside one. */
const SPECIAL = new Uint8Array(0x80);
for (const c of ' \t\r\n\\\'"$`&|;()<>') SPECIAL[c.charCodeAt(0)] = 1;

export function splitCommands(stream: CharStream): SimpleCommand[] {
  return new Tokenizer(stream).run();
}

class Tokenizer {
  private readonly commands: SimpleCommand[] = [];
  private current: SimpleCommand = emptyCommand('');
  private word: { value: string; start: number; end: number; dynamic: boolean } | undefined;
  private redirectTarget = false;
  private redirectOperator = '';
  private pendingHeredocs: { delimiter: string; stripTabs: boolean }[] = [];
  /** How many `case ... in` are open (up to their `esac`). */
  private openCases = 0;
  /** Inside a `case`, reading a branch's patterns (`a|b)`): words, but no command. */
  private readingPatterns = false;
  private i = 0;

  constructor(private readonly s: CharStream) {}

  run(): SimpleCommand[] {
    const { chars } = this.s;
    while (this.i < chars.length) {
      const c = chars[this.i];
      if (c === ' ' || c === '\t' || c === '\r') {
        this.endWord();
        this.i++;
      } else if (c === '\n') {
        this.endWord(); // first: an `esac` ending the line ends the patterns
        if (!this.readingPatterns) {
          this.endCommand('\n'); // patterns may stand on lines of their own, before their `)`
        }
        this.i++;
        this.skipHeredocBodies();
      } else if (c === '#' && !this.word) {
        while (this.i < chars.length && chars[this.i] !== '\n') this.i++;
      } else if (c === '\\') {
        // An escaped character; a backslash before a newline is a line continuation.
        if (chars[this.i + 1] !== '\n') this.append(chars[this.i + 1] ?? '', this.i, this.i + 1, false);
        this.i += 2;
      } else if (c === "'") {
        const close = chars.indexOf("'", this.i + 1);
        const stop = close < 0 ? chars.length : close;
        this.append(chars.slice(this.i + 1, stop), this.i, stop, false);
        this.i = stop + 1;
      } else if (c === '"') {
        this.doubleQuoted();
      } else if (c === '$' || c === '`') {
        this.expansion();
      } else if (c === '&' || c === '|' || c === ';' || c === '(' || c === ')') {
        this.operator(c);
      } else if (c === '<' || c === '>') {
        this.redirection();
      } else {
        // A run of plain characters is one append: one string, not one per character.
        const from = this.i;
        let dynamic = false;
        let code = chars.charCodeAt(from);
        do {
          dynamic ||= code === 0x2a || code === 0x3f || code === 0x5b; // * ? [
          code = chars.charCodeAt(++this.i);
        } while (this.i < chars.length && !(code < 0x80 && SPECIAL[code] === 1));
        this.append(this.i - from === 1 ? c : chars.slice(from, this.i), from, this.i - 1, dynamic);
      }
    }
    this.endCommand('');
    return this.commands;
  }

  private doubleQuoted(): void {
    const { chars } = this.s;
    const open = this.i;
    let value = '';
    let dynamic = false;
    this.i++;
    while (this.i < chars.length && chars[this.i] !== '"') {
      if (chars[this.i] === '\\' && '"\\$`\n'.includes(chars[this.i + 1] ?? '')) {
        value += chars[this.i + 1] === '\n' ? '' : chars[this.i + 1];
        this.i += 2;
        continue;
      }
      if (chars[this.i] === '$' || chars[this.i] === '`') {
        dynamic = true;
        const from = this.i;
        this.skipExpansion();
        value += chars.slice(from, this.i);
        continue;
      }
      value += chars[this.i++];
    }
    this.append(value, open, Math.min(this.i, chars.length - 1), dynamic);
    this.i++;
  }

  private expansion(): void {
    const from = this.i;
    this.skipExpansion();
    this.append(this.s.chars.slice(from, this.i), from, this.i - 1, true);
  }

  /** Moves past `$name`, `${...}`, `$(...)`, `$((...))` or a backquoted command. */
  private skipExpansion(): void {
    const { chars } = this.s;
    if (chars[this.i] === '`') {
      const close = chars.indexOf('`', this.i + 1);
      this.i = close < 0 ? chars.length : close + 1;
      return;
    }
    const next = chars[this.i + 1];
    if (next === '(' || next === '{') {
      const closeWith = next === '(' ? ')' : '}';
      let depth = 0;
      for (this.i += 1; this.i < chars.length; this.i++) {
        const c = chars[this.i];
        if (c === "'" || c === '"') {
          const close = chars.indexOf(c, this.i + 1);
          this.i = close < 0 ? chars.length : close;
        } else if (c === next) {
          depth++;
        } else if (c === closeWith && --depth === 0) {
          this.i++;
          return;
        }
      }
      return;
    }
    this.i++;
    while (this.i < chars.length && /[A-Za-z0-9_@*#?$!-]/.test(chars[this.i])) {
      this.i++;
      if (!/[A-Za-z0-9_]/.test(chars[this.i - 1])) break; // special parameters are one character
    }
  }

  private operator(c: string): void {
    const next = this.s.chars[this.i + 1];
    if (this.readingPatterns && (c === '|' || c === '(' || c === ')')) {
      this.endWord();
      if (c === ')') {
        // `a|b)`: the patterns are words to match, not a command; the branch's commands follow.
        this.readingPatterns = false;
        this.current = emptyCommand(')');
      }
      this.i++;
    } else if (c === '&' && next === '>') {
      this.redirection(); // `&>file`
    } else if (c === ';' && this.openCases > 0 && (next === ';' || next === '&')) {
      // `;;` ends a case branch (`;&` and `;;&` are bash's fall-throughs): patterns come next.
      this.endCommand(';');
      this.i += next === ';' && this.s.chars[this.i + 2] === '&' ? 3 : 2;
      this.readingPatterns = true;
    } else if ((c === '&' || c === '|' || c === ';') && next === c) {
      this.endCommand(c === '&' ? '&&' : c === '|' ? '||' : ';');
      this.i += 2;
    } else {
      this.endCommand(c as Separator);
      this.i += c === '|' && next === '&' ? 2 : 1;
    }
  }

  private redirection(): void {
    const { chars } = this.s;
    if (this.word && /^\d+$/.test(this.word.value)) {
      this.word = undefined; // the file descriptor of `2>`
    }
    this.endWord();
    const op = /^(&>>?|<<<|<<-?|<>|>>|>&|<&|>\||[<>])/.exec(chars.slice(this.i, this.i + 3))?.[0] ?? chars[this.i];
    this.i += op.length;
    this.current.redirected = true;
    this.redirectOperator = op;
    if (op === '<<' || op === '<<-') {
      const rest = /^[ \t]*(['"]?)([^\s'"<>|&;()]+)\1/.exec(chars.slice(this.i));
      if (rest) {
        this.pendingHeredocs.push({ delimiter: rest[2], stripTabs: op === '<<-' });
        this.i += rest[0].length;
        return;
      }
    }
    this.redirectTarget = true;
  }

  /** After a newline, skips the bodies of `<<EOF` here-documents opened on that line. */
  private skipHeredocBodies(): void {
    const { chars } = this.s;
    for (const heredoc of this.pendingHeredocs) {
      while (this.i < chars.length) {
        let lineEnd = chars.indexOf('\n', this.i);
        if (lineEnd < 0) lineEnd = chars.length;
        let line = chars.slice(this.i, lineEnd).replace(/\r$/, '');
        if (heredoc.stripTabs) line = line.replace(/^\t+/, '');
        this.i = lineEnd + 1;
        if (line === heredoc.delimiter) break;
      }
    }
    this.pendingHeredocs = [];
  }

  private append(value: string, from: number, to: number, dynamic: boolean): void {
    const start = this.s.offsets[from] ?? 0;
    const end = (this.s.offsets[Math.min(to, this.s.offsets.length - 1)] ?? start) + 1;
    if (this.word) {
      this.word.value += value;
      this.word.end = end;
      this.word.dynamic ||= dynamic;
    } else {
      this.word = { value, start, end, dynamic };
    }
  }

  private endWord(): void {
    const word = this.word;
    this.word = undefined;
    if (!word) {
      return;
    }
    if (this.redirectTarget) {
      this.redirectTarget = false;
      (this.current.redirections ??= []).push({ operator: this.redirectOperator, target: word });
      return;
    }
    const command = this.current;
    if (word.value === 'esac' && command.words.length === 0 && this.openCases > 0) {
      this.openCases--;
      this.readingPatterns = false;
      command.compound = true;
      return;
    }
    if (this.readingPatterns) {
      return; // a pattern
    }
    if (word.value === 'in' && command.words.length === 2 && command.words[0].value === 'case' && command.assignments.length === 0) {
      command.words.push(word);
      this.endCommand('');
      this.openCases++;
      this.readingPatterns = true;
      return;
    }
    if (command.words.length === 0) {
      if (ASSIGNMENT.test(word.value)) {
        command.assignments.push(word);
        return;
      }
      if (RESERVED_PREFIX.has(word.value) && command.assignments.length === 0) {
        command.compound = true;
        return;
      }
    }
    command.words.push(word);
  }

  private endCommand(separator: Separator): void {
    this.endWord();
    this.redirectTarget = false;
    const command = this.current;
    command.after = separator;
    if (command.words.length > 0 || command.assignments.length > 0 || command.compound) {
      this.commands.push(command); // a lone `fi` stays, marked compound, with no words
    }
    this.current = emptyCommand(separator);
  }
}

function emptyCommand(before: Separator): SimpleCommand {
  return { assignments: [], words: [], before, after: '', redirected: false, compound: false };
}
