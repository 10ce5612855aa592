// The build context of an open document: its folder on disk (see fixes/folderContext.ts), or
// none for untitled and virtual documents. Folder listings are the server's, kept between
// analyses until the folder changes.
import * as path from 'node:path';
import { BuildContext } from '../fixes/fix';
import { folderBuildContext } from '../fixes/folderContext';
import { FolderListings } from '../fixes/folderListings';

/** `documentPath`: the document's file system path (see `documentPathOf`), undefined when it has none. */
export function buildContextFor(documentPath: string | undefined, listings: FolderListings): BuildContext | undefined {
  return documentPath ? folderBuildContext(path.dirname(documentPath), listings) : undefined;
}
