// A non-root, shell-less runtime stage that will write where it cannot: COPY creates files and
// directories owned by root unless it says `--chown`, and there is no shell to `chown` later; a
// VOLUME whose directory the image does not have is created owned by root as well. WORKDIR, by
// contrast, creates its directory owned by the current user (BuildKit `dispatchWorkdir`).
import { Instruction, JSONInstruction, ModifiableInstruction } from 'dockerfile-ast';
import { execFormWords, isExecForm } from '../core/commands';
import { Stage, StageModel, inheritedInstructions, resolveBaseImage } from '../core/stages';
import { Range } from '../core/types';
import { buildText, copyPaths, isInside, resolvePath, sourcePath } from './buildArtifacts';
import { Rule, RuleResult } from './rule';
import { isShellless, stageImage } from './support';

/**
 * Destinations an application writes to: data, upload, cache, log and state directories, at the
 * top level or inside the app's directory, and the per-program directories under /var.
 */
const DATA_DIR = /^(?:(\/var\/(?:lib|cache|log|spool)\/[^/]+|\/var\/run|\/run\/[^/]+)|(.*?\/(?:data|uploads?|storage|cache|\.cache|logs?|db|database|sqlite|state)))(?:\/|$)/;

/** Directories a non-root user can already write to in distroless and chiseled images. */
const WRITABLE = /^\/tmp(\/|$)|^\/home\/[^/]+\/?$/;

export const rootOwnedPathInNonrootRuntime: Rule = {
  id: 'root-owned-path-in-nonroot-runtime',
  description: 'A non-root, shell-less runtime stage copies files into a data directory, or declares a VOLUME, that its user cannot write to.',
  defaultSeverity: 'information',
  check({ model, runtimeStage }) {
    const image = runtimeStage && stageImage(runtimeStage);
    if (!runtimeStage || !image || image.lookup.kind === 'windows' || !isShellless(runtimeStage)) {
      return [];
    }
    const user = runtimeUser(runtimeStage, image.lookup.facts.defaultUser);
    if (!user) {
      return [];
    }
    const steps = walk(runtimeStage, image.lookup.facts.workdir ?? '/', image.lookup.facts.defaultUser);
    const results: RuleResult[] = [];
    const copiedInto: string[] = [];
    /** Directories a COPY --chown or --chmod created: later copies into them keep a writable directory. */
    const ownedDirs: string[] = [];
    for (const step of steps) {
      const paths = copyPaths(step.instruction);
      if (paths) {
        const destination = resolvePath(step.workdir, paths.destination);
        copiedInto.push(destination);
        const ownerless = !hasOwnership(step.instruction) && !destination.includes('$');
        if (!ownerless) {
          ownedDirs.push(destination);
        }
        const dataDir = dataDirectoryOf(destination);
        const chowned = ownerless ? chownedInBuilder(runtimeStage, step.instruction, paths.sources, model) : undefined;
        const alreadyOwned = (dir: string): boolean => ownedDirs.some((owned) => isInside(dir, owned)) || createdByNonRootWorkdir(dir, steps, step);
        if (ownerless && dataDir && !alreadyOwned(dataDir)) {
          results.push(copyFinding(step.instruction, `${dataDir} is created owned by root`, user.chown));
        } else if (chowned && !alreadyOwned(destination)) {
          results.push(copyFinding(step.instruction, `the build stage's chown of ${chowned} does not carry over: COPY creates ${destination} owned by root`, user.chown));
        }
      }
      if (step.instruction.getKeyword() === 'VOLUME') {
        for (const volume of volumePaths(step.instruction)) {
          const path = resolvePath('/', volume.path);
          if (WRITABLE.test(path) || path.includes('$')) {
            continue;
          }
          // Created by a COPY (reported above when it lacks --chown), or by WORKDIR as the user: fine.
          if (copiedInto.some((destination) => isInside(destination, path) || isInside(path, destination)) || createdByNonRootWorkdir(path, steps, step)) {
            continue;
          }
          results.push({
            range: volume.range,
            message:
              `VOLUME ${path} does not exist in the image, so it is created owned by root and user ${user.display} cannot write to it (no shell to chown it). ` +
              `Create the directory in the build stage (RUN mkdir -p ${path}) and COPY --chown=${user.chown} --from=<build stage> ${path} ${path}.`,
          });
        }
      }
    }
    return results;
  },
};

interface RuntimeUser {
  /** The value for `--chown=`. */
  chown: string;
  /** For messages. */
  display: string;
}

/** The user the stage runs as, when it is not root: the last USER, else the image's default. */
function runtimeUser(stage: Stage, imageDefault: number | undefined): RuntimeUser | undefined {
  const users = inheritedInstructions(stage).filter((instruction) => instruction.getKeyword() === 'USER');
  const last = users[users.length - 1];
  if (last) {
    const spec = (last.getArgumentsContent() ?? '').trim();
    if (spec === '' || isRoot(spec)) {
      return undefined;
    }
    return { chown: spec, display: spec.split(':')[0] };
  }
  if (imageDefault === undefined || imageDefault === 0) {
    return undefined;
  }
  // .NET images define APP_UID (1654) for this: `USER $APP_UID`, `COPY --chown=$APP_UID`.
  return imageDefault === 1654 ? { chown: '$APP_UID', display: '1654 ($APP_UID)' } : { chown: `${imageDefault}:${imageDefault}`, display: String(imageDefault) };
}

function isRoot(spec: string): boolean {
  const user = spec.split(':')[0].trim();
  return user === 'root' || /^0+$/.test(user);
}

interface Step {
  instruction: Instruction;
  workdir: string;
  /** Whether the user at this point is not root (WORKDIR creates its directory as this user). */
  nonRoot: boolean;
}

/** The runtime chain's instructions with their WORKDIR and whether the current user is non-root. */
function walk(stage: Stage, initialWorkdir: string, imageDefault: number | undefined): Step[] {
  let workdir = initialWorkdir;
  let nonRoot = imageDefault !== undefined && imageDefault !== 0;
  const steps: Step[] = [];
  for (const instruction of inheritedInstructions(stage)) {
    const keyword = instruction.getKeyword();
    if (keyword === 'USER') {
      const spec = (instruction.getArgumentsContent() ?? '').trim();
      nonRoot = spec !== '' && !isRoot(spec);
    } else if (keyword === 'WORKDIR') {
      const argument = (instruction.getArgumentsContent() ?? '').trim();
      if (argument !== '') {
        workdir = resolvePath(workdir, argument.replace(/^(["'])(.*)\1$/, '$2'));
      }
    }
    steps.push({ instruction, workdir, nonRoot });
  }
  return steps;
}

/** The data directory a destination lies in (`/app/data` for `/app/data/db.sqlite`). */
function dataDirectoryOf(destination: string): string | undefined {
  const match = DATA_DIR.exec(destination);
  const dir = match?.[1] ?? match?.[2];
  return dir === undefined || WRITABLE.test(dir) ? undefined : dir;
}

/** `--chown` to a non-root user, or `--chmod` (the author set permissions). */
function hasOwnership(instruction: Instruction): boolean {
  const flags = instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
  return flags.some((flag) => {
    const name = flag.getName().toLowerCase();
    return name === 'chmod' || (name === 'chown' && !isRoot(flag.getValue() ?? ''));
  });
}

/** A WORKDIR run as a non-root user before `before` made `path` (or a directory inside it). */
function createdByNonRootWorkdir(path: string, steps: Step[], before: Step): boolean {
  for (const step of steps) {
    if (step === before) {
      return false;
    }
    if (step.instruction.getKeyword() === 'WORKDIR' && step.nonRoot && isInside(step.workdir, path)) {
      return true;
    }
  }
  return false;
}

function copyFinding(instruction: Instruction, what: string, chown: string): RuleResult {
  const keywordRange = instruction.getInstructionRange();
  return {
    range: keywordRange,
    message: `Without --chown, ${what}, and this non-root stage has no shell to chown it: the app cannot write there. Add --chown=${chown}.`,
    fixes: [{ title: `Add --chown=${chown}`, edits: [{ range: { start: keywordRange.end, end: keywordRange.end }, newText: ` --chown=${chown}` }], isPreferred: true }],
  };
}

/**
 * A source of `COPY --from=<stage>` that the stage chowns (`chown -R 65532 /data`): the author
 * wants it owned by the user, but COPY creates the destination directory as root (only the
 * contents keep their owner; moby/buildkit#1941).
 */
function chownedInBuilder(runtimeStage: Stage, instruction: Instruction, sources: string[], model: StageModel): string | undefined {
  const reference = resolveBaseImage(runtimeStage)
    .chain.flatMap((stage) => stage.references)
    .find((candidate) => candidate.instruction === instruction);
  if (!reference?.target) {
    return undefined;
  }
  const text = buildText(reference.target, model);
  for (const source of sources.map(sourcePath)) {
    if (source === '/') {
      continue;
    }
    const escaped = source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`\\bchown\\s[^\\n;&|]*\\s${escaped}/?(?=[\\s;&|]|$)`, 'm').test(text)) {
      return source;
    }
  }
  return undefined;
}

/** VOLUME paths with their ranges: JSON (`["/data"]`) or plain words. */
function volumePaths(instruction: Instruction): { path: string; range: Range }[] {
  if (isExecForm(instruction) && instruction instanceof JSONInstruction) {
    const words = execFormWords(instruction);
    return instruction.getJSONStrings().map((value, index) => ({ path: words[index], range: value.getRange() }));
  }
  return instruction.getArguments().map((argument) => ({ path: argument.getValue(), range: argument.getRange() }));
}
