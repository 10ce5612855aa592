// What the build context says about a Python app: the packages it depends on (so a start command
// such as `gunicorn` is known to be a console script of the venv), the scripts it declares, the
// Python versions it accepts, and the system libraries some packages load at run time.
import { BuildContext } from '../../../fix';

export interface PythonContext {
  /** Distribution names (normalised: lowercase, `-`) from requirements files and pyproject.toml. */
  packages: Set<string>;
  /** Console scripts the project declares (`[project.scripts]`, `[tool.poetry.scripts]`). */
  scripts: Set<string>;
  /** Debian runtime libraries that packages built from source load (libpq5 for psycopg2). */
  libraries: { library: string; reason: string }[];
  /** Whether the declared Python range admits 3.13; undefined when none is declared or read. */
  allows313?: boolean;
  /** The declared range (`requires-python`, Poetry's `python`). */
  pythonRange?: string;
  /** A build context was there to read. */
  read: boolean;
  /** gunicorn reads ./gunicorn.conf.py by default, and its `bind` applies when the command line sets none. */
  hasGunicornConfig: boolean;
}

/**
 * Packages that compile against a system library and load it at run time; their wheels do not
 * bundle it (psycopg2 and mysqlclient publish no manylinux wheels, psycopg without the `binary`
 * extra uses the system libpq). Same package names on Debian 12 and 13.
 */
const NATIVE: Record<string, { library: string; unless?: RegExp }> = {
  psycopg2: { library: 'libpq5' },
  psycopg: { library: 'libpq5', unless: /\[[^\]]*binary/ },
  mysqlclient: { library: 'libmariadb3' },
};

export function readPythonContext(context: BuildContext | undefined, requirementFiles: string[]): PythonContext {
  const facts: PythonContext = { packages: new Set(), scripts: new Set(), libraries: [], read: context !== undefined, hasGunicornConfig: false };
  if (!context) {
    return facts;
  }
  facts.hasGunicornConfig = context.readFile('gunicorn.conf.py') !== undefined;
  const files = new Set(['requirements.txt', ...requirementFiles.map((file) => file.replace(/^(\.\/)+/, '').replace(/^\/.*\//, ''))]);
  const specs: string[] = [];
  for (const file of files) {
    const text = context.readFile(file);
    if (text !== undefined) {
      specs.push(...text.split(/\r?\n/).map((line) => line.replace(/\s#.*$|^#.*$/, '').trim()).filter((line) => line !== '' && !line.startsWith('-')));
    }
  }
  const pyproject = context.readFile('pyproject.toml');
  if (pyproject !== undefined) {
    const project = section(pyproject, 'project');
    specs.push(...arrayStrings(project, 'dependencies'));
    const poetry = section(pyproject, 'tool.poetry.dependencies');
    for (const [, key, value] of poetry.matchAll(/^\s*["']?([A-Za-z0-9][\w.-]*)["']?\s*=(.*)$/gm)) {
      if (key !== 'python') {
        specs.push(/binary/.test(value) ? `${key}[binary]` : key);
      }
    }
    keys(section(pyproject, 'project.scripts')).concat(keys(section(pyproject, 'tool.poetry.scripts'))).forEach((script) => facts.scripts.add(script));
    const range = /^requires-python\s*=\s*["']([^"']+)["']/m.exec(project)?.[1] ?? /^python\s*=\s*["']([^"']+)["']/m.exec(poetry)?.[1];
    facts.pythonRange = range;
    facts.allows313 = range === undefined ? undefined : admits(range, [3, 13, 5]);
  }
  for (const spec of specs) {
    const name = /^[A-Za-z0-9][\w.-]*/.exec(spec)?.[0]?.toLowerCase().replace(/[_.]+/g, '-');
    if (!name) {
      continue;
    }
    facts.packages.add(name);
    const native = NATIVE[name];
    if (native && !native.unless?.test(spec) && !facts.libraries.some(({ library }) => library === native.library)) {
      facts.libraries.push({ library: native.library, reason: name });
    }
  }
  return facts;
}

/** The body of a TOML table `[name]`, up to the next table header. */
function section(toml: string, name: string): string {
  const start = toml.search(new RegExp(`^\\[${name.replace(/\./g, '\\.')}\\]\\s*$`, 'm'));
  if (start < 0) {
    return '';
  }
  const body = toml.slice(toml.indexOf('\n', start) + 1);
  const end = body.search(/^\[/m);
  return end < 0 ? body : body.slice(0, end);
}

/** The strings of a TOML array `key = [...]` (one line or several). */
function arrayStrings(body: string, key: string): string[] {
  const start = new RegExp(`^${key}\\s*=\\s*\\[`, 'm').exec(body);
  if (!start) {
    return [];
  }
  const strings: string[] = [];
  for (let i = start.index + start[0].length; i < body.length && body[i] !== ']'; i++) {
    if (body[i] === '"' || body[i] === "'") {
      const end = body.indexOf(body[i], i + 1);
      strings.push(body.slice(i + 1, end < 0 ? body.length : end));
      i = end < 0 ? body.length : end;
    } else if (body[i] === '#') {
      i = body.indexOf('\n', i) < 0 ? body.length : body.indexOf('\n', i);
    }
  }
  return strings;
}

/** The keys of a TOML table body (`name = ...` lines). */
function keys(body: string): string[] {
  return [...body.matchAll(/^\s*["']?([A-Za-z0-9][\w.-]*)["']?\s*=/gm)].map((match) => match[1]);
}

/**
 * Whether a version range admits `version`: PEP 440 (`>=3.10,<3.13`, `~=3.11`, `==3.12.*`) and
 * Poetry (`^3.11`, `~3.11`, `3.11.*`, `||`). Unknown syntax counts as admitting it.
 */
export function admits(range: string, version: number[]): boolean {
  return range.split('||').some((alternative) =>
    alternative.split(',').every((clause) => {
      const match = /^\s*(>=|<=|==|!=|~=|>|<|\^|~)?\s*v?(\d+(?:\.\d+)*)(\.\*)?\s*$/.exec(clause);
      if (!match) {
        return clause.trim() === '' || clause.trim() === '*' || !/\d/.test(clause);
      }
      const [, op, text, wildcard] = match;
      const bound = text.split('.').map(Number);
      const cmp = compare(version, bound);
      const samePrefix = compare(version.slice(0, bound.length), bound) === 0;
      switch (op) {
        case '>=': return cmp >= 0;
        case '>': return cmp > 0;
        case '<=': return cmp <= 0;
        case '<': return cmp < 0;
        case '!=': return wildcard ? !samePrefix : cmp !== 0;
        case '==': return wildcard ? samePrefix : cmp === 0;
        case '^': return cmp >= 0 && version[0] === bound[0] && (bound[0] !== 0 || version[1] === bound[1]);
        case '~': return cmp >= 0 && compare(version.slice(0, Math.min(2, bound.length)), bound.slice(0, 2)) === 0;
        case '~=': return cmp >= 0 && compare(version.slice(0, bound.length - 1), bound.slice(0, -1)) === 0;
        default: return samePrefix; // Poetry's bare `3.11` means 3.11.*
      }
    }),
  );
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}
