// The stages a build needs: a stage depends on the stage it builds `FROM` and on every stage it
// copies or mounts from (`COPY --from`, `RUN --mount=...,from=`, by name or index). Where a
// variable picks the stage (`FROM build-${TARGETARCH}`), every stage the pattern can name counts.
// Each stage's dependencies are computed once per stage list and remembered, so rules that walk
// the graph stay linear in files with thousands of stages.
import { Stage } from '../core/stages';
import { rememberOn } from '../core/memo';

interface StageGraph {
  dependencies: Map<Stage, Stage[]>;
  /** Stages (of the whole list) a value with variables can name, by value. */
  namesMatching: Map<string, Stage[]>;
}

const GRAPH = Symbol('stageGraph');

function graphOf(stages: readonly Stage[]): StageGraph {
  return rememberOn<StageGraph>(stages, GRAPH, () => ({ dependencies: new Map(), namesMatching: new Map() }));
}

export function stageDependencies(stage: Stage, stages: readonly Stage[]): readonly Stage[] {
  const graph = graphOf(stages);
  let known = graph.dependencies.get(stage);
  if (!known) {
    known = computeDependencies(stage, stages, graph);
    graph.dependencies.set(stage, known);
  }
  return known;
}

function computeDependencies(stage: Stage, stages: readonly Stage[], graph: StageGraph): Stage[] {
  const dependencies = new Set<Stage>();
  if (stage.base.kind === 'stage') {
    dependencies.add(stage.base.stage);
  }
  const written = stage.from.getImage() ?? '';
  if (/^\d+$/.test(written) && Number(written) < stage.index) {
    dependencies.add(stages[Number(written)]); // `FROM 0`: a stage index for Buildah and imagebuilder
  }
  // `FROM build-${VARIANT}` can be any stage the pattern names, whatever the default; a bare
  // `FROM ${BASE}` whose default is known is that base (else it would need every earlier stage).
  if (stage.base.kind === 'unknown' || !isOnlyVariables(written)) {
    for (const candidate of matchingStages(written, stages, graph)) {
      if (candidate.index < stage.index) {
        dependencies.add(candidate);
      }
    }
  }
  for (const reference of stage.references) {
    if (reference.target) {
      dependencies.add(reference.target);
    }
    for (const candidate of matchingStages(reference.value, stages, graph)) {
      dependencies.add(candidate);
    }
  }
  dependencies.delete(stage);
  return [...dependencies];
}

function matchingStages(value: string, stages: readonly Stage[], graph: StageGraph): Stage[] {
  let matching = graph.namesMatching.get(value);
  if (!matching) {
    matching = variableStageNames(value, stages);
    graph.namesMatching.set(value, matching);
  }
  return matching;
}

function isOnlyVariables(value: string): boolean {
  return /^(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*)+$/.test(value);
}

/** The stages whose names a value with variables can produce (`build_${TARGETARCH}` → `build_amd64`...). */
export function variableStageNames(value: string, stages: readonly Stage[]): Stage[] {
  const dollar = value.indexOf('$');
  if (dollar < 0) {
    return [];
  }
  // Cheap first: a name must start with the text before the first variable, and the common
  // `FROM node:${VERSION}` names no stage. Compared without the RegExp only in printable ASCII, where its
  // case-insensitive matching and toLowerCase agree.
  const prefix = value.slice(0, dollar).toLowerCase();
  if (!/[^\x20-\x7e]/.test(prefix) && !stages.some((stage) => stage.name !== undefined && stage.name.toLowerCase().startsWith(prefix))) {
    return [];
  }
  const source = value
    .split(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const pattern = new RegExp(`^${source}$`, 'i');
  return stages.filter((stage) => stage.name !== undefined && pattern.test(stage.name));
}

/** The roots and every stage they need, transitively. */
export function stagesNeededBy(roots: readonly Stage[], stages: readonly Stage[]): Set<Stage> {
  const needed = new Set<Stage>();
  const pending = [...roots];
  for (let stage = pending.pop(); stage !== undefined; stage = pending.pop()) {
    if (needed.has(stage)) {
      continue;
    }
    needed.add(stage);
    pending.push(...stageDependencies(stage, stages));
  }
  return needed;
}
