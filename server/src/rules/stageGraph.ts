// The stages a build needs: a stage depends on the stage it builds `FROM` and on every stage it
// copies or mounts from (`COPY --from`, `RUN --mount=...,from=`, by name or index). Where a
// variable picks the stage (`FROM build-${TARGETARCH}`), every stage the pattern can name counts.
import { Stage } from '../core/stages';

export function stageDependencies(stage: Stage, stages: readonly Stage[]): Stage[] {
  const dependencies = new Set<Stage>();
  if (stage.base.kind === 'stage') {
    dependencies.add(stage.base.stage);
  }
  const written = stage.from.getImage() ?? '';
  if (/^\d+$/.test(written) && Number(written) < stage.index) {
    dependencies.add(stages[Number(written)]); // `FROM 0`: a stage index for Buildah and imagebuilder
  }
  for (const candidate of variableStageNames(written, stages.slice(0, stage.index))) {
    dependencies.add(candidate);
  }
  for (const reference of stage.references) {
    if (reference.target) {
      dependencies.add(reference.target);
    }
    for (const candidate of variableStageNames(reference.value, stages)) {
      dependencies.add(candidate);
    }
  }
  dependencies.delete(stage);
  return [...dependencies];
}

/** The stages whose names a value with variables can produce (`build_${TARGETARCH}` → `build_amd64`...). */
export function variableStageNames(value: string, stages: readonly Stage[]): Stage[] {
  if (!value.includes('$')) {
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
