// The build context the split reads (package.json, go.mod, pom.xml, ...): the Dockerfile's
// folder on disk, read-only, small files only, never outside that folder. Used by the server
// and the CLI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BuildContext } from './fix';

const MAX_CONTEXT_FILE_BYTES = 1_000_000;

export function folderBuildContext(folder: string): BuildContext {
  return {
    readFile(relativePath) {
      const file = path.resolve(folder, relativePath);
      if (file !== folder && !file.startsWith(folder + path.sep)) {
        return undefined;
      }
      try {
        return fs.statSync(file).size <= MAX_CONTEXT_FILE_BYTES ? fs.readFileSync(file, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
