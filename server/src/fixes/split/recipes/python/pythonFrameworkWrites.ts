// What a Django or Flask app writes at run time, read from its sources in the build context:
// Django's SQLite database, MEDIA_ROOT (uploads), log files in LOGGING, and STATIC_ROOT when
// collectstatic runs at start (docs.djangoproject.com "Settings"); SQLite URIs and
// `sqlite3.connect` in the app's modules, and Flask's instance folder. Flask-SQLAlchemy 3 puts a
// relative SQLite path in the instance folder, which it creates (flask-sqlalchemy.palletsprojects.com
// "Configuration", changed in 3.0); Django and plain SQLAlchemy resolve it against the working folder.
import { resolvePath } from '../../../../rules/buildArtifacts';
import { WritesFound } from '../shared/runTimeWrites';
import { PythonNames, assignments, evaluatePath, splitTopLevel, withoutComment } from './pythonValues';

export interface FrameworkInput {
  /** The working folder at run time (the WORKDIR). */
  appDir: string;
  env: Map<string, string>;
  /** The start command's words, when known. */
  words?: string[];
  readFile(imagePath: string): { path: string; text: string } | undefined;
  /** Entries of a folder in the image (folders end in `/`); undefined when unknown. */
  listFolder(imagePath: string): string[] | undefined;
}

/** Folders that hold no module of the app itself. */
const NOT_APP_CODE = /^(\.|__pycache__\/|venv\/|env\/|node_modules\/|tests?\/|migrations\/|static\/|templates\/|media\/|docs\/|site-packages\/)/;
const MAX_MODULES = 80;

export function frameworkWrites(input: FrameworkInput): WritesFound {
  const found: WritesFound = { writes: [], unknowns: [], read: [] };
  django(input, found);
  modules(input, found);
  return found;
}

/** The settings module: DJANGO_SETTINGS_MODULE, else the default manage.py or the wsgi/asgi module sets. */
function settingsModule(input: FrameworkInput): string | undefined {
  const fromEnv = input.env.get('DJANGO_SETTINGS_MODULE');
  if (fromEnv) {
    return fromEnv;
  }
  const wsgi = input.words?.map((word) => /^([\w.]+)\.(wsgi|asgi)(:\w+)?$/.exec(word)?.[1]).find((name) => name !== undefined);
  const candidates = ['manage.py', ...(wsgi ? [`${wsgi.replace(/\./g, '/')}/wsgi.py`, `${wsgi.replace(/\./g, '/')}/asgi.py`] : [])];
  for (const file of candidates) {
    const text = input.readFile(resolvePath(input.appDir, file))?.text;
    const module = text && /DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([\w.]+)['"]/.exec(text)?.[1];
    if (module) {
      return module;
    }
  }
  return undefined;
}

function django(input: FrameworkInput, found: WritesFound): void {
  const module = settingsModule(input);
  const settingsPath = module && resolvePath(input.appDir, `${module.replace(/\./g, '/')}.py`);
  const settings = settingsPath ? input.readFile(settingsPath) : undefined;
  if (!settings || !settingsPath) {
    return;
  }
  // `from .base import *` (a settings package): the base's names first, with its own __file__
  const files = [{ imagePath: settingsPath, ...settings }];
  for (const match of settings.text.matchAll(/^from\s+([\w.]+)\s+import\s+\*/gm)) {
    const base = match[1].startsWith('.') ? resolvePath(settingsPath.slice(0, settingsPath.lastIndexOf('/')), `${match[1].slice(1).replace(/\./g, '/')}.py`) : resolvePath(input.appDir, `${match[1].replace(/\./g, '/')}.py`);
    const file = input.readFile(base);
    if (file) {
      files.unshift({ imagePath: base, ...file });
    }
  }
  const scope: PythonNames = { names: new Map(), env: input.env };
  for (const file of files) {
    found.read.push(file.path);
    scope.names.set('__file__', file.imagePath);
    for (const { name, expression } of assignments(file.text)) {
      const value = evaluatePath(expression, scope);
      if (typeof value === 'string') {
        scope.names.set(name, value);
      } else {
        scope.names.delete(name);
      }
      const collectstatic = input.words?.some((word) => word.includes('collectstatic')) ?? false;
      if (name === 'MEDIA_ROOT' || (name === 'STATIC_ROOT' && collectstatic)) {
        const why = name === 'MEDIA_ROOT' ? `MEDIA_ROOT in ${file.path}` : `STATIC_ROOT in ${file.path}, which collectstatic fills at start`;
        addPath(found, input.appDir, value, 'folder', why);
      }
      if (name === 'DATABASES' && expression.includes('django.db.backends.sqlite3')) {
        addPath(found, input.appDir, evaluatePath(dictValue(expression, 'NAME', 'django.db.backends.sqlite3') ?? '?', scope), 'file', `the SQLite database in ${file.path}`);
      }
      if (name === 'LOGGING') {
        for (const match of expression.matchAll(/['"]filename['"]\s*:/g)) {
          const rest = expression.slice((match.index ?? 0) + match[0].length);
          addPath(found, input.appDir, evaluatePath(splitTopLevel(rest, ',')[0].replace(/[}\s]+$/, ''), scope), 'log', `a log file in LOGGING in ${file.path}`);
        }
      }
    }
  }
}

/** The `key`'s value in the dict literal of `expression` that also holds `near` (the ENGINE). */
function dictValue(expression: string, key: string, near: string): string | undefined {
  const at = expression.indexOf(near);
  const open = expression.lastIndexOf('{', at);
  const body = expression.slice(open + 1);
  for (const entry of splitTopLevel(body.slice(0, closing(body)), ',')) {
    const match = new RegExp(`^\\s*['"]${key}['"]\\s*:\\s*(.+)$`, 's').exec(entry);
    if (match) {
      return match[1].trim();
    }
  }
  return undefined;
}

/** The index of the `}` that closes a dict whose body starts `body`. */
function closing(body: string): number {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    depth += '([{'.includes(body[i]) ? 1 : ')]}'.includes(body[i]) ? -1 : 0;
    if (depth < 0) {
      return i;
    }
  }
  return body.length;
}

/** SQLite URIs, `sqlite3.connect(...)` and Flask's `os.makedirs(app.instance_path)` in the app's modules. */
function modules(input: FrameworkInput, found: WritesFound): void {
  const paths = modulePaths(input);
  const sources = paths.map((path) => ({ imagePath: path, file: input.readFile(path) })).filter((source) => source.file !== undefined);
  if (sources.length === 0) {
    return;
  }
  found.read.push(`the .py files in ${input.appDir}`);
  const flaskSqlAlchemy = sources.some(({ file }) => /^\s*(from|import)\s+flask_sqlalchemy\b/m.test(file?.text ?? ''));
  const instance = resolvePath(input.appDir, 'instance');
  for (const { imagePath, file } of sources) {
    if (!file) {
      continue;
    }
    const scope: PythonNames = { names: new Map([['__file__', imagePath]]), env: input.env };
    for (const { name, expression } of assignments(file.text)) {
      const value = evaluatePath(expression, scope);
      if (typeof value === 'string') {
        scope.names.set(name, value);
      }
    }
    // An upload Flask (werkzeug's FileStorage) saves: its path is the app's to choose at run time.
    const uploads = /\brequest\.files\b/.test(file.text);
    for (const line of file.text.split(/\r?\n/).map(withoutComment)) {
      if (uploads && /\.save\(/.test(line)) {
        found.unknowns.push(`an uploaded file saved with .save() in ${file.path}`);
      }
      if (/makedirs\(\s*app\.instance_path/.test(line)) {
        found.writes.push({ path: instance, kind: 'folder', evidence: `os.makedirs(app.instance_path) in ${file.path}` });
      }
      const connect = /sqlite3\.connect\((.+)\)/.exec(line);
      if (connect) {
        addPath(found, input.appDir, evaluatePath(splitTopLevel(connect[1], ',')[0], scope), 'file', `sqlite3.connect in ${file.path}`);
      }
      if (!/sqlite:\/\//.test(line)) {
        continue;
      }
      const literal = /(?<![fF])(['"])sqlite:\/\/\/([^'"]*)\1(?!\s*\+)/.exec(line);
      const rhs = line.includes('=') && !/^\s*['"]/.test(line) ? line.slice(line.search(/[^=!<>]=[^=]/) + 2) : line;
      // `os.environ.get('DATABASE_URL') or 'sqlite:///app.db'`: the first value set; else a literal inside a call
      const evaluated = alternatives(rhs.trim().replace(/,$/, '')).map((part) => evaluatePath(part, scope)).find((value) => value !== null);
      const uri = evaluated === undefined && literal ? `sqlite:///${literal[2]}` : evaluated;
      const path = typeof uri === 'string' ? /^sqlite:\/\/\/(.*)$/.exec(uri)?.[1] ?? null : uri;
      if (path === ':memory:' || path === '') {
        continue;
      }
      const base = flaskSqlAlchemy ? instance : input.appDir;
      addPath(found, base, path, 'file', `a SQLite URI in ${file.path}${flaskSqlAlchemy && path && !path.startsWith('/') ? ', which Flask-SQLAlchemy puts in the instance folder' : ''}`);
    }
  }
}

/** `a or b or c`: the parts, outside strings and brackets. */
function alternatives(expression: string): string[] {
  return splitTopLevel(expression.replace(/\s+or\s+/g, ' \u0000 '), '\u0000');
}

/** The app's modules: the .py files in the app folder and in its folders one level down. */
function modulePaths(input: FrameworkInput): string[] {
  const top = input.listFolder(input.appDir) ?? [];
  const paths = top.filter((entry) => entry.endsWith('.py')).map((entry) => resolvePath(input.appDir, entry));
  for (const folder of top.filter((entry) => entry.endsWith('/') && !NOT_APP_CODE.test(entry))) {
    const dir = resolvePath(input.appDir, folder);
    paths.push(...(input.listFolder(dir) ?? []).filter((entry) => entry.endsWith('.py')).map((entry) => resolvePath(dir, entry)));
  }
  return paths.slice(0, MAX_MODULES);
}

function addPath(found: WritesFound, base: string, value: string | null | undefined, kind: 'folder' | 'file' | 'log', evidence: string): void {
  if (value === undefined) {
    found.unknowns.push(`the split cannot evaluate ${evidence}`);
  } else if (value !== null && value !== '') {
    found.writes.push({ path: resolvePath(base, value), kind, evidence });
  }
}
