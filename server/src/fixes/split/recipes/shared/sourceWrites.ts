// What a compiled app writes at run time, read from its sources: a file-creating call with a path
// written as a string (`os.Create("uploads/" + name)`, `new FileOutputStream("logs/app.log")`,
// `File.WriteAllText("data/users.json", ...)`, Serilog's `WriteTo.File("logs/app.log")`,
// `fs::write("cache/x", ...)`). The original ran as root and could write anywhere; the runtime
// runs as a non-root user, so each such folder is created in the builder and copied owned by
// that user, and a file written straight into the working folder makes that folder writable.
// Paths built at run time (from variables, config) are not seen: the note says so.
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { BuildContext } from '../../../fix';
import { Artifact } from '../../recipe';

export type SourceLanguage = 'go' | 'java' | 'dotnet' | 'rust';

/** Source files by language, and the calls that create files or folders, with the path literal captured. */
const LANGUAGES: Record<SourceLanguage, { files: RegExp; calls: RegExp }> = {
  go: { files: /\.go$/, calls: /\bos\.(?:Create|OpenFile|WriteFile|Mkdir|MkdirAll)\(\s*(?:filepath\.Join\(\s*|path\.Join\(\s*)?"([^"]+)"/g },
  java: { files: /\.(java|kt)$/, calls: /\bnew\s+(?:File|FileOutputStream|FileWriter|PrintWriter|RandomAccessFile)\(\s*"([^"]+)"|\b(?:Paths\.get|Path\.of)\(\s*"([^"]+)"\s*[,)][^;\n]*\b(?:write|createDirector|createFile|newOutputStream|newBufferedWriter)/g },
  dotnet: { files: /\.cs$/, calls: /\b(?:File\.(?:WriteAllText|WriteAllBytes|WriteAllLines|AppendAllText|Create|OpenWrite|CreateText)|Directory\.CreateDirectory|WriteTo\.File)\(\s*[@$]?"([^"{]+)/g },
  rust: { files: /\.rs$/, calls: /\b(?:File::create|fs::write|fs::create_dir_all|fs::create_dir|std::fs::write|std::fs::create_dir_all)\(\s*"([^"]+)"/g },
};
/** Folders never worth reading for the app's own code. */
const SKIPPED = /^(\.git|node_modules|vendor|target|bin|obj|build|dist|out|test|tests|\.gradle|\.idea|\.vscode)\/$/;
const MAX_FILES = 400;
const MAX_DEPTH = 6;
/** System and shared locations: an app writing there is not something a COPY --chown can give it. */
const SYSTEM = /^\/(tmp|dev|proc|sys|run|var\/run|etc|usr|bin|sbin|lib\w*|root|home)(\/|$)/;

export interface SourceWrites {
  /** Absolute folders (in the builder) the app creates files in. */
  folders: string[];
  /** A file is written straight into the working folder: it must be writable itself. */
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
  const { files, calls } = LANGUAGES[language];
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
      if (!files.test(entry) || /(_test\.go|Test\.java|Tests?\.cs)$/.test(entry)) {
        continue;
      }
      read++;
      for (const match of (context.readFile(path) ?? '').matchAll(calls)) {
        record(found, match[1] ?? match[2] ?? '', appDir, path.slice(contextDir === '' ? 0 : contextDir.length + 1));
      }
    }
  };
  visit(contextDir, 0);
  return found;
}

function record(found: SourceWrites, literal: string, appDir: string, file: string): void {
  if (literal === '' || /^[a-z]+:/i.test(literal) || literal.includes('..')) {
    return; // a URL, or a path the split will not follow up the tree
  }
  const folder = literal.endsWith('/') ? literal.replace(/\/+$/, '') : literal.includes('/') ? literal.slice(0, literal.lastIndexOf('/')) : '';
  const absolute = folder === '' || folder === '.' ? appDir : resolvePath(appDir, folder);
  if (SYSTEM.test(absolute) || absolute === '/') {
    return; // /tmp is writable already; a system folder is not the app's to own
  }
  if (absolute === appDir) {
    found.workdir = true;
  } else if (!found.folders.some((known) => isInside(absolute, known))) {
    found.folders = [...found.folders.filter((known) => !isInside(known, absolute)), absolute];
  }
  const shown = `${literal} (${file})`;
  if (!found.evidence.includes(shown) && found.evidence.length < 4) {
    found.evidence.push(shown);
  }
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
  plan.notes = [`Writable by ${/^\d/.test(uid) ? `uid ${uid}` : uid}, since the sources write there: ${targets.join(', ')} (${writes.evidence.join('; ')}). Paths the app builds at run time are not seen.`];
  const unowned = nested.filter((folder) => !own.includes(folder));
  if (unowned.length > 0) {
    plan.notes.push(`${unowned.map(targetOf).join(', ')} ${unowned.length > 1 ? 'are' : 'is'} inside another copied folder and stays root-owned: chown it in the build stage to the runtime's user id.`);
  }
  return plan;
}
