// What the builder-runtime-mismatch rule knows of a builder stage and of the runtime it copies
// into, shared by its checks per ecosystem (builder-runtime-mismatch.ts: Python, Node.js, Java;
// nativeBinaryMismatch.ts: Go and Rust binaries and the libc they link).
import { ImageFacts } from '../catalog/facts';
import { Stage, StageModel, StageReference } from '../core/stages';
import { buildText, copyPaths, sourcePath } from './buildArtifacts';
import { FindingFix, RuleResult } from './rule';
import { StageImage } from './support';

export interface Builder {
  stage: Stage;
  image: StageImage;
  facts: ImageFacts;
  /** For builderText: most builders' problems are settled without their text. */
  model: StageModel;
}

export interface Runtime {
  stage: Stage;
  image: StageImage;
  facts: ImageFacts;
  /** Today's date, for which images still get updates. */
  today: string;
}

/** One problem with the artifacts a COPY takes from one builder. */
export interface Problem {
  key: string;
  message: string;
  severity?: RuleResult['severity'];
  /** Ways to make the versions agree (see `versionMatch.ts`). */
  fixes?: FindingFix[];
}

/** RUN, ENV and ARG text of the builder and what it builds on, global ARGs included. */
export function builderText(builder: Builder): string {
  return buildText(builder.stage, builder.model);
}

export function sourcesOf(reference: StageReference): string[] {
  return (copyPaths(reference.instruction)?.sources ?? []).map(sourcePath);
}

export function describe(image: StageImage): string {
  return image.image.text;
}

export function libcName(libc: ImageFacts['libc']): string {
  return libc === 'none' ? 'no libc' : (libc ?? 'an unknown libc');
}
