// The value of a Python expression that names a path, as config files and settings write them:
// `'gunicorn.pid'`, `BASE_DIR / 'db.sqlite3'`, `os.path.join(BASE_DIR, 'media')`,
// `Path(__file__).resolve().parent.parent`, `os.environ.get('LOG_DIR', 'logs')`, f-strings. The
// split reads files, it does not run them: anything else has no value it can know (undefined).
import { resolvePath } from '../../../../rules/buildArtifacts';

export interface PythonNames {
  /** Module-level names already evaluated (`BASE_DIR`), and `__file__`: absolute image paths. */
  names: Map<string, string>;
  /** The ENV values the image sets (what `os.environ` holds at run time, as far as the split knows). */
  env: Map<string, string>;
}

/** A string, `null` for `None` (or an unset variable without default), undefined when unknown. */
export type PythonValue = string | null | undefined;

const PATH_METHOD = /\.(parent|resolve\(\)|absolute\(\)|parents\[(\d+)\])$/;
const IDENTITY_CALLS = new Set(['str', 'Path', 'pathlib.Path', 'os.path.abspath', 'os.path.realpath', 'os.path.normpath', 'os.fspath']);

export function evaluatePath(expression: string, scope: PythonNames): PythonValue {
  const text = stripParentheses(expression.trim());
  const sum = splitTopLevel(text, '+');
  if (sum.length > 1) {
    const parts = sum.map((part) => evaluatePath(part, scope));
    return parts.every((part): part is string => typeof part === 'string') ? parts.join('') : undefined;
  }
  const division = splitTopLevel(text, '/');
  if (division.length > 1) {
    const parts = division.map((part) => evaluatePath(part, scope));
    return parts.every((part): part is string => typeof part === 'string') ? parts.reduce((dir, part) => joinPath(dir, part)) : undefined;
  }
  const literal = /^([rRuU]?)(['"])(.*)\2$/s.exec(text);
  if (literal && !literal[3].includes(literal[2])) {
    return literal[3];
  }
  const formatted = /^[fF][rR]?(['"])(.*)\1$/s.exec(text);
  if (formatted) {
    let unknown = false;
    const value = formatted[2].replace(/\{([^{}]+)\}/g, (_, inner: string) => {
      const part = evaluatePath(inner, scope);
      unknown ||= typeof part !== 'string';
      return typeof part === 'string' ? part : '';
    });
    return unknown ? undefined : value;
  }
  if (text === 'None') {
    return null;
  }
  if (/^[A-Za-z_]\w*$/.test(text)) {
    return scope.names.get(text);
  }
  const method = PATH_METHOD.exec(text);
  if (method && balanced(text.slice(0, method.index))) {
    const base = evaluatePath(text.slice(0, method.index), scope);
    const levels = method[1] === 'parent' ? 1 : method[2] !== undefined ? Number(method[2]) + 1 : 0;
    return typeof base === 'string' ? ancestor(base, levels) : base === null ? undefined : base;
  }
  const environ = /^os\.environ\[(['"])(\w+)\1\]$/.exec(text);
  if (environ) {
    return scope.env.get(environ[2]);
  }
  const call = /^([\w.]+)\((.*)\)$/s.exec(text);
  if (!call || !balanced(call[2])) {
    return undefined;
  }
  const [, name, argumentText] = call;
  const args = splitTopLevel(argumentText, ',').map((arg) => arg.trim()).filter((arg) => arg !== '');
  if (IDENTITY_CALLS.has(name) && args.length === 1) {
    return evaluatePath(args[0], scope);
  }
  if (name === 'os.path.dirname' && args.length === 1) {
    const base = evaluatePath(args[0], scope);
    return typeof base === 'string' ? ancestor(base, 1) : undefined;
  }
  if (name === 'os.path.join' && args.length > 0) {
    return evaluatePath(args.join(' / '), scope);
  }
  if ((name === 'os.environ.get' || name === 'os.getenv') && args.length > 0 && args.length <= 2) {
    const variable = /^(['"])(\w+)\1$/.exec(args[0])?.[2];
    if (!variable) {
      return undefined;
    }
    return scope.env.get(variable) ?? (args[1] === undefined ? null : evaluatePath(args[1].replace(/^default\s*=\s*/, ''), scope));
  }
  return undefined;
}

/** `/app/settings.py` up `levels` folders: 1 gives `/app`. */
function ancestor(path: string, levels: number): string {
  let result = path;
  for (let i = 0; i < levels; i++) {
    result = result.slice(0, result.lastIndexOf('/')) || '/';
  }
  return result;
}

/** pathlib's `/` and os.path.join: an absolute part starts over. */
function joinPath(dir: string, part: string): string {
  return part.startsWith('/') ? part : dir === '' ? part : dir.startsWith('/') ? resolvePath(dir, part) : `${dir.replace(/\/+$/, '')}/${part}`;
}

function stripParentheses(text: string): string {
  let result = text;
  while (result.startsWith('(') && result.endsWith(')') && balanced(result.slice(1, -1))) {
    result = result.slice(1, -1).trim();
  }
  return result;
}

/**
 * Walks `text` outside its string literals, tracking bracket depth: `visit` sees each such
 * character with the depth after it, and stops the walk by returning true.
 */
function walkCode(text: string, visit: (char: string, index: number, depth: number) => boolean | void): { depth: number; inString: boolean; stoppedAt?: number } {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      quote = char === quote && text[i - 1] !== '\\' ? undefined : quote;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      continue;
    }
    depth += '([{'.includes(char) ? 1 : ')]}'.includes(char) ? -1 : 0;
    if (visit(char, i, depth)) {
      return { depth, inString: false, stoppedAt: i };
    }
  }
  return { depth, inString: quote !== undefined };
}

/** Parts of `text` split at `separator` outside strings and brackets. */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  walkCode(text, (char, index, depth) => {
    if (char === separator && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  });
  parts.push(text.slice(start));
  return parts;
}

/** Brackets balance and never close more than they opened (outside strings). */
function balanced(text: string): boolean {
  const walked = walkCode(text, (_char, _index, depth) => depth < 0);
  return walked.stoppedAt === undefined && walked.depth === 0 && !walked.inString;
}

/** Module-level assignments `NAME = expression` (one line each, or a bracketed value over several). */
export function assignments(source: string): { name: string; expression: string }[] {
  const found: { name: string; expression: string }[] = [];
  const lines = source.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const match = /^([A-Za-z_]\w*)\s*(?::\s*[\w[\], .]+)?=(?!=)\s*(.*)$/.exec(lines[i]);
    if (!match) {
      continue;
    }
    let expression = withoutComment(match[2]);
    while (!balanced(expression) && i + 1 < lines.length) {
      expression += ` ${withoutComment(lines[++i].trim())}`;
    }
    found.push({ name: match[1], expression: expression.trim() });
  }
  return found;
}

/** A line without its `# comment` (a `#` inside a string stays). */
export function withoutComment(line: string): string {
  const walked = walkCode(line, (char) => char === '#');
  return (walked.stoppedAt === undefined ? line : line.slice(0, walked.stoppedAt)).trimEnd();
}
