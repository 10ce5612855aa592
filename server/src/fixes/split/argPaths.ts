// Paths the builder takes from an ARG's default (`ARG uploads_dir=/uploads`, then `WORKDIR`,
// a path `ENV` or `VOLUME` with `${uploads_dir}`): the runtime's COPYs keep `${uploads_dir}`
// instead of the default written out, with the ARG declared again before them (an ARG is scoped
// to its stage), so `--build-arg uploads_dir=/data` moves the runtime's copy with the builder's
// folder, as it moved the original's. Only where that is all the split wrote: when the value also
// stands in something else the split writes into the runtime (a start command it rewrote to an
// absolute path, an ENV of its own, a COPY target it chose), another value would move one and not
// the other, so the default stays written out and the note says so, as before.
import { execFormWords, isExecForm, shellToExecForm } from '../../core/commands';
import { Stage, StageModel } from '../../core/stages';
import { Artifact, SplitPlan, StartKeyword } from './recipe';
import { pathArgDefaultNotes, scanStage } from './recipes/shared/stageScan';

/** The plan with the paths from ARG defaults written as `${name}` where that is sound, and its note. */
export function withArgPaths(stage: Stage, model: StageModel, text: string, plan: SplitPlan): SplitPlan {
  const defaults = scanStage(stage, model, text).pathArgDefaults;
  // Only ARGs the stage declares itself: a global ARG is not in scope in a stage that does not
  // declare it again, so its value there is not the default the scan read.
  const declared = new Set(stage.instructions.filter((instruction) => instruction.getKeyword() === 'ARG').flatMap((instruction) => instruction.getArguments().map((argument) => argument.getValue().split('=')[0])));
  const candidates = [...defaults].filter(([name, value]) => declared.has(name) && /^\/[^\s$"'\\]*[^/\s$"'\\]$/.test(value));
  if (candidates.length === 0) {
    return plan;
  }
  const splitWritten = splitWrittenRuntimeText(stage, plan);
  // Longest value first: `/srv/app` before `/srv`.
  const usable = candidates
    .filter(([, value]) => !splitWritten.some((written) => containsPath(written, value)))
    .sort(([, a], [, b]) => b.length - a.length);
  const used = new Set<string>();
  const substitute = (path: string): string => {
    const found = usable.find(([, value]) => isInsidePath(path, value));
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
    return plan;
  }
  const names = [...used];
  const kept = new Map([...defaults].filter(([name]) => !used.has(name)));
  const notes = plan.runtimeNotes.filter((note) => !pathArgDefaultNotes({ pathArgDefaults: defaults }).includes(note));
  const dropped = notes.length < plan.runtimeNotes.length;
  return {
    ...plan,
    artifacts,
    workdir,
    runtimeSetup: [...(plan.runtimeSetup ?? []), ...declarations(stage, text, names)],
    runtimeNotes: [
      ...notes,
      `The runtime's COPY${names.length > 1 ? 's use' : ' uses'} ${names.map((name) => `\${${name}}`).join(', ')} as the builder does (the ARG is declared again before ${names.length > 1 ? 'them' : 'it'}), so another --build-arg value moves the runtime's copy with the builder's path; what the split copies and makes writable was read with the default (${names.map((name) => `${name}=${defaults.get(name)}`).join(', ')}).`,
      ...(dropped ? pathArgDefaultNotes({ pathArgDefaults: kept }) : []),
    ],
  };
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

/** The stage's ARG instructions that declare `names`, their lines as written (a global default stays inherited). */
function declarations(stage: Stage, text: string, names: string[]): string[] {
  const lines = text.split(/\r?\n/);
  return stage.instructions
    .filter((instruction) => instruction.getKeyword() === 'ARG' && instruction.getArguments().some((argument) => names.includes(argument.getValue().split('=')[0])))
    .flatMap((instruction) => lines.slice(instruction.getRange().start.line, instruction.getRange().end.line + 1));
}

function isInsidePath(path: string, directory: string): boolean {
  return path === directory || path.startsWith(`${directory}/`);
}

/** Whether `text` names `path` or a path under it (`/uploads`, `/uploads/x`, not `/uploads2`). */
function containsPath(text: string, path: string): boolean {
  return new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`).test(text);
}
