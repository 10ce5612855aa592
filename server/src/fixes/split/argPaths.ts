// Paths the builder takes from an ARG's default (`ARG uploads_dir=/uploads`, then `WORKDIR`,
// a path `ENV` or `VOLUME` with `${uploads_dir}`): the runtime's COPYs keep `${uploads_dir}`
// instead of the default written out, with the ARG declared again before them (an ARG is scoped
// to its stage), so `--build-arg uploads_dir=/data` moves the runtime's copy with the builder's
// folder, as it moved the original's. Only where that is all the split wrote: when the value also
// stands in something else the split writes into the runtime (a start command it rewrote to an
// absolute path, an ENV of its own, a COPY target it chose), another value would move one and not
// the other, so the default stays written out and the note says so, as before.
import { Env, Instruction } from 'dockerfile-ast';
import { execFormWords, isExecForm, shellToExecForm } from '../../core/commands';
import { Stage, StageModel } from '../../core/stages';
import { Artifact, SplitPlan, StartKeyword } from './recipe';
import { pathArgDefaultNotes, scanStage } from './recipes/shared/stageScan';

/** The plan with the paths from ARG defaults written as `${name}` where that is sound, and its note. */
export function withArgPaths(stage: Stage, model: StageModel, text: string, plan: SplitPlan): SplitPlan {
  const defaults = scanStage(stage, model, text).pathArgDefaults;
  const splitWritten = splitWrittenRuntimeText(stage, plan);
  // Only ARGs the stage declares once (a global ARG is not in scope in a stage that does not
  // declare it again), with a default the runtime can evaluate the same way: the runtime declares
  // the same lines, which must give the value the builder had where it used the path. A name
  // declared again later with another default stays written out; a default naming other ARGs
  // (`ARG APP_DIR=${BASE}/app`) brings their declarations along.
  const candidates = [...defaults].filter(([name, value]) => declarationsFor(stage, name) !== undefined && /^\/[^\s$"'\\]*[^/\s$"'\\]$/.test(value));
  if (candidates.length === 0) {
    return withAccurateNote(plan, plan, defaults, new Set(), splitWritten);
  }
  // Longest value first: `/srv/app` before `/srv`. A value the split also writes into the
  // builder (a `mkdir -p` of a VOLUME folder) stays written out: the builder's line would not move.
  const builderAdded = [...plan.builderSetup, ...(plan.builderFinish ?? [])];
  const unwritten = candidates.filter(([, value]) => ![...splitWritten, ...builderAdded].some((written) => containsPath(written, value)));
  // ARGs with the same value: only one whose declarations hold the others' (APP_DIR=${BASE} over
  // BASE); unrelated ones (ARG A=/app, ARG B=/app) cannot tell which the path came from.
  const usable = unwritten
    .filter(([name, value]) => unwritten.every(([other, otherValue]) => other === name || otherValue !== value || [...(declarationsFor(stage, other) ?? [])].every((instruction) => declarationsFor(stage, name)?.has(instruction))))
    .sort(([, a], [, b]) => b.length - a.length);
  const anchors = literalPaths(stage);
  const used = new Set<string>();
  const substitute = (path: string): string => {
    // Only where the path can have come from the ARG: not inside a folder the stage names
    // literally at or below the value (`ARG DATA=/srv`, `VOLUME ${DATA}`, `WORKDIR /srv/app`: the
    // jar in /srv/app does not move with DATA).
    const found = usable.find(([, value]) => isInsidePath(path, value) && !anchors.some((anchor) => isInsidePath(anchor, value) && isInsidePath(path, anchor)));
    if (!found) {
      return path;
    }
    used.add(found[0]);
    return `\${${found[0]}}${path.slice(found[1].length)}`;
  };
  const artifacts: Artifact[] = plan.artifacts.map((artifact) => {
    const source = substitute(artifact.source);
    // The target follows only where the runtime mirrors the builder's path; a target the split
    // chose (/app/app.jar) stays where the start command looks.
    return { ...artifact, source, target: artifact.target === artifact.source ? source : artifact.target };
  });
  const workdir = substitute(plan.workdir);
  if (used.size === 0) {
    return withAccurateNote(plan, plan, defaults, used, splitWritten);
  }
  const names = [...used];
  const declared = new Set(names.flatMap((name) => [...(declarationsFor(stage, name) ?? [])]));
  const lines = text.split(/\r?\n/);
  // The ARGs a default names count as used too: declared again, they move the runtime's copy.
  const covered = new Set(stage.instructions.filter((instruction) => declared.has(instruction)).flatMap((instruction) => instruction.getArguments().map((argument) => argument.getValue().split('=')[0])));
  return withAccurateNote(plan, {
    ...plan,
    artifacts,
    workdir,
    runtimeSetup: [...(plan.runtimeSetup ?? []), ...stage.instructions.filter((instruction) => declared.has(instruction)).flatMap((instruction) => lines.slice(instruction.getRange().start.line, instruction.getRange().end.line + 1))],
  }, defaults, covered, splitWritten, [
      `The runtime's COPY${names.length > 1 ? 's use' : ' uses'} ${names.map((name) => `\${${name}}`).join(', ')} as the builder does (${declared.size > 1 ? 'the ARGs are' : 'the ARG is'} declared again before ${names.length > 1 ? 'them' : 'it'}), so another --build-arg value moves the runtime's copy with the builder's path; what the split copies and makes writable was read with the default (${names.map((name) => `${name}=${defaults.get(name)}`).join(', ')}).`,
  ]);
}

/**
 * The plan with the recipe's note on ARG defaults (pathArgDefaultNotes) kept only for the
 * defaults the split still writes out (not `used` as `${name}`), and saying where: in the
 * runtime's COPYs and start, in the builder's added lines, or both. A default the split writes
 * nowhere (the runtime copies only a folder of the split's own) needs no note.
 */
function withAccurateNote(original: SplitPlan, plan: SplitPlan, defaults: ReadonlyMap<string, string>, used: ReadonlySet<string>, splitWritten: string[], added: string[] = []): SplitPlan {
  const recipeNote = pathArgDefaultNotes({ pathArgDefaults: new Map(defaults) });
  const notes = plan.runtimeNotes.filter((note) => !recipeNote.includes(note));
  if (notes.length === plan.runtimeNotes.length) {
    return added.length === 0 ? plan : { ...plan, runtimeNotes: [...notes, ...added] };
  }
  // Read before the substitution: `${BASE}/app` still holds APP_DIR's default /srv/app.
  const runtime = [...splitWritten, original.workdir, ...original.artifacts.flatMap((artifact) => [artifact.source, artifact.target])];
  const builder = [...original.builderSetup, ...(original.builderFinish ?? [])];
  const writtenIn = (texts: string[], value: string) => texts.some((written) => containsPath(written, value));
  const kept = new Map([...defaults].filter(([name, value]) => !used.has(name) && (writtenIn(runtime, value) || writtenIn(builder, value))));
  const inRuntime = [...kept.values()].some((value) => writtenIn(runtime, value));
  const inBuilder = [...kept.values()].some((value) => writtenIn(builder, value));
  const where = inRuntime && inBuilder ? 'both' : inRuntime ? 'runtime' : 'builder';
  return { ...plan, runtimeNotes: [...notes, ...added, ...pathArgDefaultNotes({ pathArgDefaults: kept }, where)] };
}

/**
 * What the split itself writes into the runtime stage besides the COPYs and the WORKDIR: its
 * setup lines, ENVs, entrypoint, default start, and the start commands it adapts.
 */
function splitWrittenRuntimeText(stage: Stage, plan: SplitPlan): string[] {
  const starts = stage.instructions.flatMap((instruction) => {
    const keyword = instruction.getKeyword();
    if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') {
      return [];
    }
    const content = instruction.getArgumentsContent() ?? '';
    const words = isExecForm(instruction) ? execFormWords(instruction) : shellToExecForm(content);
    const adapted = words && plan.adaptStart ? plan.adaptStart({ keyword: keyword as StartKeyword, words }) : undefined;
    const shell = !isExecForm(instruction) && plan.adaptShellStart ? plan.adaptShellStart(keyword as StartKeyword, content.trim()) : undefined;
    // The original's own words too: a start that names the path keeps the default in both.
    return [content, ...[adapted, shell].flatMap((command) => (command === undefined || command === 'keep' ? [] : [command.words.join(' ')]))];
  });
  return [
    ...(plan.runtimeSetup ?? []),
    ...plan.runtimeEnv,
    ...(plan.setEntrypoint ?? []),
    // Without a start command of its own the runtime starts the first artifact by its path.
    ...(plan.defaultStart?.words ?? plan.artifacts.slice(0, 1).map((artifact) => artifact.target)),
    ...plan.artifacts.filter((artifact) => artifact.target !== artifact.source).map((artifact) => artifact.target),
    ...starts,
  ];
}

/**
 * The ARG instructions the runtime declares again for `name`: the stage's one declaration of it
 * (identical lines count as one: they give the same value), and those of the ARGs its default
 * names, declared before it. Undefined when the stage declares it in lines that differ (the
 * value where the builder used the path may not be the last one the runtime would take), not at
 * all, or with a default the runtime could not evaluate the same way: a command substitution, a
 * variable that is no such ARG, or one an ENV of the stage sets (an ENV wins over an ARG).
 */
function declarationsFor(stage: Stage, name: string, depth = 0, known = new Map<string, Set<Instruction> | undefined>()): Set<Instruction> | undefined {
  // Each name once: a file of `ARG V2=$V1$V1` lines would otherwise branch at every level.
  if (known.has(name)) {
    return known.get(name);
  }
  const result = declarationsOnce(stage, name, depth, known);
  known.set(name, result);
  return result;
}

function declarationsOnce(stage: Stage, name: string, depth: number, known: Map<string, Set<Instruction> | undefined>): Set<Instruction> | undefined {
  const found = stage.instructions.filter((instruction) => instruction.getKeyword() === 'ARG' && instruction.getArguments().some((argument) => argument.getValue().split('=')[0] === name));
  if (found.length === 0 || depth > 8 || new Set(found.map((instruction) => instruction.getTextContent())).size !== 1) {
    return undefined;
  }
  const declaration = found[0];
  const result = new Set<Instruction>([declaration]);
  for (const argument of declaration.getArguments()) {
    const value = argument.getValue().split(/=(.*)/s)[1] ?? '';
    const named = new Set([...value.matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((match) => match[1]));
    if (/\$(?!\{?[A-Za-z_])/.test(value) || /^'/.test(value)) {
      return undefined;
    }
    for (const dependency of named) {
      const inner = setByEnv(stage, dependency) ? undefined : declarationsFor(stage, dependency, depth + 1, known);
      if (!inner || [...inner].some((instruction) => instruction.getRange().start.line >= declaration.getRange().start.line)) {
        return undefined;
      }
      inner.forEach((instruction) => result.add(instruction));
    }
  }
  return result;
}

/** The absolute paths the stage's WORKDIRs, ENVs and VOLUMEs write without a variable. */
function literalPaths(stage: Stage): string[] {
  return stage.instructions.flatMap((instruction) => {
    const keyword = instruction.getKeyword();
    const words = instruction instanceof Env
      ? instruction.getProperties().map((property) => property.getValue() ?? '')
      : keyword === 'WORKDIR' || keyword === 'VOLUME' ? (instruction.getArgumentsContent() ?? '').split(/[\s,[\]]+/) : [];
    return words.map((word) => word.replace(/^["']|["']$/g, '').replace(/\/+$/, '')).filter((word) => word.startsWith('/') && !word.includes('$'));
  });
}

function setByEnv(stage: Stage, name: string): boolean {
  return stage.instructions.some((instruction) => instruction instanceof Env && instruction.getProperties().some((property) => property.getName() === name));
}

function isInsidePath(path: string, directory: string): boolean {
  return path === directory || path.startsWith(`${directory}/`);
}

/** Whether `text` names `path` or a path under it (`/uploads`, `/uploads/x`, not `/uploads2`). */
function containsPath(text: string, path: string): boolean {
  return new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`).test(text);
}

/**
 * The stage's ARG instructions that the runtime's copied ENVs and moved LABEL/EXPOSE/... expand
 * (an ARG is scoped to its stage, so the runtime declares them again before those): for each
 * name, the declaration in effect where the instruction stands (the last one before it, not a
 * later one with another default), and those of the ARGs its default names. A string when the
 * runtime cannot give every instruction its value that way: a name needed from two declarations
 * that differ (the runtime declares its ARGs once, before them all), or a default naming a
 * variable that is no ARG declared before it in the stage (an ENV, the image's environment).
 */
export function argumentsInEffect(instructions: Instruction[], stage: Stage): Instruction[] | string {
  const chosen = new Map<string, Instruction>();
  const add = (name: string, before: number, depth: number): string | undefined => {
    const declaration = stage.instructions.filter((instruction) => instruction.getKeyword() === 'ARG' && instruction.getRange().start.line < before && argNames(instruction).includes(name)).pop();
    if (!declaration) {
      return undefined; // not an ARG here: an ENV or the image's variable, which the runtime copies or has
    }
    const earlier = chosen.get(name);
    if (earlier && earlier.getTextContent() !== declaration.getTextContent()) {
      return `ARG ${name} is declared twice with different defaults (lines ${earlier.getRange().start.line + 1} and ${declaration.getRange().start.line + 1}), and the instructions the runtime keeps use both; the runtime declares it once, so one would get the other's value. Use one default (or two names), then split.`;
    }
    if (earlier || depth > 8) {
      return earlier ? undefined : `ARG ${name}'s default names variables too deeply for the split to follow; write the value, then split.`;
    }
    for (const declared of argNames(declaration)) {
      chosen.set(declared, declaration);
    }
    for (const argument of declaration.getArguments()) {
      const value = argument.getValue().split(/=(.*)/s)[1] ?? '';
      for (const [, dependency] of value.matchAll(/\$\{?([A-Za-z_]\w*)/g)) {
        const isArg = stage.instructions.some((instruction) => instruction.getKeyword() === 'ARG' && instruction.getRange().start.line < declaration.getRange().start.line && argNames(instruction).includes(dependency));
        if (!isArg || setByEnv(stage, dependency)) {
          return `ARG ${argument.getValue().split('=')[0]} (line ${declaration.getRange().start.line + 1}) takes its default from ${dependency}, which the runtime stage would not give it the same (the runtime declares its ARGs before its ENVs, and its image has its own environment); write the value, then split.`;
        }
        const problem = add(dependency, declaration.getRange().start.line, depth + 1);
        if (problem) {
          return problem;
        }
      }
    }
    return undefined;
  };
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    if (keyword === 'CMD' || keyword === 'ENTRYPOINT' || keyword === 'HEALTHCHECK') {
      continue; // expanded by a shell at run time, from the environment, not from ARGs
    }
    for (const [, name] of (instruction.getArgumentsContent() ?? '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
      const problem = add(name, instruction.getRange().start.line, 0);
      if (problem) {
        return problem;
      }
    }
  }
  const used = new Set(chosen.values());
  return stage.instructions.filter((instruction) => used.has(instruction));
}

function argNames(instruction: Instruction): string[] {
  return instruction.getArguments().map((argument) => argument.getValue().split('=')[0]);
}
