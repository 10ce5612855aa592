// The rule registry. Adding a rule: write `rules/<id>.ts`, add it here, add `docs/rules/<id>.md`,
// and a test under `test/unit/rules/`. The order here is the order of findings at one position.
import { Rule } from './rule';
import { runtimeNotDistroless } from './runtime-not-distroless';
import { singleStageBuild } from './single-stage-build';
// imports: shell-less runtime and commands
// imports: stages, users and tags
// imports: image facts and compatibility

export const ALL_RULES: readonly Rule[] = [
  singleStageBuild,
  runtimeNotDistroless,
  // rules: shell-less runtime and commands
  // rules: stages, users and tags
  // rules: image facts and compatibility
];

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((rule) => rule.id === id);
}
