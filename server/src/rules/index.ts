// The rule registry. Adding a rule: write `rules/<id>.ts`, add it here, add `docs/rules/<id>.md`.
import { Rule } from './rule';
import { runtimeNotDistroless } from './runtime-not-distroless';
import { singleStageBuild } from './single-stage-build';

export const ALL_RULES: readonly Rule[] = [singleStageBuild, runtimeNotDistroless];

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((rule) => rule.id === id);
}
