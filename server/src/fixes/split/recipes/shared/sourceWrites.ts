// What a compiled app writes at run time, read from its sources: the path a file- or
// folder-creating call receives (`os.Create("uploads/" + name)`, `new FileOutputStream(convFile)`,
// `Files.copy(in, Paths.get(uploadDir, name))`, `File.WriteAllText("data/users.json", ...)`,
// Serilog's `WriteTo.File("logs/app.log")`, `fs::create_dir_all("cache")`, Swift's
// `FileManager.default.createFile(atPath: path, ...)`), followed through the names it is built
// from in the same file (sourcePathValues.ts). The original ran as root and could write anywhere;
// the runtime runs as a non-root user, so each such folder is created in the builder and copied
// owned by that user, and a file written straight into the working folder, or by a name known
// only at run time (an upload's own file name), makes that folder writable.
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { BuildContext } from '../../../fix';
import { Artifact } from '../../recipe';
import { argumentAt, pathValues } from './sourcePathValues';

export type SourceLanguage = 'go' | 'java' | 'dotnet' | 'rust' | 'swift';

/**
 * A call that writes: the match ends where its path argument starts (or, for `receiver`, group 1
 * is the path the method is called on: `dir.mkdirs()`). `folder`: the path is a folder it creates.
 */
interface WriteCall { pattern: RegExp; folder?: boolean; receiver?: boolean }

/** Source files by language, and the calls that create files or folders. */
const LANGUAGES: Record<SourceLanguage, { files: RegExp; tests: RegExp; calls: WriteCall[] }> = {
  go: {
    files: /\.go$/,
    tests: /_test\.go$/,
    calls: [
      { pattern: /\b(?:os|ioutil)\.(?:Create|WriteFile)\(/g },
      { pattern: /\bos\.OpenFile\((?=[^\n]*O_(?:CREATE|WRONLY|APPEND|RDWR))/g },
      { pattern: /\bos\.(?:Mkdir|MkdirAll)\(/g, folder: true },
      { pattern: /\.SaveUploadedFile\([^,()]*,\s*/g }, // gin
    ],
  },
  java: {
    files: /\.(java|kt)$/,
    tests: /Tests?\.(java|kt)$/,
    calls: [
      { pattern: /\bnew\s+(?:FileOutputStream|FileWriter)\(/g },
      { pattern: /\bnew\s+(?:PrintWriter|RandomAccessFile)\((?=\s*"[^"]+"\s*[,)])(?![^\n]*"r")/g },
      { pattern: /\bFiles\.(?:write|writeString|createFile|newOutputStream|newBufferedWriter)\(/g },
      { pattern: /\bFiles\.(?:createDirectories|createDirectory)\(/g, folder: true },
      { pattern: /\bFiles\.(?:copy|move)\([^,;()]*(?:\([^()]*\))?[^,;()]*,\s*/g },
      { pattern: /\.transferTo\(\s*(?=new\s+File\b|Paths\.get\b|Path\.of\b)/g }, // Spring's MultipartFile
      { pattern: /((?:new\s+File\([^()\n]*\))|\b[\w.]+)\.mkdirs?\(\)/g, folder: true, receiver: true },
      { pattern: /((?:new\s+File\([^()\n]*\))|\b[\w.]+)\.createNewFile\(\)/g, receiver: true },
    ],
  },
  dotnet: {
    files: /\.cs$/,
    tests: /Tests?\.cs$/,
    calls: [
      { pattern: /\bFile\.(?:WriteAllText|WriteAllBytes|WriteAllLines|AppendAllText|AppendAllLines|Create|OpenWrite|CreateText|AppendText)(?:Async)?\(/g },
      { pattern: /\bFile\.(?:Copy|Move)\([^,;()]*(?:\([^()]*\))?[^,;()]*,\s*/g },
      { pattern: /\bnew\s+FileStream\((?=[^\n]*FileMode\.(?:Create|CreateNew|Append|OpenOrCreate))/g },
      { pattern: /\bDirectory\.CreateDirectory\(/g, folder: true },
      { pattern: /\bWriteTo\.File\(\s*(?:path:\s*)?/g }, // Serilog
    ],
  },
  rust: {
    files: /\.rs$/,
    tests: /^tests?\.rs$/,
    calls: [
      { pattern: /\b(?:File::create|(?:std::)?fs::write)\(/g },
      { pattern: /\b(?:std::)?fs::copy\([^,;()]*(?:\([^()]*\))?[^,;()]*,\s*/g },
      { pattern: /\b(?:std::)?fs::(?:create_dir_all|create_dir)\(/g, folder: true },
    ],
  },
  swift: {
    files: /\.swift$/,
    tests: /Tests?\.swift$|^(LinuxMain|Package)\.swift$/,
    calls: [
      { pattern: /\.createFile\(\s*atPath:\s*/g },
      { pattern: /\.createDirectory\(\s*at(?:Path)?:\s*/g, folder: true },
      { pattern: /\.write\(\s*to(?:File)?:\s*/g },
      { pattern: /\.(?:copyItem|moveItem)\(\s*at(?:Path)?:[^,]*,\s*to(?:Path)?:\s*/g },
    ],
  },
};
/** Folders never worth reading for the app's own code. */
const SKIPPED = /^(\.git|node_modules|vendor|target|bin|obj|build|dist|out|test|tests|Tests|\.build|\.gradle|\.idea|\.vscode)\/$/;
const MAX_FILES = 400;
const MAX_DEPTH = 6;
/** System and shared locations: an app writing there is not something a COPY --chown can give it. */
const SYSTEM = /^\/(tmp|dev|proc|sys|run|var\/run|etc|usr|bin|sbin|lib\w*|root|home)(\/|$)/;

export interface SourceWrites {
  /** Absolute folders (in the builder) the app creates files in. */
  folders: string[];
  /** A file is written straight into the working folder, or by a name known only at run time: it must be writable itself. */
  workdir: boolean;
  /** Where the split read it, for the note: `uploads/ (handlers/upload.go)`. */
  evidence: string[];
}

/** The writes the sources in `contextDir` (the folder copied to `appDir`, where the app runs) show. */
export function findSourceWrites(context: BuildContext | undefined, contextDir: string | undefined, appDir: string, language: SourceLanguage): SourceWrites {
  const found: SourceWrites = { folders: [], workdir: false, evidence: [] };
  if (!context?.listDirectory || contextDir === undefined) {
    return found;
  }
  const { files, tests, calls } = LANGUAGES[language];
  let read = 0;
  const visit = (dir: string, depth: number) => {
    for (const entry of context.listDirectory?.(dir) ?? []) {
      if (read >= MAX_FILES) {
        return;
      }
      const path = dir === '' ? entry : `${dir}/${entry}`;
      if (entry.endsWith('/')) {
        if (depth < MAX_DEPTH && !SKIPPED.test(entry) && !entry.startsWith('.')) {
          visit(path.slice(0, -1), depth + 1);
        }
        continue;
      }
      if (!files.test(entry) || tests.test(entry)) {
        continue;
      }
      read++;
      const source = withoutComments(context.readFile(path) ?? '');
      const file = path.slice(contextDir === '' ? 0 : contextDir.length + 1);
      for (const call of calls) {
        for (const match of source.matchAll(call.pattern)) {
          const argument = call.receiver ? match[1] : argumentAt(source, (match.index ?? 0) + match[0].length);
          for (const value of pathValues(argument, source, match.index ?? 0)) {
            if (value.kind === 'unknown') {
              found.workdir = true;
              note(found, `${argument.replace(/^(?:&(?:mut\s+)?|try[!?]?\s+|await\s+)+/, '')}, a name known only at run time (${file})`);
            } else if (value.kind === 'path') {
              record(found, value.text, value.open, call.folder === true, appDir, file);
            }
          }
        }
      }
    }
  };
  visit(contextDir, 0);
  return found;
}

/** The source without its comments, so a commented-out write is not read (line comments only at a line's start: `//` is in URLs). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

function note(found: SourceWrites, evidence: string): void {
  if (!found.evidence.includes(evidence) && found.evidence.length < 4) {
    found.evidence.push(evidence);
  }
}

/** A write at `text` (a folder when `folder`; followed by a run-time name when `open`). */
function record(found: SourceWrites, text: string, open: boolean, folder: boolean, appDir: string, file: string): void {
  if (/^[a-z]+:/i.test(text) || text.includes('..') || (text === '' && !open)) {
    return; // a URL, or a path the split will not follow up the tree
  }
  const directory = !open && folder ? text.replace(/\/+$/, '') : text.includes('/') ? text.slice(0, text.lastIndexOf('/')) : '';
  const absolute = directory === '' || directory === '.' ? appDir : resolvePath(appDir, directory);
  if (SYSTEM.test(absolute) || absolute === '/') {
    return; // /tmp is writable already; a system folder is not the app's to own
  }
  if (absolute === appDir) {
    found.workdir = true;
  } else if (!found.folders.some((known) => isInside(absolute, known))) {
    found.folders = [...found.folders.filter((known) => !isInside(known, absolute)), absolute];
  }
  note(found, `${text}${open ? '…' : ''} (${file})`);
}

/** An empty folder the builder makes, copied as the runtime's working folder owned by its user. */
export const EMPTY_FOLDER = '/writable-workdir';

export interface SourceWritePlan {
  /** Builder lines: make the folders (and own those another copy carries). */
  builderLines: string[];
  /** Copied before the others: the working folder, so files copied into it later keep its owner. */
  first: Artifact[];
  /** Copied after the others: folders no other copy holds, with --chown. */
  last: Artifact[];
  notes: string[];
}

/**
 * How the runtime gets the writes found: a folder another artifact holds is made and owned in the
 * builder (that COPY keeps the builder's owners, and a later COPY could not change an existing
 * folder's owner); any other is made in the builder and copied --chown where nothing is yet; a
 * file in the working folder makes the folder itself writable, from an empty one copied first.
 * `targetOf` maps a builder path to the runtime's; `numericOwner` is for chown in the builder.
 */
export function sourceWritePlan(writes: SourceWrites, others: Artifact[], runtimeWorkdir: string, targetOf: (path: string) => string, owner: string, numericOwner: string | undefined): SourceWritePlan {
  const plan: SourceWritePlan = { builderLines: [], first: [], last: [], notes: [] };
  if (writes.workdir && runtimeWorkdir === '/') {
    // A COPY cannot hand / to the runtime's user, and / holds the whole system: say so instead.
    plan.notes.push(`The sources may write in the working folder / (${writes.evidence.join('; ')}), which uid ${owner.split(':')[0]} cannot write: if they do, set a WORKDIR for the app, then split again.`);
    writes = { ...writes, workdir: false };
  }
  if (!writes.workdir && writes.folders.length === 0) {
    return plan;
  }
  const nested = writes.folders.filter((folder) => others.some((artifact) => folder !== artifact.source && isInside(folder, artifact.source)));
  const own = numericOwner ? nested : [];
  const apart = writes.folders.filter((folder) => !nested.includes(folder));
  const made = [...(writes.workdir ? [EMPTY_FOLDER] : []), ...writes.folders];
  plan.builderLines = [
    '# What the sources write at run time (see the runtime notes), made here for the runtime to copy.',
    ...(own.length > 0 ? [`RUN mkdir -p ${made.join(' ')} \\`, ` && chown -R ${numericOwner} ${own.join(' ')}`] : [`RUN mkdir -p ${made.join(' ')}`]),
  ];
  plan.first = writes.workdir ? [{ source: EMPTY_FOLDER, target: runtimeWorkdir, chown: owner }] : [];
  plan.last = apart.map((folder) => ({ source: folder, target: targetOf(folder), chown: owner }));
  const targets = [...(writes.workdir ? [runtimeWorkdir] : []), ...writes.folders.map(targetOf)];
  const uid = owner.split(':')[0];
  plan.notes.push(`Writable by ${/^\d/.test(uid) ? `uid ${uid}` : uid}, since the sources write there: ${targets.join(', ')} (${writes.evidence.join('; ')}). Paths built from configuration or other files are not seen.`);
  const unowned = nested.filter((folder) => !own.includes(folder));
  if (unowned.length > 0) {
    plan.notes.push(`${unowned.map(targetOf).join(', ')} ${unowned.length > 1 ? 'are' : 'is'} inside another copied folder and stays root-owned: chown it in the build stage to the runtime's user id.`);
  }
  return plan;
}
