// Go: a static binary (CGO_ENABLED=0) on distroless `static`; with cgo on, `base` (glibc).
// Source of the shape: GoogleContainerTools/distroless examples/go/Dockerfile.
import { Run } from 'dockerfile-ast';
import { commandText } from '../../../core/commands';
import { resolveBaseImage } from '../../../core/stages';
import { SplitRecipe } from '../recipe';
import { nextWorkdir, resolvePath } from '../workdir';

/** The golang images set WORKDIR /go. */
const GOLANG_WORKDIR = '/go';

export const goRecipe: SplitRecipe = {
  ecosystem: 'go',
  plan({ stage }) {
    const { base } = resolveBaseImage(stage);
    const isGolangImage = base.kind === 'image' && /(^|\/)golang$/.test(base.image.repository);
    const initialWorkdir = isGolangImage ? GOLANG_WORKDIR : '/';
    const outputs: string[] = [];
    let cgoEnabled = false;
    let cgoDisabled = false;

    let workdir = initialWorkdir;
    for (const instruction of stage.instructions) {
      const keyword = instruction.getKeyword();
      workdir = nextWorkdir(workdir, instruction);
      const text = commandText(instruction);
      if (keyword === 'ENV' || keyword === 'ARG' || instruction instanceof Run) {
        cgoEnabled ||= /\bCGO_ENABLED=1\b/.test(text);
        cgoDisabled ||= /\bCGO_ENABLED=0\b/.test(text);
      }
      if (!(instruction instanceof Run)) {
        continue;
      }
      for (const command of text.split(/&&|;|\|\|/)) {
        if (!/\bgo\s+build\b/.test(command)) {
          continue;
        }
        const output = outputFlag(command);
        if (!output || output.endsWith('/') || output.includes('$')) {
          return []; // we cannot name the binary: do not guess
        }
        outputs.push(resolvePath(workdir, output));
      }
    }
    if (outputs.length === 0) {
      return [];
    }
    const artifacts = [...new Set(outputs)].map((path) => ({ source: path, target: path }));
    return [{
      runtimeImage: cgoEnabled ? 'gcr.io/distroless/base-debian13:nonroot' : 'gcr.io/distroless/static-debian13:nonroot',
      runtimeNotes: [
        cgoEnabled
          ? 'Runtime: distroless base (glibc, no shell) for a cgo binary, as non-root.'
          : 'Runtime: distroless static (no shell, no libc) for a static Go binary, as non-root.',
      ],
      builderSetup: cgoEnabled || cgoDisabled ? [] : ['ENV CGO_ENABLED=0'],
      artifacts,
      workdir,
      runtimeEnv: [],
      runtimeEntrypoint: [],
      runtimeUser: '65532:65532',
    }];
  },
};

/** The value of `-o` in a `go build` command (`-o path`, `-o=path`). */
function outputFlag(command: string): string | undefined {
  const match = /\s-o(?:=|\s+)("[^"]+"|'[^']+'|\S+)/.exec(command);
  return match?.[1].replace(/^["']|["']$/g, '');
}
