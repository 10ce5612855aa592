// Incremental parsing of large Dockerfiles. A 1 MB file takes dockerfile-ast about half a second
// to parse, on every keystroke. Stages are independent for the parser: a file is cut before each
// `FROM` that starts an instruction (not inside a line continuation or a heredoc), each piece is
// parsed on its own, and a piece whose text and first line have not changed keeps its parse.
// Each piece is parsed behind blank lines standing for the lines above it (and the parser
// directives, which set the escape character), so every position in it is the document's own.
import { DockerfileParser, Instruction, ParserDirective } from 'dockerfile-ast';
import { parseWithoutRememberedLists, stopRememberingLists } from './parse';

/** What the stage model needs of a parse: the whole-file tree, or pieces parsed one by one. */
export interface ParsedDockerfile {
  getInstructions(): Instruction[];
  getEscapeCharacter(): string;
  getDirectives(): ParserDirective[];
}

/** Below this size a whole-file parse is fast enough (and the syntax validator needs one). */
export const MIN_CHUNKED_LENGTH = 200_000;

interface Chunk {
  firstLine: number;
  /** The piece's text, from its first line to the line before the next piece. */
  text: string;
  /** The directive lines it was parsed behind (they set the escape character). */
  head: string;
  /** The piece's instructions, positioned in the whole document. */
  instructions: Instruction[];
}

/** Past this share of changed pieces, one whole parse is cheaper than parsing piece by piece. */
const WHOLE_PARSE_SHARE = 0.25;

/**
 * Remembers the pieces of one document's last parse; give each document its own. The kept
 * instructions do not remember their argument lists (see `stopRememberingLists`): a large
 * document's parse stays about a third of the size.
 */
export class IncrementalParser {
  /** The last parse's pieces by first line: a piece is reused when its text and head are the same. */
  private chunks = new Map<number, Chunk>();
  private directives: { escape: string; directives: ParserDirective[] } = { escape: '\\', directives: [] };
  /** How many pieces the last parse reused and parsed (-1: parsed whole), for tests and the benchmark. */
  lastParse = { reused: 0, parsed: 0 };

  /** `wholeParseShare`: above this share of changed pieces, parse the whole file instead. */
  constructor(private readonly wholeParseShare = WHOLE_PARSE_SHARE) {}

  parse(text: string): ParsedDockerfile {
    const lines = text.split('\n');
    const lineStarts = startOffsets(lines);
    const headLines = directiveLines(lines);
    const head = headLines.join('\n');
    const escape = escapeCharacterOf(headLines);
    const starts = chunkStarts(lines, escape);
    // Slices of the text (no copy): a piece ends with the newline before the next piece.
    const pieces = starts.map((firstLine, index) => {
      const end = index + 1 < starts.length ? lineStarts[starts[index + 1]] : text.length;
      return { firstLine, text: text.slice(lineStarts[firstLine], end) };
    });
    const reusable = (piece: { firstLine: number; text: string }) => {
      const known = this.chunks.get(piece.firstLine);
      return known !== undefined && known.head === head && known.text === piece.text ? known : undefined;
    };
    const changed = pieces.filter((piece) => !reusable(piece)).length;
    const next = new Map<number, Chunk>();
    if (changed > Math.max(1, pieces.length * this.wholeParseShare)) {
      // A first parse, or an edit that moved most stages to other lines: parse once, then share
      // the instructions out to the pieces.
      const whole = parseWithoutRememberedLists(() => DockerfileParser.parse(text));
      const instructions = whole.getInstructions();
      stopRememberingLists(instructions);
      let cursor = 0;
      pieces.forEach((piece, index) => {
        const end = index + 1 < pieces.length ? pieces[index + 1].firstLine : Infinity;
        const own: Instruction[] = [];
        while (cursor < instructions.length && instructions[cursor].getRange().start.line < end) {
          own.push(instructions[cursor++]);
        }
        next.set(piece.firstLine, { ...piece, head, instructions: own });
      });
      this.directives = { escape: whole.getEscapeCharacter(), directives: whole.getDirectives() };
      this.lastParse = { reused: 0, parsed: -1 };
    } else {
      this.lastParse = { reused: 0, parsed: 0 };
      for (const piece of pieces) {
        let chunk = reusable(piece);
        if (chunk) {
          this.lastParse.reused++;
        } else {
          const padding = piece.firstLine === 0 ? '' : headLines.map((line) => line + '\n').join('') + '\n'.repeat(piece.firstLine - headLines.length);
          const parsed = parseWithoutRememberedLists(() => DockerfileParser.parse(padding + piece.text));
          chunk = { ...piece, head, instructions: parsed.getInstructions().filter((instruction) => instruction.getRange().start.line >= piece.firstLine) };
          stopRememberingLists(chunk.instructions);
          if (piece.firstLine === 0) {
            this.directives = { escape: parsed.getEscapeCharacter(), directives: parsed.getDirectives() };
          }
          this.lastParse.parsed++;
        }
        next.set(piece.firstLine, chunk);
      }
    }
    this.chunks = next;
    const instructions = [...next.values()].flatMap((chunk) => chunk.instructions);
    const { escape: escapeCharacter, directives } = this.directives;
    return {
      getInstructions: () => instructions,
      getEscapeCharacter: () => escapeCharacter,
      getDirectives: () => directives,
    };
  }
}

/** The offset in the text where each line starts (lines split at \n). */
function startOffsets(lines: string[]): number[] {
  const starts = new Array<number>(lines.length);
  let offset = 0;
  for (let index = 0; index < lines.length; index++) {
    starts[index] = offset;
    offset += lines[index].length + 1;
  }
  return starts;
}

/** The parser directive lines at the top (`# syntax=...`, `# escape=...`), as written. */
function directiveLines(lines: string[]): string[] {
  const head: string[] = [];
  for (const line of lines) {
    if (!/^\s*#\s*[A-Za-z]+\s*=/.test(line)) {
      break;
    }
    head.push(line.replace(/\r$/, ''));
  }
  return head;
}

function escapeCharacterOf(head: string[]): string {
  for (const line of head) {
    const match = /^\s*#\s*escape\s*=\s*(\S)/i.exec(line);
    if (match) {
      return match[1];
    }
  }
  return '\\';
}

const HEREDOC = /<<(-?)\s*(["']?)([A-Za-z0-9_.-]+)\2/g;

/**
 * The first line of each piece: line 0, then each line where a `FROM` instruction starts. A
 * `FROM` inside a line continuation or a heredoc body is text of another instruction.
 */
export function chunkStarts(lines: string[], escape: string): number[] {
  const starts = [0];
  let continuing = false;
  /** Heredoc delimiters still to close, in order, with whether leading tabs are stripped. */
  const heredocs: { delimiter: string; stripTabs: boolean }[] = [];
  let instructionTakesHeredocs = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].replace(/\r$/, '');
    if (heredocs.length > 0 && !continuing) {
      const heredoc = heredocs[0];
      if ((heredoc.stripTabs ? line.replace(/^\t+/, '') : line) === heredoc.delimiter) {
        heredocs.shift();
      }
      continue;
    }
    const trimmed = line.trim();
    if (!continuing) {
      if (trimmed === '' || trimmed.startsWith('#')) {
        continue;
      }
      const keyword = /^\s*([A-Za-z]+)/.exec(line)?.[1]?.toUpperCase();
      if (keyword === 'FROM' && index > 0) {
        starts.push(index);
      }
      instructionTakesHeredocs = keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD' || keyword === 'ONBUILD';
    } else if (trimmed.startsWith('#') || trimmed === '') {
      continue; // comments and empty lines inside a continuation do not end it
    }
    if (instructionTakesHeredocs) {
      for (const match of line.matchAll(HEREDOC)) {
        heredocs.push({ delimiter: match[3], stripTabs: match[1] === '-' });
      }
    }
    continuing = line.trimEnd().endsWith(escape);
  }
  return starts;
}
