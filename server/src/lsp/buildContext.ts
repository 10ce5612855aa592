// The build context the split reads (package.json, go.mod, pom.xml, ...): the Dockerfile's
// folder on disk, read-only, small files only, never outside that folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BuildContext } from '../fixes/fix';
import { documentPathOf } from './configFiles';

const MAX_CONTEXT_FILE_BYTES = 1_000_000;

export function buildContextFor(uri: string): BuildContext | undefined {
  const documentPath = documentPathOf(uri);
  if (!documentPath) {
    return undefined;
  }
  const folder = path.dirname(documentPath);
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
