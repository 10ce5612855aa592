// An app copied to the image root (`COPY package.json .`, `COPY . .` with no WORKDIR, so into /):
// the runtime cannot copy / whole, and cannot give the app's non-root user a writable /. The
// split adds `WORKDIR /app` after the builder's FROM, so the same relative COPY destinations,
// installs and start command resolve in /app, which the runtime copies whole (owned by the app's
// user where it may write) and starts in. Sound only when nothing depends on the app being at /:
// - nothing before the first COPY depends on the working directory (a RUN would move with it);
// - no other WORKDIR (a relative one would move too), and no COPY to an absolute path outside the
//   system folders (`COPY server.js /server.js` names the root's files another way);
// - no instruction names a path at the root outside the system folders (`CMD node /server.js`,
//   `ENV NODE_PATH=/node_modules`), and with the build context no top-level source names one of
//   the context's entries by an absolute path (`'/config.json'`);
// - with the build context, `COPY . .` brings no folder named like a system one (etc/, usr/),
//   which the original put over the image's own.
import { Instruction } from 'dockerfile-ast';
import { Stage, StageModel } from '../../../../core/stages';
import { copyPaths } from '../../../../rules/buildArtifacts';
import { readDockerIgnore } from '../../../dockerIgnore';
import { BuildContext } from '../../../fix';
import { Declined, decline, isDeclined } from '../../recipe';
import { COPIED_TO_ROOT, NodeBuild, scanNodeBuild } from './nodeBuild';

/** Where the split moves an app the original copied to the image root. */
export const ROOT_APP_DIR = '/app';

/** The image root's own folders: a path under them is not one of the app's files. */
const SYSTEM_TOP = /^(bin|boot|dev|etc|home|lib|lib32|lib64|libx32|media|mnt|opt|proc|root|run|sbin|srv|sys|tmp|usr|var)$/;
/** An absolute path in an instruction's text, and its first segment. */
const ABSOLUTE_PATH = /(?:^|[\s"'=:,[(<>])\/([A-Za-z0-9._@-]+)/g;
/** Sources read for absolute paths to the app's own files. */
const SOURCE_FILE = /\.(c|m)?[jt]s$/;

/**
 * The build read as if `WORKDIR /app` came first, when the scan stopped at a COPY into the image
 * root and nothing depends on the app being there; the original decline, or why the move is not
 * sound, otherwise.
 */
export function rootAppBuild(stage: Stage, model: StageModel, buildContext: BuildContext | undefined): NodeBuild | Declined {
  const why = rootMoveDecline(stage, buildContext);
  if (why !== undefined) {
    return decline(why);
  }
  const build = scanNodeBuild(stage, model, ROOT_APP_DIR);
  if (!isDeclined(build) && build.appDir !== ROOT_APP_DIR) {
    return decline(COPIED_TO_ROOT);
  }
  return build;
}

function rootMoveDecline(stage: Stage, buildContext: BuildContext | undefined): string | undefined {
  const instructions = stage.instructions;
  if (instructions.some((instruction) => instruction.getKeyword() === 'WORKDIR')) {
    return COPIED_TO_ROOT;
  }
  const first = instructions.find((instruction) => ['RUN', 'COPY', 'ADD'].includes(instruction.getKeyword()));
  if (first?.getKeyword() === 'RUN') {
    return `The app's files are copied to the image root (/), and \`${firstLine(first)}\` runs there before them: a WORKDIR the split added before the copy would move it too. Set a WORKDIR such as /app before copying the app's files, then split.`;
  }
  for (const instruction of instructions) {
    const named = rootPathNamed(instruction);
    if (named !== undefined) {
      return `The app's files are copied to the image root (/), and \`${firstLine(instruction)}\` names ${named} there: the split would move the app to ${ROOT_APP_DIR}, where that path no longer points. Set a WORKDIR such as /app before copying the app's files and write its paths from there, then split.`;
    }
  }
  const wholeContext = instructions.some((instruction) => copyPaths(instruction)?.sources.some((source) => /^\.?\/?$/.test(source)));
  const entries = buildContext?.listDirectory?.('');
  if (entries === undefined || buildContext === undefined) {
    return undefined;
  }
  const ignore = readDockerIgnore(buildContext);
  const copied = entries.filter((entry) => !ignore.excludes(entry.replace(/\/$/, '')));
  const system = wholeContext ? copied.find((entry) => entry.endsWith('/') && SYSTEM_TOP.test(entry.slice(0, -1))) : undefined;
  if (system !== undefined) {
    return `The build context has ${system}, which the original's copy of the whole context put over the image's own /${system}; the split would move it to ${ROOT_APP_DIR}/${system} instead. Copy such files to their system path by name, set a WORKDIR such as /app before copying the app, then split.`;
  }
  return absoluteSourcePath(buildContext, copied);
}

/** An absolute path at the image root outside its system folders that the instruction names (`/server.js`), or undefined. */
function rootPathNamed(instruction: Instruction): string | undefined {
  const keyword = instruction.getKeyword();
  if (keyword === 'COPY' || keyword === 'ADD') {
    const destination = copyPaths(instruction)?.destination;
    const top = destination?.startsWith('/') ? destination.split('/')[1] : undefined;
    return top !== undefined && top !== '' && !SYSTEM_TOP.test(top) ? destination : undefined;
  }
  if (keyword === 'FROM' || keyword === 'LABEL' || keyword === 'MAINTAINER') {
    return undefined;
  }
  for (const match of instruction.getTextContent().matchAll(ABSOLUTE_PATH)) {
    if (!SYSTEM_TOP.test(match[1])) {
      return `/${match[1]}`;
    }
  }
  return undefined;
}

/** A top-level source of the context that names one of the context's entries by an absolute path (`'/config.json'`): the split would move that file. */
function absoluteSourcePath(buildContext: BuildContext, entries: string[]): string | undefined {
  const names = entries.map((entry) => entry.replace(/\/$/, '')).filter((name) => name !== '' && !SYSTEM_TOP.test(name));
  for (const file of entries.filter((entry) => SOURCE_FILE.test(entry))) {
    const text = buildContext.readFile(file) ?? '';
    for (const match of text.matchAll(/(['"`])\/([A-Za-z0-9._@-]+)(?=['"`/])/g)) {
      if (names.includes(match[2])) {
        return `The app's files are copied to the image root (/), and ${file} names /${match[2]} by its absolute path: the split would move the app to ${ROOT_APP_DIR}, where that path no longer points. Name it relative to __dirname or the working directory, or set a WORKDIR such as /app before copying the app and write its paths from there, then split.`;
      }
    }
  }
  return undefined;
}

/** The added builder lines, and the runtime's note, for an app the split moved from the image root. */
export function rootMoveLines(stage: Stage, buildContext: BuildContext | undefined): { setup: string[]; notes: string[] } {
  const wholeContext = stage.instructions.some((instruction) => copyPaths(instruction)?.sources.some((source) => /^\.?\/?$/.test(source)));
  const contextRead = buildContext?.listDirectory?.('') !== undefined;
  return {
    setup: [
      `# Added by the split: the original copied the app to the image root (/); in ${ROOT_APP_DIR} the runtime can copy it alone. Every instruction below stays as written, and its relative paths now resolve in ${ROOT_APP_DIR}.`,
      `WORKDIR ${ROOT_APP_DIR}`,
    ],
    notes: [
      `The original copied the app to the image root (/) and ran it there; the builder's added WORKDIR ${ROOT_APP_DIR} puts the same files in ${ROOT_APP_DIR}, where the runtime starts it. ${contextRead ? 'No instruction, and no top-level source of the build context, names a path at the root; assumes no source in a subfolder does either.' : 'No instruction names a path at the root; assumes the app names its files relative to the working directory or __dirname, not by absolute paths such as /server.js.'}`,
      ...(wholeContext && !contextRead ? [`Assumes the build context has no folder named like a system one (etc/, usr/): the original's copy of the whole context put such a folder over the image's own, the split puts it in ${ROOT_APP_DIR}.`] : []),
    ],
  };
}

function firstLine(instruction: Instruction): string {
  const text = instruction.getTextContent().split(/\r?\n/)[0].trim();
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
}
