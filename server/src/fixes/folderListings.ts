// Folder listings kept between analyses. The language server analyses every Dockerfile of a folder
// against the same build context, and listing a folder of a thousand entries on each open cost more
// than the analysis of a small file. A listing is reused while the folder's modification time is
// unchanged (adding, removing or renaming an entry changes it), checked with one `stat` per use.
// A listing taken within a moment of the folder's last change is not trusted: on a file system with
// coarse timestamps, a second change in the same tick would leave the time as it was.
import * as fs from 'node:fs';

/** A folder with more entries than this is not listed (a vendored tree, not an app folder). */
export const MAX_LISTED_ENTRIES = 5_000;
/** Coarser than any file system's timestamps (FAT: 2 s), with room for clock skew on a network mount. */
const TIMESTAMP_GRANULARITY_MS = 3_000;
/** Folders remembered at once; past it, all are forgotten (open files come from a few folders). */
const MAX_KEPT_LISTINGS = 500;

interface Listing {
  mtimeMs: number;
  /** The folder had not changed for a while when it was listed: reusable while the time holds. */
  trusted: boolean;
  /** Sorted, folders with a trailing `/`; undefined when the folder has too many entries. */
  entries: readonly string[] | undefined;
  /**
   * The entries' names in lower case (a case-insensitive file system finds `.DockerIgnore` as
   * `.dockerignore`); undefined when the folder has too many.
   */
  lowerCaseNames: ReadonlySet<string> | undefined;
}

export class FolderListings {
  private readonly listings = new Map<string, Listing>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The folder's entries (folders with a trailing `/`, sorted); undefined when it is not there or too large. */
  list(folder: string): string[] | undefined {
    return this.current(folder)?.entries?.slice();
  }

  /**
   * False when the folder surely has no entry of that name, so a read of it can be skipped;
   * true when it has one or when that is not known (no listing).
   */
  mayHold(folder: string, name: string): boolean {
    return this.current(folder)?.lowerCaseNames?.has(name.toLowerCase()) ?? true;
  }

  /** Forgets every listing (the client reported changed files). */
  clear(): void {
    this.listings.clear();
  }

  private current(folder: string): Listing | undefined {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(folder, { throwIfNoEntry: false });
    } catch {
      stat = undefined;
    }
    if (!stat?.isDirectory()) {
      this.listings.delete(folder);
      return undefined;
    }
    const cached = this.listings.get(folder);
    if (cached && cached.trusted && cached.mtimeMs === stat.mtimeMs) {
      return cached;
    }
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      this.listings.delete(folder);
      return undefined;
    }
    const tooMany = dirents.length > MAX_LISTED_ENTRIES;
    const listing: Listing = {
      mtimeMs: stat.mtimeMs,
      trusted: this.now() - stat.mtimeMs > TIMESTAMP_GRANULARITY_MS,
      entries: tooMany ? undefined : dirents.map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name)).sort(),
      lowerCaseNames: tooMany ? undefined : new Set(dirents.map((entry) => entry.name.toLowerCase())),
    };
    if (this.listings.size >= MAX_KEPT_LISTINGS) {
      this.listings.clear();
    }
    this.listings.set(folder, listing);
    return listing;
  }
}
