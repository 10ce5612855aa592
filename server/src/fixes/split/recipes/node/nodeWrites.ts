// Where a Node app writes at run time. The runtime runs it as a non-root uid, and COPY --from
// leaves files owned by root, so a folder the app writes must be copied owned by that uid, or
// the first upload, log line or SQLite write fails. The split reads what the build context
// shows: folders named for written data (uploads/, logs/, tmp/, data/), SQLite files beside the
// code, and SQLite paths written in the sources or config (`'./data/app.db'`, or docker's
// getting-started todo app's `/etc/todos/todo.db`). SQLite writes its journal beside the
// database, so the database's folder must be writable, not only the file.
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { readDockerIgnore } from '../../../dockerIgnore';
import { BuildContext } from '../../../fix';
import { StageScan } from '../shared/stageScan';

/** Context folders that hold what an app writes, by the names apps give them. */
const WRITE_FOLDERS = /^(uploads|logs|log|tmp|data|\.data)\/$/;
/** SQLite database files. */
const DATABASE_FILE = /\.(sqlite3?|db)$/;
/** Quoted strings that name a database file: `'./data/app.db'`, `"file:todo.sqlite"`. */
const DATABASE_LITERAL = /(['"`])(?:file:)?([^'"`\s$:{}*]+\.(?:sqlite3?|db))\1/g;
/** Sources and config read for database paths. */
const SOURCE_FILE = /\.(c|m)?[jt]s$|\.json$|\.ya?ml$/;
/** Folders and files read for nothing: dependencies, build output, tests. */
const NOT_SOURCES = /^(node_modules|\.git|dist|build|out|\.next|\.nuxt|\.output|coverage|test|tests|__tests__|e2e|cypress|docs)\/$|\.(test|spec)\.\w+$|^(package|package-lock|tsconfig\w*)\.json$/;
/** How much of the context the search reads. */
const MAX_DEPTH = 4;
const MAX_FILES = 400;

export interface WriteFolder {
  /** Absolute path in the image. */
  path: string;
  /** What shows the app writes there, for the note: `uploads/ in the build context`. */
  why: string;
  /** Not in the image after the build (no such folder in the context, or left out by .dockerignore): the builder makes it. */
  create: boolean;
}

export interface AppWrites {
  folders: WriteFolder[];
  /** The context was there to read: no folder found then means the app writes none the split can see. */
  known: boolean;
}

/** The folders the app in `appDir` writes, from the build context its COPY instructions bring there. */
export function appWrites(scan: StageScan, context: BuildContext | undefined, appDir: string): AppWrites {
  const wholeContext = scan.copies.some((copy) => copy.from === undefined && copy.destination === appDir && copy.sources.some((source) => /^(\.\/?|\/)?$/.test(source)));
  const root = wholeContext ? context?.listDirectory?.('') : undefined;
  if (!context || (wholeContext && !root)) {
    return { folders: [], known: false };
  }
  const folders: WriteFolder[] = [];
  const add = (folder: WriteFolder) => {
    if (!folders.some((known) => known.path === folder.path)) {
      folders.push(folder);
    }
  };
  if (root) {
    const ignore = readDockerIgnore(context);
    const inContext = (entry: string) => !ignore.excludes(entry);
    for (const entry of root.filter((name) => WRITE_FOLDERS.test(name))) {
      const name = entry.replace(/\/$/, '');
      add({ path: `${appDir}/${name}`, why: inContext(name) ? `${entry} in the build context` : `${entry} of the project, left out by .dockerignore`, create: !inContext(name) });
    }
    if (root.includes('public/') && context.listDirectory?.('public')?.includes('uploads/')) {
      add({ path: `${appDir}/public/uploads`, why: 'public/uploads/ in the build context', create: !inContext('public/uploads') });
    }
    for (const file of root.filter((name) => DATABASE_FILE.test(name) && inContext(name))) {
      add({ path: appDir, why: `the SQLite file ${file} beside the code`, create: false });
    }
    for (const { path, source } of databasePaths(context, ignore.excludes)) {
      const folder = resolvePath(path.startsWith('../') ? resolvePath(appDir, dirname(source)) : appDir, dirname(path));
      if (!isInside(folder, '/tmp')) {
        const relative = folder.slice(appDir.length + 1);
        const present = isInside(folder, appDir) && (folder === appDir || (context.listDirectory?.(relative) !== undefined && inContext(relative)));
        add({ path: folder, why: `its SQLite database ${path}, named in ${source}`, create: !present });
      }
    }
  }
  return { folders, known: true };
}

/** SQLite paths written in the context's sources and config, with the file that names each. */
function databasePaths(context: BuildContext, excluded: (path: string) => boolean): { path: string; source: string }[] {
  const found: { path: string; source: string }[] = [];
  let read = 0;
  const walk = (folder: string, depth: number) => {
    for (const entry of context.listDirectory?.(folder) ?? []) {
      const path = `${folder}${entry}`;
      if (read >= MAX_FILES || NOT_SOURCES.test(entry) || excluded(path.replace(/\/$/, ''))) {
        continue;
      }
      if (entry.endsWith('/')) {
        if (depth < MAX_DEPTH) {
          walk(path, depth + 1);
        }
      } else if (SOURCE_FILE.test(entry)) {
        read++;
        for (const match of (context.readFile(path) ?? '').matchAll(DATABASE_LITERAL)) {
          if (!found.some((known) => known.path === match[2])) {
            found.push({ path: match[2], source: path });
          }
        }
      }
    }
  };
  walk('', 0);
  return found;
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '.' : slash === 0 ? '/' : path.slice(0, slash);
}
