// Which files `stagecraft check` looks at. A file named on the command line is checked whatever
// its name; a directory is walked for Dockerfile names; a glob selects the files it matches
// (whatever their names). Walks and globs skip `.git` and what `.gitignore` files ignore: those in
// the walked folders and those above them up to the repository root, as git reads them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { Ignore } from 'ignore';
import { patternToRegExp } from '../core/glob';

/**
 * Dockerfile names: the editor's (`Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `Containerfile`,
 * `Containerfile.*`, in any case, as BuildKit falls back to `dockerfile`), and the variants teams
 * use beside them: `Dockerfile-alpine.template`, `Dockerfile_prod`, `api.Dockerfile.j2`,
 * `prod-Dockerfile`. Those must spell `Dockerfile` with its capital, so that source files like
 * `dockerfile_parser.go` stay out (their extensions are refused as well).
 */
const DOCKERFILE_NAMES = [
  /^(docker|container)file$/i,
  /^(docker|container)file\..+/i,
  /.+\.(docker|container)file$/i,
  /[._-](docker|container)file$/i,
  /(^|[._-])(Dockerfile|Containerfile)([._-]|$)/,
];
/** `Dockerfile.md`, `Dockerfile.png`, `dockerfile_test.go`, `Dockerfile.dockerignore`: docs, images, code and ignore files beside Dockerfiles. */
const NOT_DOCKERFILE_EXTENSIONS = /\.(md|markdown|rst|adoc|txt|html?|png|jpe?g|gif|svg|pdf|orig|rej|bak|swp|go|js|mjs|cjs|ts|py|rb|rs|java|kt|cs|sh|ps1|json|ya?ml|toml|xml|lock|dockerignore)$/i;
const GLOB_CHARACTERS = /[*?[]/;

export interface FoundFile {
  /** Absolute path. */
  path: string;
  /** Named on the command line (not found by a walk or a glob): problems with it are errors. */
  explicit: boolean;
}

export interface WalkResult {
  files: FoundFile[];
  /** Sentences for arguments that name nothing usable (missing path, folder without Dockerfiles). */
  problems: string[];
}

export function isDockerfileName(name: string, extraNames: readonly RegExp[] = []): boolean {
  if (extraNames.some((pattern) => pattern.test(name))) {
    return true;
  }
  return DOCKERFILE_NAMES.some((pattern) => pattern.test(name)) && !NOT_DOCKERFILE_EXTENSIONS.test(name);
}

/** The files that `arguments` (paths or globs, relative to `cwd`) name, sorted by path, without duplicates. */
export function findDockerfiles(arguments_: readonly string[], cwd: string, extraNameGlobs: readonly string[] = []): WalkResult {
  const extraNames = extraNameGlobs.map((glob) => patternToRegExp(glob));
  const found = new Map<string, FoundFile>();
  const problems: string[] = [];
  const add = (file: FoundFile) => {
    const known = found.get(file.path);
    found.set(file.path, { path: file.path, explicit: file.explicit || (known?.explicit ?? false) });
  };
  for (const argument of arguments_) {
    const absolute = path.resolve(cwd, argument);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const before = found.size;
      walk(absolute, IgnoreStack.at(absolute), (_file, name) => isDockerfileName(name, extraNames), add);
      if (found.size === before) {
        problems.push(`${argument}: no Dockerfiles in this folder (looked for Dockerfile, Dockerfile.*, *.Dockerfile, Dockerfile-*, Containerfile and the like; --name adds names, or name files or globs)`);
      }
    } else if (stat) {
      add({ path: absolute, explicit: true });
    } else if (GLOB_CHARACTERS.test(argument)) {
      const before = found.size;
      expandGlob(argument, cwd, add);
      if (found.size === before) {
        problems.push(`${argument}: no files match this glob`);
      }
    } else {
      problems.push(`${argument}: no such file or folder`);
    }
  }
  const files = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}

/** A glob walks from its longest folder prefix without glob characters. */
function expandGlob(glob: string, cwd: string, add: (file: FoundFile) => void): void {
  const absoluteGlob = path.resolve(cwd, glob).split(path.sep).join('/');
  const segments = absoluteGlob.split('/');
  const firstGlob = segments.findIndex((segment) => GLOB_CHARACTERS.test(segment));
  const base = segments.slice(0, firstGlob).join('/') || '/';
  if (!isDirectory(base)) {
    return;
  }
  const pattern = patternToRegExp(segments.slice(firstGlob).join('/'));
  const relativeTo = (file: string) => path.relative(base, file).split(path.sep).join('/');
  walk(base, IgnoreStack.at(base), (file) => pattern.test(relativeTo(file)), add);
}

function walk(folder: string, ignores: IgnoreStack, wanted: (file: string, name: string) => boolean, add: (file: FoundFile) => void): void {
  const here = ignores.enter(folder);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return; // an unreadable folder below the one named: git would not list it either
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.name === '.git') {
      continue;
    }
    // Symbolic links are followed to files, never to folders (no cycles, no walks out of the tree).
    const isDirectory = entry.isDirectory();
    const isFile = entry.isFile() || (entry.isSymbolicLink() && isRegularFile(full));
    if (isDirectory && !here.ignores(full, true)) {
      walk(full, here, wanted, add);
    } else if (isFile && wanted(full, entry.name) && !here.ignores(full, false)) {
      add({ path: full, explicit: false });
    }
  }
}

/** The `.gitignore` files that apply in a folder: each with the folder its patterns are relative to. */
class IgnoreStack {
  private constructor(private readonly layers: readonly { base: string; rules: Ignore }[]) {}

  /** Starts at `folder` with the `.gitignore` files of its parents up to the repository root. */
  static at(folder: string): IgnoreStack {
    return new IgnoreStack(parentIgnores(folder));
  }

  enter(folder: string): IgnoreStack {
    const rules = readIgnoreFile(path.join(folder, '.gitignore'));
    return rules ? new IgnoreStack([...this.layers, { base: folder, rules }]) : this;
  }

  ignores(file: string, isDirectory: boolean): boolean {
    for (const { base, rules } of this.layers) {
      const relative = path.relative(base, file).split(path.sep).join('/');
      if (relative && !relative.startsWith('..') && rules.ignores(isDirectory ? `${relative}/` : relative)) {
        return true;
      }
    }
    return false;
  }
}

/** `.gitignore` files above `folder` (not its own: `walk` reads that), when `folder` is inside a git repository. */
function parentIgnores(folder: string): { base: string; rules: Ignore }[] {
  const parents: string[] = [];
  let current = folder;
  for (;;) {
    if (fs.existsSync(path.join(current, '.git'))) {
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) {
      return []; // not in a repository: only the .gitignore files inside the walk count
    }
    parents.unshift(parent);
    current = parent;
  }
  return parents.flatMap((base) => {
    const rules = readIgnoreFile(path.join(base, '.gitignore'));
    return rules ? [{ base, rules }] : [];
  });
}

function readIgnoreFile(file: string): Ignore | undefined {
  try {
    return ignore().add(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function isDirectory(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
