// What an app writes at run time, and how the split makes exactly that writable for the runtime's
// non-root user. The original image usually ran as root and could write anywhere; the runtime runs
// as uid 65532, so a pidfile, a log, an upload folder or a SQLite file in a root-owned folder makes
// the app fail at start or at the first request. A recipe finds the writes (start-command flags,
// config files, framework settings, folder names); this file decides what to own, create or move,
// and writes the notes that list every assumption, so a reviewer can check them.
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { basename } from '../../../../rules/shellCommands';
import { readDockerIgnore } from '../../../dockerIgnore';
import { BuildContext } from '../../../fix';
import { ScannedCopy, contextCopies } from './stageScan';

/**
 * `folder`: the app creates files in it (uploads, a log folder). `file`: it creates or replaces
 * the file, which needs its folder (gunicorn writes its pidfile through a temporary file and a
 * rename; a unix socket and SQLite's journal are new files beside it). `log`: it appends to the
 * file, so an existing file it owns is enough.
 */
export type WriteKind = 'folder' | 'file' | 'log';

export interface RunTimeWrite {
  /** Absolute path in the image. */
  path: string;
  kind: WriteKind;
  /** Where the split read it, for the note: `--pid gunicorn.pid`, `pidfile in gunicorn.conf.py`. */
  evidence: string;
  /** A start-command flag names it, and the split may point that flag to /tmp (a pidfile). */
  movable?: boolean;
  /** The build context shows the folder (or the file's folder) is in the image already. */
  exists?: boolean;
}

export interface WritesFound {
  writes: RunTimeWrite[];
  /** Writes the split could see but not locate (a config value it cannot evaluate), as sentences. */
  unknowns: string[];
  /** What the split read to find them (`the start command`, `gunicorn.conf.py`), for the notes. */
  read: string[];
}

export interface WritePlan {
  /** Folders owned by the runtime's user (the app folder when the app writes in it directly). */
  folders: string[];
  /** Log files in a folder of the runtime image: created empty in the builder, copied owned. */
  files: string[];
  /** Folders the builder makes, since the build may not have them (`mkdir -p`). */
  create: string[];
  /** Start-command flag values pointed to /tmp instead: original value → new value. */
  moved: Map<string, string>;
  notes: string[];
  /** The app writes into a folder the runtime image has, which a COPY cannot hand to its user. */
  declined?: string;
}

/** Paths uid 65532 can write in distroless and slim images without help: /tmp is 01777 (distroless base/base.bzl, tmp.tar), /dev/shm a tmpfs Docker mounts 1777, the nonroot home its own. */
const WRITABLE_ALREADY = /^\/(tmp|dev|proc|home\/nonroot)(\/|$)/;
/**
 * Folders the runtime image has already (Debian's base-files layout): a COPY --chown does not
 * change the owner of a folder that exists at the target (only what it creates), and a shell-less
 * runtime cannot chown it later. Their own subfolders (`/var/log/app`) are fine.
 */
const IMAGE_FOLDER = /^\/((var(\/(log|run|lib|cache|spool|tmp|opt|mail|local|backups))?|run|run\/lock|opt|srv|mnt|media|home|root))?$/;
const SYSTEM_TREE = /^\/(usr|bin|sbin|lib\w*|etc)(\/|$)/;

/** The folders a path's own name says an app writes, at the top of its folder (`data/` only when kept empty). */
const WRITE_NAMED = /^(logs|log|uploads|media|instance|tmp|data)\/$/;
const KEEP_FILES = /^(\.gitkeep|\.keep|\.gitignore)$/;

/**
 * The build-context paths a COPY put at `imagePath` (latest COPY first): `COPY . /app` puts
 * `gunicorn.conf.py` at /app/gunicorn.conf.py, `COPY src/ /app/` puts `src/wsgi.py` at
 * /app/wsgi.py. A source with an extension counts as a file, like runTimeFiles does.
 */
export function contextPathsOf(copies: ScannedCopy[], imagePath: string): string[] {
  const found: string[] = [];
  for (const { source, whole, isFolder, destination, target } of contextCopies(copies).reverse()) {
    if (!isFolder) {
      if (target === imagePath) {
        found.push(source);
      }
    } else if (isInside(imagePath, destination)) {
      const rest = imagePath === destination ? '' : imagePath.slice(destination.replace(/\/+$/, '').length + 1);
      found.push(whole ? rest : rest === '' ? source : `${source}/${rest}`);
    }
  }
  return found;
}

/** The text of the file a COPY put at `imagePath`, and its build-context path. */
export function readCopiedFile(context: BuildContext, copies: ScannedCopy[], imagePath: string): { path: string; text: string } | undefined {
  for (const path of contextPathsOf(copies, imagePath)) {
    const text = context.readFile(path);
    if (text !== undefined) {
      return { path, text };
    }
  }
  return undefined;
}

/** The entries of the folder a COPY put at `imagePath` (folders end in `/`), and its build-context path. */
export function listCopiedFolder(context: BuildContext, copies: ScannedCopy[], imagePath: string): { path: string; entries: string[] } | undefined {
  for (const path of contextPathsOf(copies, imagePath)) {
    const entries = context.listDirectory?.(path);
    if (entries) {
      return { path, entries };
    }
  }
  return undefined;
}

/**
 * Folders at the top of the app folder whose names say the app writes them (`logs/`, `uploads/`,
 * `media/`, `instance/`, `tmp/`, an empty `data/`). One that `.dockerignore` leaves out is not in
 * the image, so the app may create it at run time: an unknown, which the app folder covers.
 */
export function writeNamedFolders(context: BuildContext, copies: ScannedCopy[], appDir: string): WritesFound {
  const found: WritesFound = { writes: [], unknowns: [], read: [] };
  const folder = listCopiedFolder(context, copies, appDir);
  if (!folder) {
    return found;
  }
  found.read.push(`the folder names in ${appDir}`);
  const ignore = readDockerIgnore(context);
  for (const entry of folder.entries.filter((name) => WRITE_NAMED.test(name))) {
    const contextPath = `${folder.path === '' ? '' : `${folder.path}/`}${entry.slice(0, -1)}`;
    if (entry === 'data/' && !(context.listDirectory?.(contextPath) ?? ['?']).every((name) => KEEP_FILES.test(name))) {
      continue; // a data folder with content may be read-only data
    }
    if (ignore.excludes(contextPath)) {
      found.unknowns.push(`${entry} is in the build context but .dockerignore leaves it out, so the app may create it`);
    } else {
      found.writes.push({ path: resolvePath(appDir, entry), kind: 'folder', evidence: `${entry} in the build context`, exists: true });
    }
  }
  return found;
}

/**
 * What the runtime makes writable for what the app writes. Files directly in the app folder
 * (a pidfile, a SQLite file) need the app folder itself; a pidfile a flag names moves to /tmp
 * instead. Without sources to read (`contextRead` false), the app folder is made writable: the safe
 * choice, said in a note.
 */
export function planWrites(appDir: string, found: WritesFound, contextRead: boolean, owner: string): WritePlan {
  const plan: WritePlan = { folders: [], files: [], create: [], moved: new Map(), notes: [] };
  const uid = owner.split(':')[0];
  const appReasons = [...found.unknowns];
  /** Owned folders and files outside the app folder, each with what the app writes there. */
  const owned = new Map<string, string[]>();
  const own = (path: string, why: string) => owned.set(path, [...(owned.get(path) ?? []), why]);
  const already: string[] = [];
  const writable = (folder: string) => ((appReasons.length > 0 || !contextRead) && isInside(folder, appDir)) || plan.folders.some((dir) => isInside(folder, dir));
  // Fixed paths first: a pidfile flag moves to /tmp only when its folder is not writable anyway.
  for (const write of [...found.writes.filter((write) => !write.movable), ...found.writes.filter((write) => write.movable)]) {
    const folder = write.kind === 'folder' ? write.path : parent(write.path);
    if (WRITABLE_ALREADY.test(folder)) {
      already.push(`${write.path} (${write.evidence})`);
    } else if (write.movable && !writable(folder)) {
      const moved = `/tmp/${basename(write.path)}`;
      plan.moved.set(write.path, moved);
      plan.notes.push(`The pidfile moves from ${write.path} to ${moved} (${write.evidence}): uid ${uid} can write /tmp.`);
    } else if (folder === appDir) {
      appReasons.push(`${basename(write.path)} (${write.evidence})`);
    } else if (!isInside(folder, appDir) && (SYSTEM_TREE.test(folder) || (IMAGE_FOLDER.test(folder) && write.kind !== 'log'))) {
      plan.declined ??= `The app writes ${write.path} (${write.evidence}), in ${folder}, a folder the runtime image has and its non-root user cannot write (a COPY --chown does not change the owner of a folder that is already there); point it to /tmp or to a folder of its own (such as ${folder === '/' ? '/var/lib/app' : `${folder}/app`}), then split.`;
    } else if (!isInside(folder, appDir) && IMAGE_FOLDER.test(folder)) {
      plan.files.push(write.path);
      own(write.path, `${write.evidence}; created empty in the build for the app to append to`);
    } else {
      if (!plan.folders.includes(folder)) {
        plan.folders.push(folder);
      }
      if (!write.exists && !plan.create.includes(folder)) {
        plan.create.push(folder);
      }
      own(folder, write.kind === 'folder' ? write.evidence : `${basename(write.path)}: ${write.evidence}`);
    }
  }
  if (!contextRead) {
    const also = appReasons.length > 0 ? `; it does write there: ${appReasons.join('; ')}` : `; if the app writes nothing in ${appDir}, drop --chown`;
    plan.notes.push(`The split could not read the sources to tell what the app writes, so ${appDir} is owned by uid ${uid} (--chown=${owner})${also}.`);
  } else if (appReasons.length > 0) {
    plan.notes.push(`${appDir} is owned by uid ${uid} (--chown=${owner}), since the app writes there: ${appReasons.join('; ')}.`);
  }
  if (!contextRead || appReasons.length > 0) {
    plan.folders = [appDir, ...plan.folders.filter((dir) => !isInside(dir, appDir))];
  }
  if (owned.size > 0) {
    plan.notes.push(`Owned by uid ${uid}, since the app writes there: ${[...owned].map(([path, why]) => `${path} (${why.join('; ')})`).join(', ')}.`);
  }
  if (already.length > 0) {
    plan.notes.push(`Writable already: ${already.join(', ')}.`);
  }
  if (contextRead && appReasons.length === 0) {
    const what = found.writes.length === 0 ? 'nothing the app writes there' : 'nothing else the app writes there';
    plan.notes.push(`${appDir} stays root-owned: the split found ${what} (it read ${found.read.join(', ')}); /tmp and /home/nonroot are writable.`);
  }
  return plan;
}

/** The note when the original ran as a non-root user: its app could write only what the build gave that user. */
export function nonRootOriginalNote(user: string, appDir: string, appDirWritable: boolean): string {
  return `The original ran as ${user}, which could write only what the build gave it: ${appDirWritable ? `${appDir} stays writable` : `${appDir} stays root-owned`}, as before.`;
}

function parent(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

/**
 * For a compiled app (Go, Rust, Java, .NET) whose sources the split does not read: the
 * write-named folders the build context shows in the folder the app runs in (`uploads/`, `logs/`),
 * copied owned by the runtime's user to where the app runs in the runtime (`targetDir`).
 */
export function ownedWriteFolders(context: BuildContext | undefined, copies: ScannedCopy[], appDir: string, targetDir: string, owner: string): { artifacts: { source: string; target: string; chown: string }[]; notes: string[] } {
  if (!context) {
    return { artifacts: [], notes: [] };
  }
  const found = writeNamedFolders(context, copies, appDir);
  const artifacts = found.writes.map((write) => ({ source: write.path, target: resolvePath(targetDir, write.path.slice(appDir.replace(/\/$/, '').length + 1)), chown: owner }));
  const uid = owner.split(':')[0];
  return {
    artifacts,
    notes: [
      ...(artifacts.length > 0 ? [`Owned by uid ${uid}, since the app writes there: ${artifacts.map((artifact) => basename(artifact.target) + '/').join(', ')} (folders the build context has for the app's files).`] : []),
      ...found.unknowns.map((unknown) => `Not writable: ${unknown}; if it does, copy that folder --chown=${owner} or use a volume.`),
    ],
  };
}
