// Whether a Dockerfile already relies on BuildKit: a `# syntax=` parser directive, or a feature
// the legacy builder rejects (`RUN --mount`/`--network`/`--security`, heredocs, `COPY --link`,
// `--parents`, `--exclude`). Hints that add BuildKit-only syntax (cache mounts) are offered only
// then, so files built with the legacy builder, Kaniko or older CI images stay quiet.
import { Add, Copy, Run } from 'dockerfile-ast';
import { StageModel } from '../core/stages';

const RUN_FLAGS = new Set(['mount', 'network', 'security']);
const COPY_FLAGS = new Set(['link', 'parents', 'exclude']);

export function usesBuildKit(model: StageModel, lines: readonly string[]): boolean {
  return hasSyntaxDirective(lines) || model.stages.some((stage) => stage.instructions.some(buildKitOnly));
}

/** Parser directives are the `# name=value` lines before anything else. */
function hasSyntaxDirective(lines: readonly string[]): boolean {
  for (const line of lines) {
    const directive = /^\s*#\s*([A-Za-z]+)\s*=/.exec(line);
    if (!directive) return false;
    if (directive[1].toLowerCase() === 'syntax') return true;
  }
  return false;
}

function buildKitOnly(instruction: unknown): boolean {
  if (instruction instanceof Run) {
    return hasHeredoc(instruction) || instruction.getFlags().some((flag) => RUN_FLAGS.has(flag.getName().toLowerCase()));
  }
  if (instruction instanceof Copy || instruction instanceof Add) {
    const heredocs = instruction instanceof Copy && hasHeredoc(instruction);
    return heredocs || instruction.getFlags().some((flag) => COPY_FLAGS.has(flag.getName().toLowerCase()));
  }
  return false;
}

/** Cheap first: a heredoc needs `<<`, and getHeredocs() scans the instruction's lines. */
function hasHeredoc(instruction: Run | Copy): boolean {
  return instruction.getTextContent().includes('<<') && instruction.getHeredocs().length > 0;
}
