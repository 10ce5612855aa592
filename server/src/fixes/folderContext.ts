// The build context the split reads (package.json, go.mod, pom.xml, ...): the Dockerfile's
// folder on disk, read-only, small files only, never outside that folder. Used by the server
// and the CLI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BuildContext } from './fix';

const MAX_CONTEXT_FILE_BYTES = 1_000_000;
/** A folder with more entries than this is not listed (a vendored tree, not an app folder). */
const MAX_LISTED_ENTRIES = 5_000;

export function folderBuildContext(folder: string): BuildContext {
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
      try {
        return fs.statSync(file).size <= MAX_CONTEXT_FILE_BYTES ? fs.readFileSync(file, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    listDirectory(relativePath) {
      const dir = inside(relativePath);
      if (!dir) {
        return undefined;
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
