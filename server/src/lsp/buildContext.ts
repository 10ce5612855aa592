// The build context of an open document: its folder on disk (see fixes/folderContext.ts), or
// none for untitled and virtual documents.
import * as path from 'node:path';
import { BuildContext } from '../fixes/fix';
import { folderBuildContext } from '../fixes/folderContext';
import { documentPathOf } from './configFiles';

export function buildContextFor(uri: string): BuildContext | undefined {
  const documentPath = documentPathOf(uri);
  return documentPath ? folderBuildContext(path.dirname(documentPath)) : undefined;
}
