// "Make the runtime debuggable": the runtime FROM's tag becomes a build argument whose default is
// the release tag, so the same Dockerfile builds the shipped image and, with one --build-arg, a
// debug image with a shell (distroless `debug-nonroot`, Chainguard `latest-dev`). A digest-pinned
// FROM resolves by its digest whatever the tag says, so there the whole reference is the argument.
import { lineEnding } from '../core/lineEnding';
import { MAKE_DEBUGGABLE_TITLE } from '../authoring/debugHelp';
import { lookupImage } from '../catalog/catalog';
import { debugVariantOf } from '../catalog/debugVariants';
import { Stage, StageModel, resolveBaseImage } from '../core/stages';
import { Position, TextEdit } from '../core/types';
import { Fix, FixContext, FixResult } from './fix';

/** Parser directives (`# syntax=`, `# escape=`, `# check=`) must stay the file's first lines. */
const DIRECTIVE = /^\s*#\s*(syntax|escape|check)\s*=/i;

type Plan = { kind: 'offer'; result: FixResult } | { kind: 'explain'; reason: string };

export const makeRuntimeDebuggable: Fix = {
  id: 'make-runtime-debuggable',
  title: MAKE_DEBUGGABLE_TITLE,
  forRules: [],
  alsoAsRefactoring: true,
  compute(context) {
    const plan = planFor(context);
    return plan?.kind === 'offer' ? [plan.result] : [];
  },
  whyNotOffered(context) {
    const plan = planFor(context);
    return plan?.kind === 'explain' ? plan.reason : undefined;
  },
};

/** Undefined when the cursor is not on the runtime stage's FROM: the action is about that line only. */
function planFor({ model, text, range, runtimeStage }: FixContext): Plan | undefined {
  const runtime = runtimeStage ?? model.finalStage;
  if (!runtime || !range || !onInstruction(runtime, range.start)) {
    return undefined;
  }
  const { base, chain } = resolveBaseImage(runtime);
  const written = chain[chain.length - 1];
  const writtenText = written.from.getImage() ?? '';
  const imageRange = written.from.getImageRange();
  if (base.kind !== 'image' || !imageRange) {
    return undefined;
  }
  const image = base.image;
  const lookup = lookupImage(image);
  // An image with a shell needs no debug tag (docker exec works): no action, and no greyed-out
  // entry either, since most runtimes are like that and the menu would always carry it.
  if (lookup.facts.hasShell === true && !lookup.isDebugVariant) {
    return undefined;
  }
  if (writtenText.includes('$')) {
    // Said only where a debug tag would help: a shell-less image, or a debug one already.
    if (lookup.facts.hasShell !== false && !lookup.isDebugVariant) {
      return undefined;
    }
    return { kind: 'explain', reason: 'the runtime image already comes from a build argument: pass --build-arg with a debug tag to build a debug image.' };
  }
  if (lookup.isDebugVariant) {
    return { kind: 'explain', reason: `${image.text} is already a debug image with a shell.` };
  }
  const variant = debugVariantOf(image, lookup);
  if (!variant) {
    // Only a known shell-less image is worth a reason; of an unknown one, nothing is claimed.
    return lookup.facts.hasShell === false ? { kind: 'explain', reason: `Stagecraft knows no debug tag for ${image.text}.` } : undefined;
  }
  if (variant.kind === 'none') {
    return { kind: 'explain', reason: variant.instead };
  }

  const pinned = image.digest !== undefined;
  const argName = freeArgName(model, pinned ? 'RUNTIME_IMAGE' : 'RUNTIME_TAG');
  const edits: TextEdit[] = [];
  let releaseValue: string;
  let debugValue: string;
  if (pinned) {
    // The digest decides what `image:tag@digest` pulls, so a tag argument alone would change nothing.
    releaseValue = writtenText;
    debugValue = variant.reference;
    edits.push({ range: imageRange, newText: `\${${argName}}` });
  } else {
    releaseValue = variant.releaseTag;
    debugValue = variant.tag;
    const tagRange = written.from.getImageTagRange();
    edits.push(tagRange ? { range: tagRange, newText: `\${${argName}}` } : { range: { start: imageRange.end, end: imageRange.end }, newText: `:\${${argName}}` });
  }
  const target = runtime !== model.finalStage && runtime.name ? ` --target ${runtime.name}` : '';
  const block = [
    `# The runtime image's ${pinned ? 'reference' : 'tag'}: the release by default. For a debug image with a shell (${variant.shell}):`,
    `#   docker build --build-arg ${argName}=${debugValue}${target} .`,
    `ARG ${argName}=${releaseValue}`,
  ];
  edits.unshift(insertBeforeFirstFrom(model, text, block));
  return { kind: 'offer', result: { edits, title: `${MAKE_DEBUGGABLE_TITLE} (--build-arg ${argName}=${debugValue})` } };
}

function onInstruction(stage: Stage, position: Position): boolean {
  const range = stage.from.getRange();
  return range.start.line <= position.line && position.line <= range.end.line;
}

/** `RUNTIME_TAG`, or `RUNTIME_TAG_2`... when the file already declares it before the first FROM. */
function freeArgName(model: StageModel, base: string): string {
  let name = base;
  for (let suffix = 2; model.globalArgs.has(name); suffix++) {
    name = `${base}_${suffix}`;
  }
  return name;
}

/**
 * The lines go right above the first FROM and the comments that introduce it (they stay with
 * their FROM), below parser directives, with a blank line to set them apart.
 */
function insertBeforeFirstFrom(model: StageModel, text: string, block: string[]): TextEdit {
  const lines = text.split(/\r?\n/);
  const eol = lineEnding(text);
  let line = model.stages[0].from.getRange().start.line;
  while (line > 0 && /^\s*#/.test(lines[line - 1]) && !DIRECTIVE.test(lines[line - 1])) {
    line--;
  }
  const separated = line > 0 && lines[line - 1].trim() !== '';
  const newText = `${separated ? eol : ''}${block.join(eol)}${eol}${eol}`;
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText };
}
