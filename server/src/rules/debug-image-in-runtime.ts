import { Stage, resolveBaseImage } from '../core/stages';
import { isExecForm } from '../core/commands';
import { Range } from '../core/types';
import { fromArgument } from './argDefaults';
import { releaseTag } from './imageTags';
import { stagesNeededBy } from './stageGraph';
import { FindingFix, Rule, RuleResult } from './rule';
import { StageImage, stageImage } from './support';

export const debugImageInRuntime: Rule = {
  id: 'debug-image-in-runtime',
  description: 'The runtime stage uses a debug image (distroless :debug, Chainguard or Hardened -dev) that carries a shell.',
  defaultSeverity: 'warning',
  productionOnly: true,
  check({ model, runtimeStage }) {
    const runtime = runtimeStage && stageImage(runtimeStage);
    if (!runtimeStage || !runtime?.lookup.isDebugVariant) {
      return [];
    }
    // The FROM that names the image: the runtime stage's own, or the start of its FROM <stage> chain.
    const { chain } = resolveBaseImage(runtimeStage);
    const written = chain[chain.length - 1];
    const literal = (written.from.getImage() ?? '') === written.baseText;
    const range: Range =
      (literal ? written.from.getImageTagRange() : undefined) ?? written.from.getImageRange() ?? written.from.getInstructionRange();
    const what = describe(runtime);

    const realRuntime = runtimeStage === model.finalStage ? releaseStageBefore(runtimeStage, model.stages) : undefined;
    if (realRuntime) {
      const name = stageLabel(realRuntime);
      return [
        {
          range,
          message:
            `The last stage ${stageLabel(runtimeStage)} uses ${what}, and \`docker build\` without --target ships the last stage. ` +
            `Move the debug stage before the runtime stage ${name}, or ${realRuntime.name ? `build with --target ${realRuntime.name}` : 'name that stage and build with --target'}.`,
        },
      ];
    }

    const tag = releaseTag(runtime.image, runtime.lookup);
    const needsShell = usesShell(runtimeStage);
    const fixes: FindingFix[] = [];
    if (tag && literal && written.from.getImageTagRange() && !needsShell) {
      fixes.push({ title: `Use the release tag :${tag}`, edits: [{ range, newText: tag }], isPreferred: true });
    }
    // `FROM image:${RUNTIME_TAG}` with a debug default: the default changes, the argument stays.
    const fromArg = literal ? undefined : fromArgument(model, written.from.getImage() ?? '');
    const argFix = tag && fromArg && !needsShell ? releaseDefault(fromArg.arg, fromArg.whole, runtime.image.tag ?? '', tag) : undefined;
    if (argFix && fromArg) {
      fixes.push({ title: `Default ARG ${fromArg.arg.name} to the release tag :${tag}`, edits: [{ range: fromArg.arg.valueRange, newText: argFix }], isPreferred: true });
    }
    const insteadTag = tag ? `use :${tag}` : 'use the release image';
    const instead = fromArg ? `${insteadTag} as the default of ARG ${fromArg.arg.name} (pass --build-arg for a debug build)` : insteadTag;
    const message = needsShell
      ? `The runtime image ${runtime.image.text} is ${what}; move the RUN steps and shell commands to the build stage, then ${instead} and keep the debug image for a separate debug target.`
      : `The runtime image ${runtime.image.text} is ${what}; ${instead} and keep the debug image for a separate debug target.`;
    const result: RuleResult = { range, message };
    if (fixes.length > 0) {
      result.fixes = fixes;
    }
    return [result];
  },
};

/** The ARG default with the debug tag swapped for the release tag; undefined when the default does not hold it plainly. */
function releaseDefault(arg: { value: string }, whole: boolean, debugTag: string, release: string): string | undefined {
  if (arg.value.includes('$')) {
    return undefined;
  }
  if (!whole) {
    return arg.value === debugTag ? release : undefined;
  }
  const [reference, digest] = arg.value.split('@');
  // A digest pins the debug image itself: swapping the tag alone would still pull it.
  return digest === undefined && reference.endsWith(`:${debugTag}`) ? `${reference.slice(0, -debugTag.length)}${release}` : undefined;
}

function describe(runtime: StageImage): string {
  return runtime.lookup.entry?.distrolessTags
    ? 'a distroless debug image with a busybox shell, not meant for production'
    : 'a development image with a shell and package manager, meant for build stages';
}

/**
 * An earlier stage on a release (non-debug) distroless image that the debug stage does not build
 * on: the stage meant to ship, with the debug stage placed after it by mistake.
 */
function releaseStageBefore(debugStage: Stage, stages: readonly Stage[]): Stage | undefined {
  // A stage the debug stage needs (FROM it, COPY --from it, e.g. for CA certificates) is not a rival.
  const needed = stagesNeededBy([debugStage], stages);
  return [...stages]
    .reverse()
    .find((stage) => {
      if (stage.index >= debugStage.index || needed.has(stage)) {
        return false;
      }
      const image = stageImage(stage);
      return image !== undefined && image.lookup.kind === 'distroless' && !image.lookup.isDebugVariant && image.lookup.facts.hasBaseFiles !== false;
    });
}

function stageLabel(stage: Stage): string {
  return stage.name ? `"${stage.name}"` : `${stage.index}`;
}

/** RUN, or a shell-form command, in the stage or what it inherits: the release image would break them. */
function usesShell(stage: Stage): boolean {
  const { chain } = resolveBaseImage(stage);
  return chain.some((s) =>
    s.instructions.some((instruction) => {
      const keyword = instruction.getKeyword();
      if (keyword === 'RUN') {
        return true;
      }
      if (keyword === 'HEALTHCHECK') {
        return /^\s*(--\S+\s+)*CMD\s+(?!\[)/i.test(instruction.getArgumentsContent() ?? '');
      }
      return (keyword === 'CMD' || keyword === 'ENTRYPOINT') && !isExecForm(instruction);
    }),
  );
}
