// Where a path expression in an app's source points, as far as one source file tells: the path a
// write call receives is often not a literal but a name (`Paths.get(uploadDir, fileName)` with
// `String uploadDir = "/var/images/colis"`, `workPath + self.imageFolder + name` with
// `let imageFolder = "ProfilePicture/"`, `new FileOutputStream(convFile)` with
// `File convFile = new File(file.getOriginalFilename())`). This follows names to their
// assignments in the same file, joins path-building calls with `/`, and says which part is known:
// a known folder, the working folder, the temporary folder, or a name known only at run time.

/** A piece of a path: literal text, the working folder, the temporary folder, or a value known only at run time. */
type Part = string | typeof CWD | typeof TEMP | typeof UNKNOWN;
const CWD = Symbol('cwd');
const TEMP = Symbol('temp');
const UNKNOWN = Symbol('unknown');

/** Where a write lands. `path`: the literal text known from the start (relative to the working folder unless absolute); `open` when a run-time name follows it. */
export type PathValue = { kind: 'path'; text: string; open: boolean } | { kind: 'temp' } | { kind: 'unknown' };

/** The working folder, in the languages read (Vapor's DirectoryConfig is the process's working folder). */
const CWD_EXPRESSION = /^(?:System\.getProperty\(\s*"user\.dir"\s*\)|os\.Getwd\(\)|Directory\.GetCurrentDirectory\(\)|Environment\.CurrentDirectory|(?:std::)?env::current_dir\(\)|FileManager(?:\.default|\(\))\.currentDirectoryPath|.*\bDirectoryConfig\b.*\.workDir)$/;
const TEMP_EXPRESSION = /^(?:System\.getProperty\(\s*"java\.io\.tmpdir"\s*\)|os\.TempDir\(\)|Path\.GetTempPath\(\)|(?:std::)?env::temp_dir\(\)|NSTemporaryDirectory\(\)|FileManager(?:\.default|\(\))\.temporaryDirectory)$/;
/** Calls whose arguments are joined into one path with `/`. */
const JOIN_CALL = /^(?:new\s+File|Paths\.get|Path\.of|filepath\.Join|path\.Join|Path\.Combine|(?:std::path::)?Path::new|(?:std::path::)?PathBuf::from|URL)\s*\(/;
/** Methods that append one part to the path they are called on. */
const APPEND_METHOD = /^\.(?:resolve|join|appendingPathComponent|appending(?:\(\s*path:|\(\s*component:)?)\(?/;
/** Wrappers that leave the path as it is: conversions, error handling, keywords. */
const PREFIXES = /^(?:try[!?]?\s+|await\s+|&(?:mut\s+)?|\*)/;
const SUFFIXES = /(?:\.(?:toString|toFile|toPath|toAbsolutePath|normalize|to_string|to_owned|as_path|as_str|unwrap|expect|path|absoluteString|FullName)(?:\([^()]*\))?|\?|!)$/;
const MAX_DEPTH = 4;
const MAX_ALTERNATIVES = 4;

/** Where `expression`, written at offset `at` of `source`, points: one value per assignment the names it uses have (at most four). */
export function pathValues(expression: string, source: string, at: number): PathValue[] {
  return evaluate(expression, { source, at }, 0, new Set()).map(locate);
}

/** The argument text that starts at `start` in `text`, up to the `,` or `)` that ends it. */
export function argumentAt(text: string, start: number): string {
  const end = walkOutsideStrings(text, start, (char, _index, depth) => depth === 0 && (')]},;\n'.includes(char)));
  return text.slice(start, end).trim();
}

/**
 * Walks `text` from `start`, skipping string literals, and calls `stop` on each other character
 * with the bracket depth before it; returns the index where `stop` said yes (else the length).
 */
function walkOutsideStrings(text: string, start: number, stop: (char: string, index: number, depth: number) => boolean): number {
  let depth = 0;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      index = endOfString(text, index);
      continue;
    }
    if (stop(char, index, depth)) {
      return index;
    }
    if ('([{'.includes(char)) {
      depth++;
    } else if (')]}'.includes(char)) {
      depth--;
    }
  }
  return text.length;
}

function endOfString(text: string, quote: number): number {
  for (let index = quote + 1; index < text.length; index++) {
    if (text[index] === '\\') {
      index++;
    } else if (text[index] === '"' || text[index] === '\n') {
      return index;
    }
  }
  return text.length;
}

/** The text split at `separator` outside strings and brackets. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let from = 0;
  walkOutsideStrings(text, 0, (char, index, depth) => {
    if (char === separator && depth === 0 && text[index + 1] !== '=') {
      parts.push(text.slice(from, index).trim());
      from = index + 1;
    }
    return false;
  });
  return [...parts, text.slice(from).trim()];
}

/** The arguments of the call whose `(` is at `open`, and where the call ends. */
function callArguments(text: string, open: number): { args: string[]; end: number } {
  const close = walkOutsideStrings(text, open, (char, _index, depth) => depth === 1 && ')]}'.includes(char));
  if (close === text.length) {
    return { args: [], end: text.length };
  }
  const inside = text.slice(open + 1, close).trim();
  return { args: inside === '' ? [] : splitTopLevel(inside, ',').map((arg) => arg.replace(/^\w+:\s*/, '')), end: close + 1 };
}

/** An expression's source file, and its offset there: names take the assignments before it. */
interface Where { source: string; at: number }

function evaluate(expression: string, where: Where, depth: number, seen: Set<string>): Part[][] {
  let text = expression.trim();
  for (let before = ''; before !== text;) {
    before = text;
    text = text.replace(PREFIXES, '').replace(SUFFIXES, '').trim();
    if (/^\(.*\)$/s.test(text) && callArguments(text, 0).end === text.length) {
      text = text.slice(1, -1).trim();
    }
  }
  if (text === '' || depth > MAX_DEPTH) {
    return [[UNKNOWN]];
  }
  const sum = splitTopLevel(text, '+');
  if (sum.length > 1) {
    return sum.reduce<Part[][]>((alternatives, term) => product(alternatives, evaluate(term, where, depth + 1, seen)), [[]]);
  }
  const literal = /^(?:@\$|\$@|@|\$|r#*|b)?"((?:[^"\\\n]|\\.)*)"#*$/.exec(text);
  if (literal) {
    return [literalParts(literal[1], text.startsWith('$') || text.startsWith('@$'))];
  }
  if (CWD_EXPRESSION.test(text)) {
    return [[CWD]];
  }
  if (TEMP_EXPRESSION.test(text)) {
    return [[TEMP]];
  }
  if (JOIN_CALL.test(text)) {
    const call = callArguments(text, text.indexOf('('));
    const joined = call.args.reduce<Part[][]>((alternatives, arg, index) => product(alternatives, evaluate(arg, where, depth + 1, seen).map((parts) => (index === 0 ? parts : ['/', ...parts]))), [[]]);
    return appendRest(joined, text.slice(call.end), where, depth, seen);
  }
  const name = /^(?:this\.|self\.)?([A-Za-z_]\w*)(?=$|\.|\()/.exec(text);
  if (name && !text.slice(name[0].length).startsWith('(')) {
    const base = seen.has(name[1]) ? [[UNKNOWN] as Part[]] : assignedValues(name[1], where, depth, seen);
    return appendRest(base, text.slice(name[0].length), where, depth, seen);
  }
  return [[UNKNOWN]];
}

/** `base` followed by what comes after it: `.resolve("x")` appends a part, anything else is unknown. */
function appendRest(base: Part[][], rest: string, where: Where, depth: number, seen: Set<string>): Part[][] {
  const trimmed = rest.trim();
  if (trimmed === '') {
    return base;
  }
  const append = APPEND_METHOD.exec(trimmed);
  if (append) {
    const open = trimmed.indexOf('(');
    const call = callArguments(trimmed, open);
    const appended = product(base, call.args.slice(0, 1).flatMap((arg) => evaluate(arg, where, depth + 1, seen).map((parts) => ['/', ...parts] as Part[])));
    return appendRest(appended, trimmed.slice(call.end), where, depth, seen);
  }
  return base.map((parts) => [...parts, UNKNOWN]);
}

/**
 * The values assigned to `name` in the source (`String dir = "uploads";`, `let dir = ...`,
 * `dir := ...`, `const DIR: &str = ...`): the nearest before the use first, or any when none is
 * before it (a field declared below its methods).
 */
function assignedValues(name: string, where: Where, depth: number, seen: Set<string>): Part[][] {
  const assignment = new RegExp(`(?:^|[^\\w.])(?:this\\.|self\\.)?${name}\\s*(?::\\s*[\\w.<>?&'\\[\\] ]+?\\s*)?(?:,\\s*_\\s*)?(?::=|=)(?![=>])\\s*([^;\\n]+)`, 'gm');
  const all = [...where.source.matchAll(assignment)].map((match) => ({ at: match.index ?? 0, value: match[1].trim() }));
  const before = all.filter((found) => found.at < where.at).reverse();
  const chosen = (before.length > 0 ? before : all).filter((found, index, list) => list.findIndex((other) => other.value === found.value) === index).slice(0, MAX_ALTERNATIVES);
  if (chosen.length === 0) {
    return [[UNKNOWN]]; // a parameter, or a value from elsewhere
  }
  const inner = new Set([...seen, name]);
  return chosen.flatMap((found) => evaluate(found.value, { source: where.source, at: found.at }, depth + 1, inner)).slice(0, MAX_ALTERNATIVES);
}

/** A string literal's text up to its first interpolation (Swift `\(`, C# `{` in `$"..."`, Kotlin `$name`). */
function literalParts(body: string, interpolated: boolean): Part[] {
  const cut = body.search(interpolated ? /\{|\\\(/ : /\\\(|\$[{\w]/);
  const known = (cut < 0 ? body : body.slice(0, cut)).replace(/\\\\/g, '\\');
  return cut < 0 ? [known] : [known, UNKNOWN];
}

function product(left: Part[][], right: Part[][]): Part[][] {
  return left.flatMap((head) => right.map((tail) => [...head, ...tail])).slice(0, MAX_ALTERNATIVES);
}

function locate(parts: Part[]): PathValue {
  const [first] = parts;
  if (first === TEMP) {
    return { kind: 'temp' };
  }
  if (first === UNKNOWN || first === undefined) {
    return { kind: 'unknown' };
  }
  let text = first === CWD ? './' : '';
  let open = false;
  for (const part of first === CWD ? parts.slice(1) : parts) {
    if (typeof part !== 'string') {
      open = true;
      break;
    }
    text += part;
  }
  text = text.replace(/\/{2,}/g, '/').replace(/^(\.\/)+/, '');
  if (first === CWD && text.startsWith('/')) {
    text = text.slice(1);
  }
  return { kind: 'path', text, open };
}
