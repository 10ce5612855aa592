// What the Bun and Deno recipes share: the build may only run the runtime's own tool and file
// commands (anything else may leave something the runtime needs outside the app folder), the
// runtime user follows the original's, and the app folder is copied whole, owned by that user.
import { Stage } from '../../../../core/stages';
import { Artifact, Declined, decline } from '../../recipe';
import { DISTROLESS_NONROOT, copiedOutsideNote, copiedOutsideSources } from './splitHelpers';
import { StageScan, lastStarts } from './stageScan';

/** Commands that only move files around in the builder: their result is in the copied folders. */
const FILE_COMMANDS = new Set(['cd', 'mkdir', 'rm', 'cp', 'mv', 'ln', 'chmod', 'chown', 'touch', 'echo', 'true', 'ls', 'cat', 'test', '[']);

/**
 * Why the build cannot be split for a runtime that has only `tool` (the first program that is
 * neither the tool nor a file command: apt-get, curl, a compiler), or undefined.
 */
export function otherProgramDecline(scan: StageScan, tools: readonly string[], runtime: string): Declined | undefined {
  for (const { args } of scan.commands) {
    const program = args[0];
    if (program === undefined) {
      return decline(`A RUN line starts a program the split cannot read (a variable without a value); write it out, then split for ${runtime}.`);
    }
    const name = program.split('/').pop() ?? program;
    if (!tools.includes(name) && !FILE_COMMANDS.has(name)) {
      return decline(`The build runs \`${name}\`, and the split cannot tell what of it the app needs at run time on ${runtime} (no shell, no package manager); split by hand, or keep one stage.`);
    }
  }
  return undefined;
}

/** The image's own user, which its Debian variant creates but does not switch to. */
export interface ImageUser {
  name: string;
  uid: number;
}

/**
 * The runtime's numeric user: the original's own non-root user (the image's named user as its
 * uid, or a number as written), else distroless's nonroot. A name the runtime cannot resolve
 * (a user the build made with useradd) declines.
 */
export function runtimeUserFor(stage: Stage, imageUser: ImageUser): string | Declined {
  const written = stage.instructions.filter((instruction) => instruction.getKeyword() === 'USER').pop()?.getArgumentsContent()?.trim();
  if (written === undefined) {
    return DISTROLESS_NONROOT;
  }
  const [user, group] = written.split(':');
  if (user === 'root' || user === '0') {
    return DISTROLESS_NONROOT;
  }
  if (user === imageUser.name || user === String(imageUser.uid)) {
    return `${imageUser.uid}:${imageUser.uid}`;
  }
  if (/^\d+$/.test(user) && (group === undefined || /^\d+$/.test(group))) {
    return group === undefined ? `${user}:${user}` : `${user}:${group}`;
  }
  return decline(`The build runs as USER ${written}, a name the distroless runtime's /etc/passwd does not have; write its uid (USER 1000:1000), then split.`);
}

/** The app folder, copied whole and owned by the runtime's user, plus what COPY put outside it. */
export function wholeAppArtifacts(scan: StageScan, appDir: string, user: string): { artifacts: Artifact[]; notes: string[] } {
  const outside = copiedOutsideSources(scan, [appDir]);
  return {
    artifacts: [{ source: appDir, target: appDir, chown: user }, ...outside],
    notes: [
      `Copies ${appDir} whole (sources, node_modules as the build left them), owned by uid ${user.split(':')[0]}, so the app can write in it wherever the original could. Files it writes elsewhere are not writable.`,
      ...copiedOutsideNote(outside),
    ],
  };
}

/**
 * The build copies the context root (`COPY . .`) or the manifest itself into the app folder: only
 * then does the context's manifest describe the app that runs.
 */
export function copyFillsFromContext(scan: StageScan, appDir: string, manifest: string): boolean {
  return scan.copies.some((copy) => copy.from === undefined && copy.destination !== undefined && copy.destination.replace(/\/+$/, '') === appDir.replace(/\/+$/, '') &&
    copy.sources.some((source) => /^\.?\/?$/.test(source) || source.replace(/^\.\//, '') === manifest));
}

/** What the runtime starts: the start's words, and whether the ENTRYPOINT is the tool alone (the CMD is then its arguments). */
export interface ToolStart {
  words: string[];
  bareEntrypoint: boolean;
}

/**
 * The start of an image whose entrypoint is its tool (`bun`, `deno`): one CMD, or an ENTRYPOINT
 * that is the tool alone with the CMD as its arguments. The reasons to decline differ per tool
 * (`say`): a shell-form start with shell features, no start at all, a start split over both.
 */
export function toolStart(scan: StageScan, tools: ReadonlySet<string>, say: { shellForm: string; noStart: string; splitStart: string }): ToolStart | Declined {
  const { entrypoint, cmd } = lastStarts(scan);
  if (entrypoint === null || cmd === null) {
    return decline(say.shellForm);
  }
  if (!entrypoint && !cmd) {
    return decline(say.noStart);
  }
  const bareEntrypoint = entrypoint !== undefined && entrypoint.words.length === 1 && tools.has(entrypoint.words[0]);
  if (entrypoint && cmd && !bareEntrypoint) {
    return decline(say.splitStart);
  }
  return { words: cmd && (bareEntrypoint || !entrypoint) ? cmd.words : entrypoint?.words ?? [], bareEntrypoint };
}
