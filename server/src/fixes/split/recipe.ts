// What an ecosystem recipe contributes to the split: which runtime image, which artifacts to
// copy, what the builder needs, and how the start command changes for the runtime image.
// The generic machinery in `splitStages.ts` does the rest.
import { Stage, StageModel } from '../../core/stages';
import { BuildContext } from '../fix';

export interface Artifact {
  /** Absolute path in the builder. */
  source: string;
  /** Absolute path in the runtime stage. */
  target: string;
  /** `--chown` value for paths the non-root app writes (there is no shell to chown later). */
  chown?: string;
}

export type StartKeyword = 'CMD' | 'ENTRYPOINT';

export interface StartCommand {
  keyword: StartKeyword;
  words: string[];
}

export interface SplitPlan {
  /** Names the variant in the action title when a recipe offers several, e.g. `python:3.12-slim runtime`. */
  label?: string;
  /** Replaces the builder's image reference (e.g. a trixie builder for a Debian 13 runtime). */
  builderImage?: string;
  /** Lines inserted right after the builder's FROM (e.g. `ENV CGO_ENABLED=0`). */
  builderSetup: string[];
  /** Lines appended at the end of the builder (e.g. `RUN npm prune --omit=dev` after the build). */
  builderFinish?: string[];
  runtimeImage: string;
  /** Comment lines above the runtime FROM: the choice of image and any assumption made. */
  runtimeNotes: string[];
  /**
   * Lines right after the runtime FROM, before the artifacts are copied (a slim runtime's
   * `apt-get install` and `useradd`), so changed sources do not rebuild them.
   */
  runtimeSetup?: string[];
  artifacts: Artifact[];
  /** The runtime's WORKDIR (usually the builder's final one, so relative paths keep working). */
  workdir: string;
  /** Lines added to the runtime stage after the copied ENVs (e.g. `ENV NODE_ENV=production`). */
  runtimeEnv: string[];
  /** The image's own ENTRYPOINT ([] when it has none): start commands are arguments to it. */
  runtimeEntrypoint: string[];
  /**
   * An ENTRYPOINT the runtime stage sets in place of the image's (exec words), written before the
   * moved start commands, e.g. `["/usr/bin/java"]` so a CMD keeps the JVM options.
   */
  setEntrypoint?: string[];
  /**
   * Numeric user for the runtime stage (Kubernetes `runAsNonRoot` rejects names); '' keeps the
   * image's own (no USER line), for a server that starts as root and serves as its own user (Apache).
   */
  runtimeUser: string;
  /**
   * The runtime's start command for an original one (exec words), or undefined when it cannot
   * run there. Absent: kept as is, and it must start one of the artifacts.
   */
  adaptStart?(command: StartCommand): StartCommand | undefined;
  /**
   * For a shell-form CMD/ENTRYPOINT that uses shell features (`$PORT`, `&&`): an exec-form
   * replacement, `'keep'` to keep it as written (runtimes with a shell), or undefined when it
   * cannot run there. Absent: such a start command makes the split decline.
   */
  adaptShellStart?(keyword: StartKeyword, shellForm: string): StartCommand | 'keep' | undefined;
  /** Added when the original has neither CMD nor ENTRYPOINT; absent: start the first artifact. */
  defaultStart?: StartCommand;
}

/** The builder's name in the split: the stage's own, else `build`. */
export function builderNameOf(stage: Stage): string {
  return stage.name ?? 'build';
}

export interface RecipeInput {
  stage: Stage;
  model: StageModel;
  /** The document text the model was built from (positions in the model refer to it). */
  text: string;
  buildContext?: BuildContext;
  /** Today's date (YYYY-MM-DD), for the end of support of the releases a plan keeps. */
  today: string;
}

/** The recipe recognises the build but cannot split it soundly, and says why (shown to the user). */
export interface Declined {
  declined: string;
  /**
   * The file builds nothing (it copies in an app built outside Docker, or is a base image that
   * neither builds nor starts an app): a builder stage would be empty, so there is nothing to
   * split by nature. Absent: a split is possible but not sound here, or not made yet (a dev
   * server, a missing CMD, a retired image), and a change to the file can make one.
   */
  nothingToBuild?: true;
}

export function decline(reason: string): Declined {
  return { declined: reason };
}

/** A decline for a file that builds nothing: see `Declined.nothingToBuild`. */
export function declineNothingToBuild(reason: string): Declined {
  return { declined: reason, nothingToBuild: true };
}

export function isDeclined<T extends object>(outcome: T | Declined): outcome is Declined {
  return 'declined' in outcome;
}

export interface SplitRecipe {
  ecosystem: string;
  /**
   * The plans when this recipe recognises the build and can split it soundly (the first is
   * preferred); why not when it recognises the build but cannot; [] when the build is not its own.
   */
  plan(input: RecipeInput): SplitPlan[] | Declined;
}
