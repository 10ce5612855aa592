import { lineEnding } from '../core/lineEnding';
import { Add, Copy, Instruction } from 'dockerfile-ast';
import { execFormWords, isExecForm } from '../core/commands';
import { Stage, inheritedInstructions, resolveBaseImage } from '../core/stages';
import { Position, TextEdit } from '../core/types';
import { isConcreteReference, nonRootTag } from './imageTags';
import { FindingFix, Rule, RuleResult } from './rule';
import { StageImage, stageImage } from './support';
import { documentText } from './documentText';
import { createdUsers, stageUser } from './users';

/**
 * The USER fixes are offered, never preferred (so not applied by "Fix all" nor `stagecraft check --fix`):
 * a non-root user cannot write the folders a root process wrote (nginx's cache, an app's data),
 * bind ports below 1024 on every runtime, or read what a mount put under /root, and uid 65532 has
 * no passwd entry outside distroless. In a review of `check --fix` on 80 corpus files, an added
 * USER was behind most of the 22 broken ones; the user chooses it, knowing the app.
 */
const USER_FIX_PREFERRED = false;

/** The distroless, Chainguard and Hardened non-root uid (and gid). */
const NONROOT = '65532:65532';

export const runtimeRunsAsRoot: Rule = {
  id: 'runtime-runs-as-root',
  description: 'The runtime stage runs as root: no non-root USER and no non-root image default.',
  defaultSeverity: 'warning',
  productionOnly: true,
  check({ runtimeStage, text, lines }) {
    if (!runtimeStage) {
      return [];
    }
    const image = stageImage(runtimeStage);
    if (image?.lookup.kind === 'windows' || dropsPrivileges(runtimeStage, text) || !runsAService(runtimeStage, image)) {
      return [];
    }
    const user = stageUser(runtimeStage);
    switch (user.kind) {
      case 'explicit-root':
        return [explicitRoot(runtimeStage, user.instruction, image, text, lines)];
      case 'image-default':
        return user.uid === 0 && image && isConcreteReference(image.image) ? [imageDefaultRoot(runtimeStage, image, text, lines, false)] : [];
      case 'image-unknown':
        return image && isConcreteReference(image.image) ? [imageDefaultRoot(runtimeStage, image, text, lines, true)] : [];
      default:
        return [];
    }
  },
};

/**
 * Images that start as root on purpose and step down in their entrypoint (`gosu postgres ...`, the
 * Docker Official Images pattern): the tool is installed or called in the stage.
 */
function dropsPrivileges(stage: Stage, text: string): boolean {
  // Most files name none of these tools: one look at the whole text settles it.
  if (!PRIVILEGE_DROP.test(text)) {
    return false;
  }
  return inheritedInstructions(stage).some(
    (instruction) => PRIVILEGE_DROP_KEYWORDS.has(instruction.getKeyword()) && PRIVILEGE_DROP.test(instruction.getTextContent()),
  );
}

const PRIVILEGE_DROP = /\b(gosu|su-exec|setpriv|runuser|s6-setuidgid|chpst|setuidgid)\b/;
const PRIVILEGE_DROP_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'ENTRYPOINT', 'CMD']);

/** A shell or language prompt on its own: `CMD ["bash"]`, `CMD ["python3"]`, `CMD ["node"]`. */
const INTERACTIVE = /^(\/usr)?(\/local)?(\/bin\/|\/busybox\/)?(sh|bash|ash|zsh|pwsh|python\d*(\.\d+)?|node|irb|php|jshell|iex|erl|ghci|lua|perl)$/;

/**
 * False when the image runs nothing (an image with no entrypoint and no CMD: an artifact or export
 * stage) or only an interactive prompt (`CMD ["bash"]`, `CMD ["python3"]`: a base image to build on,
 * like the Docker Official Images, not a service).
 */
function runsAService(stage: Stage, image: StageImage | undefined): boolean {
  // The last CMD or ENTRYPOINT, found from the end (a plain loop: this runs for every file).
  const instructions = inheritedInstructions(stage);
  let last: Instruction | undefined;
  for (let index = instructions.length - 1; index >= 0 && !last; index--) {
    const keyword = instructions[index].getKeyword();
    if (keyword === 'CMD' || keyword === 'ENTRYPOINT') last = instructions[index];
  }
  if (!last) {
    // The image's own start decides. For an image the catalog does not know, the stage does: one
    // that serves (EXPOSE, HEALTHCHECK) or copies files in is an app on a server image (nginx with
    // its site); one that only installs and sets up (RUN, ENV) is a base image.
    const entrypoint = image?.lookup.facts.entrypoint;
    return entrypoint !== undefined ? entrypoint.length > 0 : instructions.some(looksLikeAnApp);
  }
  const words = isExecForm(last) ? execFormWords(last) : (last.getArgumentsContent() ?? '').trim().split(/\s+/);
  return !(words.length === 1 && INTERACTIVE.test(words[0]));
}

function looksLikeAnApp(instruction: Instruction): boolean {
  const keyword = instruction.getKeyword();
  if (keyword === 'EXPOSE' || keyword === 'HEALTHCHECK') {
    return true;
  }
  return instruction instanceof Copy || instruction instanceof Add;
}

function explicitRoot(stage: Stage, user: Instruction, image: StageImage | undefined, text: string, lines: readonly string[]): RuleResult {
  const spec = (user.getArgumentsContent() ?? '').trim();
  const choice = chooseUser(stage, image);
  const fixes: FindingFix[] = [];
  const argumentsRange = user.getArgumentsRange();
  // Replace the USER in place when nothing after it in the stage needs root; else add one before the start command.
  const inStage = stage.instructions.includes(user);
  const runsAfter = stage.instructions.slice(stage.instructions.indexOf(user) + 1).some((i) => i.getKeyword() === 'RUN');
  const edit: TextEdit | undefined =
    inStage && !runsAfter && argumentsRange && argumentsRange.start.line === argumentsRange.end.line
      ? { range: argumentsRange, newText: choice.user }
      : insertUser(stage, choice.user, text, lines);
  if (edit) {
    fixes.push({ title: choice.title, edits: [edit], isPreferred: USER_FIX_PREFERRED });
  }
  return withFixes(
    { range: user.getRange(), message: `The runtime stage runs as root (USER ${spec}). Switch to a non-root numeric user: USER ${choice.user}${choice.note}.` },
    fixes,
  );
}

function imageDefaultRoot(stage: Stage, image: StageImage, text: string, lines: readonly string[], unknown: boolean): RuleResult {
  const choice = chooseUser(stage, image);
  const fixes: FindingFix[] = [];
  const insert = insertUser(stage, choice.user, text, lines);
  if (insert) {
    fixes.push({ title: choice.title, edits: [insert], isPreferred: USER_FIX_PREFERRED });
  }
  const tagFix = nonRootTagFix(stage, image);
  if (tagFix) {
    fixes.push(tagFix);
  }
  const orTag = tagFix ? ' (or use the :nonroot tag)' : '';
  const message = unknown
    ? `The runtime stage sets no USER, so it runs as the default user of ${image.image.text}, root for most images. Add USER ${choice.user}${choice.note}.`
    : `The runtime stage runs as root: ${image.image.text} defaults to uid 0 and no USER is set. Add USER ${choice.user}${orTag}${choice.note}.`;
  return withFixes({ range: stage.from.getInstructionRange(), message }, fixes);
}

interface UserChoice {
  user: string;
  title: string;
  /** Said in the message when the uid is not an account the image is known to have. */
  note: string;
}

/**
 * A numeric user (Kubernetes `runAsNonRoot` rejects names): a uid the stage creates with
 * useradd/adduser, `$APP_UID` for .NET images (1654, the `app` user they define), else 65532, the
 * non-root uid of distroless, Chainguard and Hardened images.
 */
function chooseUser(stage: Stage, image: StageImage | undefined): UserChoice {
  const created = createdUsers(stage).filter((user) => user.uid !== undefined && user.uid !== 0);
  const own = created[created.length - 1];
  if (own?.uid !== undefined) {
    return { user: String(own.uid), title: `Run as uid ${own.uid} (USER ${own.uid}, the user created by ${own.name ?? 'useradd'})`, note: '' };
  }
  const facts = image?.lookup.facts;
  if (facts?.runtime?.language === 'dotnet' || facts?.defaultUser === 1654) {
    return { user: '$APP_UID', title: 'Run as the .NET app user (USER $APP_UID)', note: '' };
  }
  const knownNonRoot = image !== undefined && (nonRootTag(image.image, image.lookup) !== undefined || (facts?.defaultUser ?? 0) === 65532);
  return {
    user: NONROOT,
    title: `Run as uid 65532 (USER ${NONROOT})`,
    note: knownNonRoot ? '' : ' (the uid needs no account in the image; make what the app writes writable by it)',
  };
}

/** Adds `USER <user>` before the stage's start command (after its last RUN), else at the stage's end. */
function insertUser(stage: Stage, user: string, text: string, lines: readonly string[]): TextEdit | undefined {
  const instructions = stage.instructions;
  let lastRun = -1;
  for (let index = 0; index < instructions.length; index++) {
    const keyword = instructions[index].getKeyword();
    if (keyword === 'RUN' || keyword === 'ONBUILD') lastRun = index;
  }
  const start = instructions.slice(lastRun + 1).find((i) => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT');
  const eol = lineEnding(text);
  if (start) {
    let line = start.getRange().start.line;
    if (start.getRange().start.character !== (lines[line].length - lines[line].trimStart().length)) {
      return undefined; // something else shares the line: leave it to a human
    }
    // Keep a comment block (and any ignore comment) attached to the instruction it describes.
    while (line > 0 && /^\s*#/.test(lines[line - 1]) && line - 1 > stage.from.getRange().end.line) {
      line--;
    }
    const indent = /^\s*/.exec(lines[start.getRange().start.line])?.[0] ?? '';
    const at: Position = { line, character: 0 };
    return { range: { start: at, end: at }, newText: `${indent}USER ${user}${eol}` };
  }
  const last = instructions[instructions.length - 1] ?? stage.from;
  const end = last.getRange().end;
  if (endsInContinuation(text, documentText(text).offsetAt(end))) {
    return undefined; // the file ends in a line continuation: a new line would join that instruction
  }
  const indent = /^\s*/.exec(lines[last.getRange().start.line])?.[0] ?? '';
  return { range: { start: end, end }, newText: `${eol}${indent}USER ${user}` };
}

/** Whether the last non-blank character before `offset` is an escape character (\\ or `). */
function endsInContinuation(text: string, offset: number): boolean {
  let index = offset - 1;
  while (index >= 0 && /\s/.test(text[index])) {
    index--;
  }
  return index >= 0 && (text[index] === '\\' || text[index] === '`');
}

/** For a distroless image on a root tag: switch the tag to `nonroot` where the FROM writes it literally. */
function nonRootTagFix(stage: Stage, image: StageImage): FindingFix | undefined {
  const tag = nonRootTag(image.image, image.lookup);
  const { chain } = resolveBaseImage(stage);
  const written = chain[chain.length - 1];
  if (!tag || (written.from.getImage() ?? '') !== written.baseText) {
    return undefined;
  }
  const tagRange = written.from.getImageTagRange();
  const nameRange = written.from.getImageNameRange();
  let edit: TextEdit | undefined;
  if (tagRange) {
    edit = { range: tagRange, newText: tag };
  } else if (nameRange) {
    edit = { range: { start: nameRange.end, end: nameRange.end }, newText: `:${tag}` };
  }
  return edit ? { title: `Use the :${tag} tag (uid 65532)`, edits: [edit] } : undefined;
}

function withFixes(result: RuleResult, fixes: FindingFix[]): RuleResult {
  return fixes.length > 0 ? { ...result, fixes } : result;
}
