// VS Code's snippet syntax (the grammar in "Snippets in Visual Studio Code"), parsed into a small
// tree so that a template can be expanded with its defaults: the text a user gets by pressing Tab
// through every stop without typing. The server uses it for clients without snippet support; the
// snippet test uses it to check that every template, as inserted, is a correct Dockerfile.
//
//   any         ::= tabstop | placeholder | choice | variable | text
//   tabstop     ::= '$' int | '${' int '}'
//   placeholder ::= '${' int ':' any* '}'
//   choice      ::= '${' int '|' text (',' text)* '|}'
//   variable    ::= '$' var | '${' var (':' any*)? '}'
// Escapes: `\$`, `\}` and `\\` in text; `\,` and `\|` (and those three) inside a choice.

export type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number }
  | { kind: 'placeholder'; index: number; children: SnippetNode[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children?: SnippetNode[] };

export class SnippetSyntaxError extends Error {}

/** Parses a snippet body (lines already joined with `\n`). Throws SnippetSyntaxError on malformed input. */
export function parseSnippet(body: string): SnippetNode[] {
  const parser = new Parser(body);
  const nodes = parser.parseSequence(false);
  if (!parser.atEnd()) {
    throw new SnippetSyntaxError(`unexpected "${body[parser.position]}" at offset ${parser.position}`);
  }
  return nodes;
}

class Parser {
  position = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  /** Nodes up to the end, or up to an unescaped `}` when `nested` (the `}` is left for the caller). */
  parseSequence(nested: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text !== '') {
        nodes.push({ kind: 'text', value: text });
        text = '';
      }
    };
    while (!this.atEnd()) {
      const char = this.text[this.position];
      if (char === '\\' && ['$', '}', '\\'].includes(this.text[this.position + 1])) {
        text += this.text[this.position + 1];
        this.position += 2;
      } else if (char === '$') {
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += char; // a `$` that starts nothing is text, as in VS Code
          this.position++;
        }
      } else if (char === '}' && nested) {
        break;
      } else {
        text += char;
        this.position++;
      }
    }
    flush();
    return nodes;
  }

  private parseDollar(): SnippetNode | undefined {
    const rest = this.text.slice(this.position + 1);
    const simple = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (simple) {
      this.position += 1 + simple[0].length;
      return /^\d/.test(simple[0]) ? { kind: 'tabstop', index: Number(simple[0]) } : { kind: 'variable', name: simple[0] };
    }
    const braced = /^\{(\d+|[A-Za-z_][A-Za-z0-9_]*)([:|}])?/.exec(rest);
    if (!braced) {
      return undefined;
    }
    const start = this.position;
    const [whole, id, separator] = braced;
    if (separator === undefined) {
      throw new SnippetSyntaxError(`"\${${id}" at offset ${start} is not followed by ":", "|" or "}"`);
    }
    this.position += 1 + whole.length;
    const isIndex = /^\d/.test(id);
    if (separator === '}') {
      return isIndex ? { kind: 'tabstop', index: Number(id) } : { kind: 'variable', name: id };
    }
    if (separator === '|') {
      if (!isIndex) {
        throw new SnippetSyntaxError(`a choice needs a tab stop number, not "${id}" (offset ${start})`);
      }
      return { kind: 'choice', index: Number(id), options: this.parseChoiceOptions(start) };
    }
    const children = this.parseSequence(true);
    if (this.text[this.position] !== '}') {
      throw new SnippetSyntaxError(`"\${${id}:" at offset ${start} is never closed with "}"`);
    }
    this.position++;
    return isIndex ? { kind: 'placeholder', index: Number(id), children } : { kind: 'variable', name: id, children };
  }

  private parseChoiceOptions(start: number): string[] {
    const options: string[] = [];
    let option = '';
    while (!this.atEnd()) {
      const char = this.text[this.position];
      if (char === '\\' && [',', '|', '$', '}', '\\'].includes(this.text[this.position + 1])) {
        option += this.text[this.position + 1];
        this.position += 2;
      } else if (char === ',') {
        options.push(option);
        option = '';
        this.position++;
      } else if (char === '|' && this.text[this.position + 1] === '}') {
        options.push(option);
        this.position += 2;
        return options;
      } else {
        option += char;
        this.position++;
      }
    }
    throw new SnippetSyntaxError(`the choice at offset ${start} is never closed with "|}"`);
  }
}

export interface Expansion {
  /** The text with every tab stop at its default. */
  text: string;
  /** Offsets in `text` of each tab stop's first occurrence, by index (0: the final cursor). */
  stops: Map<number, { start: number; end: number }>;
}

/**
 * The text VS Code inserts when the user accepts every default: a placeholder gives its default,
 * a choice its first option, a bare `$n` mirrors the first placeholder or choice with that index
 * (VS Code: "the first placeholder of an index that has a value defines the value for all").
 * Variables are not resolved (our templates use none); their default or their name is inserted.
 */
export function expandSnippet(body: string): Expansion {
  const nodes = parseSnippet(body);
  const defaults = new Map<number, SnippetNode>();
  collectDefaults(nodes, defaults);
  const stops = new Map<number, { start: number; end: number }>();
  let text = '';
  const emit = (list: SnippetNode[], depth: number): void => {
    if (depth > 20) {
      throw new SnippetSyntaxError('tab stops mirror each other in a cycle');
    }
    for (const node of list) {
      const start = text.length;
      switch (node.kind) {
        case 'text':
          text += node.value;
          break;
        case 'variable':
          if (node.children) {
            emit(node.children, depth + 1);
          } else {
            text += node.name;
          }
          break;
        case 'tabstop':
        case 'placeholder':
        case 'choice': {
          const source = defaults.get(node.index);
          if (source?.kind === 'placeholder') {
            emit(source.children, depth + 1);
          } else if (source?.kind === 'choice') {
            text += source.options[0] ?? '';
          }
          if (!stops.has(node.index)) {
            stops.set(node.index, { start, end: text.length });
          }
          break;
        }
      }
    }
  };
  emit(nodes, 0);
  return { text, stops };
}

function collectDefaults(nodes: SnippetNode[], defaults: Map<number, SnippetNode>): void {
  for (const node of nodes) {
    if ((node.kind === 'placeholder' || node.kind === 'choice') && !defaults.has(node.index)) {
      defaults.set(node.index, node);
    }
    if (node.kind === 'placeholder' || (node.kind === 'variable' && node.children)) {
      collectDefaults(node.children ?? [], defaults);
    }
  }
}

/** Every node of the tree, depth first. */
export function walkSnippet(nodes: SnippetNode[], visit: (node: SnippetNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if (node.kind === 'placeholder' || (node.kind === 'variable' && node.children)) {
      walkSnippet(node.children ?? [], visit);
    }
  }
}

/** A snippet file entry as VS Code reads it (`contributes.snippets`). */
export interface SnippetDefinition {
  prefix: string | string[];
  body: string | string[];
  description?: string;
  scope?: string;
  isFileTemplate?: boolean;
}

const KNOWN_KEYS = new Set(['prefix', 'body', 'description', 'scope', 'isFileTemplate']);

/** The body as one string, as VS Code joins an array body. */
export function bodyText(definition: SnippetDefinition): string {
  return Array.isArray(definition.body) ? definition.body.join('\n') : definition.body;
}

export function prefixesOf(definition: SnippetDefinition): string[] {
  return Array.isArray(definition.prefix) ? definition.prefix : [definition.prefix];
}

/**
 * Problems with a snippet file against VS Code's format, plus what our templates promise: a
 * description, no variables (a `$NAME` meant for the Dockerfile must be written `\$NAME`), one
 * default per tab stop.
 */
export function snippetFileProblems(json: unknown): string[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return ['the snippet file must be a JSON object of snippet names to snippets'];
  }
  const problems: string[] = [];
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    const where = `snippet "${name}"`;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${where} must be an object`);
      continue;
    }
    const entry = value as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (!KNOWN_KEYS.has(key)) {
        problems.push(`${where} has an unknown key "${key}"`);
      }
    }
    const prefix = entry.prefix;
    const prefixOk = (typeof prefix === 'string' && prefix.trim() !== '') || (Array.isArray(prefix) && prefix.length > 0 && prefix.every((p) => typeof p === 'string' && p.trim() !== ''));
    if (!prefixOk) {
      problems.push(`${where}: "prefix" must be a non-empty string or array of strings`);
    }
    const body = entry.body;
    const bodyOk = typeof body === 'string' || (Array.isArray(body) && body.length > 0 && body.every((line) => typeof line === 'string'));
    if (!bodyOk) {
      problems.push(`${where}: "body" must be a string or an array of strings`);
    }
    if (typeof entry.description !== 'string' || entry.description.trim() === '') {
      problems.push(`${where}: "description" must be a non-empty string`);
    }
    if (entry.scope !== undefined && typeof entry.scope !== 'string') {
      problems.push(`${where}: "scope" must be a string`);
    }
    if (entry.isFileTemplate !== undefined && typeof entry.isFileTemplate !== 'boolean') {
      problems.push(`${where}: "isFileTemplate" must be true or false`);
    }
    if (bodyOk) {
      problems.push(...bodyProblems(bodyText(entry as unknown as SnippetDefinition)).map((problem) => `${where}: ${problem}`));
    }
  }
  return problems;
}

function bodyProblems(body: string): string[] {
  let nodes: SnippetNode[];
  try {
    nodes = parseSnippet(body);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  const problems: string[] = [];
  const defaults = new Map<number, string>();
  walkSnippet(nodes, (node) => {
    if (node.kind === 'variable') {
      problems.push(`"$${node.name}" is a snippet variable; write "\\\\$${node.name}" for a Dockerfile variable`);
    }
    if (node.kind === 'choice' && node.options.some((option) => option === '')) {
      problems.push(`the choice of tab stop ${node.index} has an empty option`);
    }
    if (node.kind === 'placeholder' || node.kind === 'choice') {
      const value = node.kind === 'choice' ? `|${node.options.join(',')}|` : JSON.stringify(node.children);
      const earlier = defaults.get(node.index);
      if (earlier !== undefined && earlier !== value) {
        problems.push(`tab stop ${node.index} has two different defaults; give it once and mirror it with $${node.index}`);
      }
      defaults.set(node.index, value);
    }
  });
  return problems;
}
