// Whether a builder stage may run on the build machine's platform (`FROM --platform=$BUILDPLATFORM`)
// and cross-compile for `$TARGETOS/$TARGETARCH`: only in a Dockerfile that already needs BuildKit.
// The legacy builder sets no BUILDPLATFORM and stops at such a FROM ("failed to parse platform :
// "" is an invalid component"), and some builders are legacy ones: `DOCKER_BUILDKIT=0`, API
// clients such as docker-py's `APIClient.build` (TechEmpower's toolset builds with it), and ACR
// Tasks, whose Dockerfile scanner rejects a FROM of three words not ending in `AS name`
// (Azure/acr#697). The split must build where the original did; the same rule keeps cache-mount
// hints (rules/cache-mount-available.ts) to files that use BuildKit.
import { StageModel } from '../../../../core/stages';
import { usesBuildKit } from '../../../../rules/usesBuildKit';

export function buildsWithBuildKit(model: StageModel, text: string): boolean {
  return usesBuildKit(model, text.split(/\r?\n/));
}

/** Said when a builder could run natively but the Dockerfile may be built by the legacy builder. */
export function nativeBuilderNote(builder: string, how: string): string {
  return `${builder} could run natively for multi-platform builds (${how}), but the legacy builder stops at that FROM, and nothing in this Dockerfile needs BuildKit yet: with a \`# syntax=docker/dockerfile:1\` line the split does it.`;
}
