// The quick fix "Use <distroless image>" for `runtime-not-distroless`: the runtime stage's image is
// replaced by the distroless one of the same language and version, and the start command is
// adapted to that image's ENTRYPOINT (`CMD ["java", "-jar", "app.jar"]` → `CMD ["app.jar"]`).
// Offered only where the stage can run unchanged without a shell: no RUN, SHELL, ONBUILD or
// HEALTHCHECK probe, a start command that runs the language runtime, and a user the new image has. For a single-stage build that compiles, the split is the fix instead.
// A Node release distroless does not publish (node:20-slim) moves to the nearest newer supported
// release that it does, with the stages it copies from that build on the old release: the title says so.
import { Instruction } from 'dockerfile-ast';
import { lookupImage } from '../catalog/catalog';
import { Language } from '../catalog/facts';
import { execFormWords, formatExecForm, isExecForm, shellToExecForm } from '../core/commands';
import { addDays } from '../catalog/calendar';
import { NOTICE_DAYS, releaseSchedule } from '../catalog/languageReleases';
import { ImageReference, parseImageReference } from '../core/imageReference';
import { Stage, resolveBaseImage } from '../core/stages';
import { TextEdit } from '../core/types';
import { FindingFix } from './rule';
import { DEFAULT_PATH, afterRepeatedEntrypoint, dirname, sameProgram } from './shellless';
import { StageImage, stageImage } from './support';

/** Official images that set no WORKDIR (the stage ran in /) and whose runtime distroless ships. */
const SWAPPABLE_IMAGES = new Set(['node', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'dotnet']);
const NEVER_WITHOUT_A_SHELL = new Set(['RUN', 'SHELL', 'ONBUILD']);
/** Users every target image has (distroless nonroot: root and nonroot; chiseled .NET: app). */
const KNOWN_USERS = /^(\d+(:\d+)?|root|nonroot|app|\$APP_UID|\$\{APP_UID\})$/;

export function swapRuntimeImageFix(stage: Stage, current: StageImage, eol: string, today: string): FindingFix | undefined {
  const imageRange = stage.from.getImageRange();
  const language = current.lookup.facts.runtime?.language;
  const version = current.lookup.facts.runtime?.version;
  if (stage.base.kind !== 'image' || !imageRange || stage.baseText.includes('$') || !language || !version || !SWAPPABLE_IMAGES.has(current.lookup.entry?.id ?? '')) {
    return undefined;
  }
  const same = distrolessFor(current.image, language, version);
  const moved = same ? undefined : language === 'node' ? movedNodeRelease(stage, current.image, version, today) : undefined;
  const target = same ?? moved?.target;
  const entrypoint = target && lookupImage(target).facts.entrypoint;
  if (!target || !entrypoint || entrypoint.length === 0 || !stageRunsWithoutShell(stage)) {
    return undefined;
  }
  const starts = adaptedStarts(stage, entrypoint, language);
  if (!starts) {
    return undefined;
  }
  const edits: TextEdit[] = [{ range: imageRange, newText: target.text }, ...(moved?.builderEdits ?? [])];
  if (!stage.instructions.some((instruction) => instruction.getKeyword() === 'WORKDIR')) {
    // The distroless :nonroot tags start in /home/nonroot; the official image started in /.
    const afterFrom = { line: stage.from.getRange().end.line + 1, character: 0 };
    edits.push({ range: { start: afterFrom, end: afterFrom }, newText: `WORKDIR /${eol}` });
  }
  for (const [instruction, text] of starts) {
    edits.push({ range: instruction.getRange(), newText: text });
  }
  const runs = moved ? moved.major : version;
  return { title: `Use ${target.text} (no shell, ${displayName(language)} ${runs}${moved ? `; ${moved.label}` : ''})`, edits, isPreferred: false };
}

interface MovedRelease {
  target: ImageReference;
  major: string;
  /** What moves besides the runtime, for the title. */
  label: string;
  builderEdits: TextEdit[];
}

/**
 * For a Node major distroless does not publish: the nearest newer release that it does and that is
 * supported `NOTICE_DAYS` after today, with the FROM of each stage the runtime copies from that
 * builds on the old major moved to the new one. Undefined when no release fits or a builder's
 * image cannot be rewritten (an `${ARG}`, a codename tag).
 */
function movedNodeRelease(stage: Stage, image: ImageReference, version: string, today: string): MovedRelease | undefined {
  const horizon = addDays(today, NOTICE_DAYS);
  const newer = releaseSchedule('node').releases.filter((line) => Number(line.version) > Number(version) && (line.end === undefined || line.end > horizon));
  let target: ImageReference | undefined;
  let major: string | undefined;
  for (const line of newer) {
    target = distrolessFor(image, 'node', line.version);
    if (target) {
      major = line.version;
      break;
    }
  }
  if (!target || !major) {
    return undefined;
  }
  const builderEdits: TextEdit[] = [];
  const moved: string[] = [];
  for (const builder of builderStages(stage)) {
    const built = stageImage(builder);
    if (built?.lookup.entry?.id !== 'node' || built.lookup.facts.runtime?.version !== version) {
      continue; // another image or release: not this swap's to move
    }
    const range = builder.from.getImageRange();
    const tag = built.image.tag;
    if (!range || (builder.from.getImage() ?? '$').includes('$') || tag === undefined || !/^\d/.test(tag) || built.image.digest) {
      return undefined;
    }
    const newTag = tag.replace(/^\d+(?:\.\d+)*/, major).replace(/-alpine\d+\.\d+(?=-|$)/, '-alpine');
    const newText = built.image.text.slice(0, built.image.text.length - tag.length) + newTag;
    builderEdits.push({ range, newText });
    moved.push(newText);
  }
  const label = moved.length > 0
    ? `Node ${version} has no distroless image: the build moves to ${[...new Set(moved)].join(', ')} too`
    : `Node ${version} has no distroless image: the app moves to Node ${major}`;
  return { target, major, label, builderEdits };
}

/** The stages whose base image the runtime's files come from: each `--from` stage, followed to the stage with the image. */
function builderStages(stage: Stage): Stage[] {
  const roots = new Set<Stage>();
  for (const reference of stage.references) {
    if (reference.target && reference.target !== stage) {
      const chain = resolveBaseImage(reference.target).chain;
      roots.add(chain[chain.length - 1]);
    }
  }
  return [...roots];
}

/** The distroless image of the same language and version, when one gets updates; else undefined. */
function distrolessFor(image: ImageReference, language: Language, version: string): ImageReference | undefined {
  const candidates: Record<Language, string | undefined> = {
    node: `gcr.io/distroless/nodejs${version}-debian13:nonroot`,
    java: `gcr.io/distroless/java${version}-debian13:nonroot`,
    // -extra keeps ICU and time zones, as the full image had them.
    dotnet: /^dotnet\/(aspnet|runtime)$/.test(image.repository) ? `mcr.microsoft.com/${image.repository}:${version}-noble-chiseled-extra` : undefined,
    python: undefined, // a venv built against /usr/local/bin/python does not run on distroless' /usr/bin/python3.13
  };
  const candidate = candidates[language];
  const parsed = candidate ? parseImageReference(candidate) : undefined;
  const lookup = parsed && lookupImage(parsed);
  if (!parsed || !lookup?.entry || lookup.kind !== 'distroless' || lookup.facts.endOfSupport) {
    return undefined;
  }
  const runs = lookup.facts.runtime?.version;
  return runs === undefined || runs === version ? parsed : undefined;
}

function stageRunsWithoutShell(stage: Stage): boolean {
  return stage.instructions.every((instruction) => {
    const keyword = instruction.getKeyword();
    const content = (instruction.getArgumentsContent() ?? '').trim();
    if (NEVER_WITHOUT_A_SHELL.has(keyword) || (keyword === 'HEALTHCHECK' && content.toUpperCase() !== 'NONE')) {
      return false;
    }
    return keyword !== 'USER' || KNOWN_USERS.test(content);
  });
}

/**
 * The new text of the effective CMD/ENTRYPOINT, adapted to the new image's `entrypoint`, or
 * undefined when the stage's start cannot run there (or the stage has none: the old image's
 * default, a REPL, would become another program).
 */
function adaptedStarts(stage: Stage, entrypoint: string[], language: Language): Map<Instruction, string> | undefined {
  const last = (keyword: string) => stage.instructions.filter((instruction) => instruction.getKeyword() === keyword).pop();
  const ownEntrypoint = last('ENTRYPOINT');
  const cmd = last('CMD');
  const start = ownEntrypoint ?? cmd;
  const words = start && startWords(start);
  if (!start || !words || words.length === 0) {
    return undefined;
  }
  const result = new Map<Instruction, string>();
  const program = words[0];
  const runtime = sameProgram(program, entrypoint[0], language);
  if (ownEntrypoint) {
    // Its own ENTRYPOINT replaces the image's: the program must exist (node is not on PATH in distroless).
    if (!runtime) {
      return undefined; // another program: it may be a shell script (Gradle's bin/app), which needs sh
    }
    const onPath = DEFAULT_PATH.includes(dirname(entrypoint[0]));
    result.set(start, `ENTRYPOINT ${formatExecForm([onPath && !program.includes('/') ? program : entrypoint[0], ...words.slice(1)])}`);
    if (cmd && cmd !== start && startWords(cmd) === undefined) {
      return undefined; // a shell-form CMD with shell features, as arguments to the ENTRYPOINT
    }
    if (cmd && cmd !== start && !isExecForm(cmd)) {
      result.set(cmd, `CMD ${formatExecForm(startWords(cmd)!)}`);
    }
    return result;
  }
  // A CMD alone becomes the arguments of the image's ENTRYPOINT.
  const rest = afterRepeatedEntrypoint(words, entrypoint, language);
  if (rest && rest.length > 0) {
    result.set(start, `CMD ${formatExecForm(rest)}`);
  } else if (runtime) {
    result.set(start, `ENTRYPOINT ${formatExecForm([entrypoint[0], ...words.slice(1)])}`);
  } else {
    return undefined; // another program (maybe a script): left to a person
  }
  return result;
}

function startWords(instruction: Instruction): string[] | undefined {
  return isExecForm(instruction) ? execFormWords(instruction) : shellToExecForm((instruction.getArgumentsContent() ?? '').trim());
}

function displayName(language: Language): string {
  return { node: 'Node.js', java: 'Java', dotnet: '.NET', python: 'Python' }[language];
}
