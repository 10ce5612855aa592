// Everything the split can read about what a Python app writes at run time: the app server's
// flags and config file (pythonServerWrites), Django and Flask settings and modules
// (pythonFrameworkWrites), and folders named for written data in the build context. Without a
// build context only the start command is read, and the plan makes the app folder writable.
import { isInside } from '../../../../rules/buildArtifacts';
import { BuildContext } from '../../../fix';
import { WritesFound, listCopiedFolder, readCopiedFile, writeNamedFolders } from '../shared/runTimeWrites';
import { PythonBuild } from './pythonBuild';
import { frameworkWrites } from './pythonFrameworkWrites';
import { serverWrites } from './pythonServerWrites';

export interface PythonWrites extends WritesFound {
  /** Start-command words with the pidfiles the plan moved pointed to their new path. */
  movePidfiles(words: string[], moved: Map<string, string>): string[];
}

/** The start command as one list of words (ENTRYPOINT then CMD); undefined when a part is unknown. */
export function startWords(build: PythonBuild): string[] | undefined {
  if (build.entrypoint?.[0] === '(shell)' || (build.hasStart && !build.entrypoint?.length && !build.cmd)) {
    return undefined;
  }
  return [...(build.entrypoint ?? []), ...(build.cmd ?? [])];
}

/** `shellCommands`: the app's commands a start script runs (their server flags and collectstatic write too). */
export function findPythonWrites(build: PythonBuild, context: BuildContext | undefined, shellCommands: string[][] = []): PythonWrites {
  const words = shellCommands.length > 0 ? [...(startWords(build) ?? []), ...shellCommands.flat()] : startWords(build);
  const readFile = context && ((imagePath: string) => readCopiedFile(context, build.copies, imagePath));
  const server = serverWrites({ words, appDir: build.appDir, env: build.env, readFile });
  if (!context || !readFile) {
    return server;
  }
  const listFolder = (imagePath: string) => listCopiedFolder(context, build.copies, imagePath)?.entries;
  const parts = [server, writeNamedFolders(context, build.copies, build.appDir), frameworkWrites({ appDir: build.appDir, env: build.env, words, readFile, listFolder })];
  const writes = parts.flatMap((part) => part.writes);
  for (const write of writes) {
    const folder = write.kind === 'folder' ? write.path : write.path.slice(0, write.path.lastIndexOf('/')) || '/';
    // the COPY brought the folder, or the build made it
    write.exists ||= folder === build.appDir || listFolder(folder) !== undefined || build.writable.some((dir) => dir === folder) || isInside(build.appDir, folder);
  }
  return {
    writes: writes.filter((write, index) => writes.findIndex((other) => other.path === write.path && other.kind === write.kind) === index),
    unknowns: [...new Set(parts.flatMap((part) => part.unknowns))],
    read: [...new Set(parts.flatMap((part) => part.read))],
    movePidfiles: server.movePidfiles,
  };
}
