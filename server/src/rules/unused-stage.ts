import { Stage, StageModel } from '../core/stages';
import { Rule, RuleResult } from './rule';
import { lookupImage } from '../catalog/catalog';
import { stageDependencies, stagesNeededBy } from './stageGraph';

/**
 * Name parts of stages that are built on purpose with `--target` or `docker buildx bake` (tests,
 * linters, debug and dev images, release and export stages): roots of the build graph like the
 * runtime stage, not dead code.
 */
const TARGET_WORDS = new Set([
  'debug', 'dbg', 'test', 'tests', 'testing', 'unittest', 'unittests', 'e2e', 'integration', 'check', 'checks',
  'lint', 'linter', 'linting', 'analyze', 'analysis', 'vet', 'fmt', 'format', 'validate', 'validation', 'verify', 'coverage', 'bench',
  'benchmark', 'dev', 'devel', 'develop', 'development', 'local', 'ci', 'docs', 'doc', 'update', 'generate',
  'release', 'releaser', 'export', 'binaries', 'artifact', 'artifacts', 'dist', 'out', 'output', 'package', 'publish',
]);

export const unusedStage: Rule = {
  id: 'unused-stage',
  description: 'A stage that the runtime stage does not need: nothing copies from it or builds on it.',
  defaultSeverity: 'information',
  check({ model, runtimeStage }) {
    if (!runtimeStage || model.stages.length < 2 || isTemplate(model)) {
      return [];
    }
    // Computed once: asking per stage would make the rule quadratic in the number of stages.
    const usedByAnother = new Set(model.stages.flatMap((stage) => stageDependencies(stage, model.stages)));
    const roots = model.stages.filter(
      (stage) => stage === runtimeStage || stage === model.finalStage || isTargetByDesign(stage, usedByAnother),
    );
    const needed = stagesNeededBy(roots, model.stages);
    const results: RuleResult[] = [];
    for (const stage of model.stages) {
      // A bare `FROM image AS name` is an alias (often kept so Renovate bumps a tool's version).
      if (needed.has(stage) || stage.instructions.length === 0) {
        continue;
      }
      const label = stage.name ? `Stage "${stage.name}"` : `Stage ${stage.index}`;
      const runtime = runtimeStage.name ? `"${runtimeStage.name}"` : `${runtimeStage.index}`;
      results.push({
        range: stage.nameRange ?? stage.from.getInstructionRange(),
        message:
          `${label} is not used: the runtime stage ${runtime} neither builds on it nor copies from it, so BuildKit skips it. ` +
          'Remove it, or COPY --from it what the runtime needs.',
      });
    }
    return results;
  },
};

/**
 * A stage meant as its own `--target`: named like one (`test`, `debug`, `lint-go`, `release`); a
 * leaf (no stage uses it) on scratch, which exports files with `--output`; or a leaf that says how
 * to run it (`CMD`/`ENTRYPOINT`), like an alternative image.
 */
function isTargetByDesign(stage: Stage, usedByAnother: ReadonlySet<Stage>): boolean {
  const words = (stage.name ?? '').toLowerCase().split(/[-_.]/);
  if (words.some((word) => TARGET_WORDS.has(word))) {
    return true;
  }
  if (usedByAnother.has(stage)) {
    return false;
  }
  const exportsFiles = stage.base.kind === 'image' && lookupImage(stage.base.image).entry?.id === 'scratch';
  return exportsFiles || stage.instructions.some((instruction) => ['CMD', 'ENTRYPOINT'].includes(instruction.getKeyword()));
}

/** Jinja or Go templates (`FROM {{ .Base }}`): the stage graph is not the real one. */
function isTemplate(model: StageModel): boolean {
  return model.stages.some(
    (stage) => /\{\{|\{%/.test(stage.from.getTextContent()) || stage.references.some((reference) => /\{\{|\{%/.test(reference.value)),
  );
}
