// What an ecosystem recipe contributes to the split: which runtime image, which artifacts to
// copy, and what the builder needs. The generic machinery in `splitStages.ts` does the rest.
import { Stage, StageModel } from '../../core/stages';

export interface Artifact {
  /** Absolute path in the builder. */
  source: string;
  /** Absolute path in the runtime stage. */
  target: string;
}

export interface SplitPlan {
  runtimeImage: string;
  /** One line explaining the runtime choice, written as a comment above its FROM. */
  runtimeNote: string;
  /** Lines inserted right after the builder's FROM (e.g. `ENV CGO_ENABLED=0`). */
  builderSetup: string[];
  artifacts: Artifact[];
  /** The builder's final working directory; the runtime uses it too, so relative start commands keep working. */
  workdir: string;
  /** The image's own ENTRYPOINT, so a CMD can be adapted to it ([] when there is none). */
  runtimeEntrypoint: string[];
  /** Numeric user for the runtime stage (Kubernetes `runAsNonRoot` rejects names). */
  runtimeUser: string;
}

export interface SplitRecipe {
  ecosystem: string;
  /** A plan when this recipe recognises the build and can split it soundly; else undefined. */
  plan(stage: Stage, model: StageModel): SplitPlan | undefined;
}
