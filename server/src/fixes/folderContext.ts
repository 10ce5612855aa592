// The build context the split reads (package.json, go.mod, pom.xml, ...): the Dockerfile's
// folder on disk, read-only, small files only, never outside that folder (except compose files
// one or two folders up, through `readAbove`). Used by the server and the CLI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BuildContext } from './fix';
import { FolderListings, MAX_LISTED_ENTRIES } from './folderListings';

const MAX_CONTEXT_FILE_BYTES = 1_000_000;
/** How far up `readAbove` looks: a compose file in the repository's root for `services/web/`. */
const MAX_LEVELS_UP = 2;

/**
 * With `listings` (the language server's, kept between analyses), folders are listed from it, and
 * a file of the context root that its listing does not hold is not looked for on disk.
 */
export function folderBuildContext(folder: string, listings?: FolderListings): BuildContext {
  const inside = (relativePath: string): string | undefined => {
    const file = path.resolve(folder, relativePath);
    return file === folder || file.startsWith(folder + path.sep) ? file : undefined;
  };
  return {
    readFile(relativePath) {
      const file = inside(relativePath);
      if (!file) {
        return undefined;
      }
      if (listings && path.dirname(file) === folder && !listings.mayHold(folder, path.basename(file))) {
        return undefined;
      }
      try {
        return fs.statSync(file).size <= MAX_CONTEXT_FILE_BYTES ? fs.readFileSync(file, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    readAbove(levelsUp, fileName) {
      // Only a plain file name, a few folders up, and never above the file system's root.
      if (levelsUp < 1 || levelsUp > MAX_LEVELS_UP || fileName.includes('/') || fileName.includes(path.sep)) {
        return undefined;
      }
      const parts = folder.split(path.sep).filter((part) => part !== '');
      if (parts.length <= levelsUp) {
        return undefined;
      }
      const above = path.resolve(folder, ...Array<string>(levelsUp).fill('..'));
      try {
        const file = path.join(above, fileName);
        if (fs.statSync(file).size > MAX_CONTEXT_FILE_BYTES) {
          return undefined;
        }
        return { text: fs.readFileSync(file, 'utf8'), pathBelow: parts.slice(parts.length - levelsUp).join('/') };
      } catch {
        return undefined;
      }
    },
    listDirectory(relativePath) {
      const dir = inside(relativePath);
      if (!dir) {
        return undefined;
      }
      if (listings) {
        return listings.list(dir);
      }
      try {
        const entries = fs.readdirSync(dir, { withFileTypes: true });
        return entries.length > MAX_LISTED_ENTRIES ? undefined : entries.map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name)).sort();
      } catch {
        return undefined;
      }
    },
  };
}
