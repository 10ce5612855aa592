// The rule registry. Adding a rule: write `rules/<id>.ts`, add it here, add `docs/rules/<id>.md`,
// and a test under `test/unit/rules/`. The order here is the order of findings at one position.
import { Rule } from './rule';
import { runtimeNotDistroless } from './runtime-not-distroless';
import { singleStageBuild } from './single-stage-build';
// imports: shell-less runtime and commands
import { buildToolsInRuntime } from './build-tools-in-runtime';
import { cmdRepeatsEntrypoint } from './cmd-repeats-entrypoint';
import { healthcheckInShelllessRuntime } from './healthcheck-in-shellless-runtime';
import { runInShelllessStage } from './run-in-shellless-stage';
import { shellFormCommand } from './shell-form-command';
import { shellFormInShelllessRuntime } from './shell-form-in-shellless-runtime';
import { sourcesInRuntime } from './sources-in-runtime';
// imports: stages, users and tags
import { debugImageInRuntime } from './debug-image-in-runtime';
import { missingEntrypoint } from './missing-entrypoint';
import { runtimeImageNotDigestPinned } from './runtime-image-not-digest-pinned';
import { runtimeRunsAsRoot } from './runtime-runs-as-root';
import { unknownStageReference } from './unknown-stage-reference';
import { unpinnedBaseImage } from './unpinned-base-image';
import { unusedStage } from './unused-stage';
// imports: image facts and compatibility
import { builderRuntimeMismatch } from './builder-runtime-mismatch';
import { dockerfileSyntax } from './dockerfile-syntax';
import { outdatedRuntimeImage } from './outdated-runtime-image';
import { rootOwnedPathInNonrootRuntime } from './root-owned-path-in-nonroot-runtime';
import { runtimeMissingBaseFiles } from './runtime-missing-base-files';
// imports: production hygiene
import { secretInImage } from './secret-in-image';
import { developmentServerInRuntime } from './development-server-in-runtime';
import { dependencyInstallAfterCopy } from './dependency-install-after-copy';
import { missingDockerignore } from './missing-dockerignore';
import { packageManagerAsInit } from './package-manager-as-init';
import { devDependenciesInRuntime } from './dev-dependencies-in-runtime';
import { nginxStopSignal } from './nginx-stop-signal';
import { packageCacheInImage } from './package-cache-in-image';
import { cacheMountAvailable } from './cache-mount-available';
// imports: BuildKit's build checks
import { BUILDKIT_RULES } from './buildkit';

export const ALL_RULES: readonly Rule[] = [
  singleStageBuild,
  runtimeNotDistroless,
  // rules: shell-less runtime and commands
  buildToolsInRuntime,
  sourcesInRuntime,
  runInShelllessStage,
  shellFormInShelllessRuntime,
  cmdRepeatsEntrypoint,
  healthcheckInShelllessRuntime,
  shellFormCommand,
  // rules: stages, users and tags
  debugImageInRuntime,
  runtimeRunsAsRoot,
  unpinnedBaseImage,
  runtimeImageNotDigestPinned,
  unknownStageReference,
  unusedStage,
  missingEntrypoint,
  // rules: image facts and compatibility
  builderRuntimeMismatch,
  outdatedRuntimeImage,
  runtimeMissingBaseFiles,
  rootOwnedPathInNonrootRuntime,
  dockerfileSyntax,
  // rules: production hygiene
  secretInImage,
  developmentServerInRuntime,
  dependencyInstallAfterCopy,
  packageManagerAsInit,
  devDependenciesInRuntime,
  nginxStopSignal,
  packageCacheInImage,
  cacheMountAvailable,
  missingDockerignore,
  // rules: BuildKit's build checks (ids are Docker's check names)
  ...BUILDKIT_RULES,
];

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((rule) => rule.id === id);
}
