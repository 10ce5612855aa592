// Go apps whose start needs a shell (`sh -c "app | tee ..."`, an entrypoint script): kept on
// debian:trixie-slim, which has the shell and installs what the script runs; the binary runs on it
// from any builder when static, from a trixie builder when it links the build's libraries (cgo).
import { Stage } from '../../../../core/stages';
import { SHELLS } from '../../../../rules/shellCommands';
import { shellToExecForm } from '../../../../core/commands';
import { BuildContext } from '../../../fix';
import { Declined, SplitPlan, decline } from '../../recipe';
import { rootOnlyStart } from '../../rootOnlyStart';
import { DEBIAN_SLIM_RUNTIME, DebianSlimRuntime } from '../shared/debianSlimRuntime';
import { NativeClosure, nativeClosure } from '../shared/nativeClosure';
import { ShellStart, shellStart, startTexts } from '../shared/shellStart';
import { binaryShellSetup, shellStartNote, withoutShellNote } from '../shared/shellRuntime';
import { StageScan } from '../shared/stageScan';

/** The golang images' ENV PATH is not the runtime's: debian:trixie-slim finds a program by name in these. */
export const DEBIAN_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** The start's shell use, checked against debian:trixie-slim: undefined when the start needs no shell. */
export function goShellStart(stage: Stage, scan: StageScan, buildContext: BuildContext | undefined, isBinary: (program: string) => boolean): ShellStart | Declined | undefined {
  if (rootOnlyStart(stage, buildContext)) {
    return undefined; // the split's own check says which service needs root
  }
  return shellStart({
    ...startTexts(stage),
    workdir: scan.workdir,
    copies: scan.copies,
    buildContext,
    distro: 'debian',
    installed: scan.aptPackages,
    runtimeImage: DEBIAN_SLIM_RUNTIME,
    isAppProgram: isBinary,
    // Plain words (`CMD ./app --port 8080`) run without a shell: the exec form on distroless.
    handlesShellForm: (text) => {
      const words = shellToExecForm(text);
      return words !== undefined && !SHELLS.test(words[0] ?? '') && !/\.(sh|bash)$/.test(words[0] ?? '');
    },
  });
}

export interface GoShellInputs {
  /** A dynamically linked cgo binary. */
  cgo: boolean;
  debian: number | undefined;
  libraries: string[];
  slim: DebianSlimRuntime | Declined | undefined;
  binaries: string[];
  ldLibraryPath: boolean;
  /** The image to suggest building on: `golang:1.27`. */
  suggestedGolang: string;
}

export type GoPlan = (runtimeImage: string, runtimeNotes: string[], extra: { setup?: string[]; closure?: NativeClosure; label?: string }) => SplitPlan;

/**
 * debian:trixie-slim for a start that needs a shell: a static binary runs on it from any builder;
 * packages (libraries of -dev packages, tools the script runs) are installed by Debian 13's names
 * and a dynamically linked cgo binary loads the builder's libraries, so both need a trixie builder.
 */
export function shellPlan(shell: ShellStart, inputs: GoShellInputs, laterNotes: string[], plan: GoPlan): SplitPlan[] | Declined {
  const { cgo, debian, slim } = inputs;
  const trixie = `Build on ${inputs.suggestedGolang} (trixie), then split.`;
  // What the binary itself needs; the script's tools are the shell start's own.
  const libraries = inputs.libraries.filter((name) => !shell.packages.includes(name));
  if (debian !== 13 && shell.packages.length > 0) {
    return decline(`The start runs ${shell.what}, which needs ${shell.packages.join(', ')}; the split installs ${shell.packages.length > 1 ? 'them' : 'it'} on ${DEBIAN_SLIM_RUNTIME} (the start needs a shell, which distroless lacks) by Debian 13's names, for a build on Debian 13 only. ${trixie}`);
  }
  if (cgo && debian !== 13) {
    return decline(`The start runs ${shell.what} and needs a shell, which distroless lacks, so the runtime is ${DEBIAN_SLIM_RUNTIME}; the cgo binary links the build's glibc and libraries, which match that runtime for a build on Debian 13 only. ${trixie}`);
  }
  const closure = cgo && libraries.length === 0 ? nativeClosure({ runtimeImage: DEBIAN_SLIM_RUNTIME, binaries: inputs.binaries, subject: inputs.binaries.length > 1 ? 'the binaries' : 'the binary', ldLibraryPath: inputs.ldLibraryPath }) : undefined;
  if (typeof closure === 'string') {
    return decline(`The cgo binary may link system libraries ${DEBIAN_SLIM_RUNTIME} lacks, and ${closure}; split by hand.`);
  }
  if (libraries.length > 0 && slim && 'declined' in slim) {
    return slim;
  }
  const binarySlim = libraries.length > 0 && slim && !('declined' in slim) ? slim : undefined;
  const needed = binarySlim ? [...binarySlim.packages.needed.keys()] : [];
  const runtime = binarySlim
    ? binarySlim.notes
    : [`Runtime: ${DEBIAN_SLIM_RUNTIME} as non-root, for ${cgo ? 'a cgo binary built on the same Debian release' : 'a static Go binary'}; ca-certificates and tzdata, which distroless has, are installed too.`];
  const notes = [
    ...runtime,
    shellStartNote(shell, DEBIAN_SLIM_RUNTIME, "the app's binaries are copied at the paths the build wrote them"),
    withoutShellNote(cgo ? 'distroless base' : 'distroless static'),
    ...(closure ? [closure.note] : []),
    ...laterNotes,
  ];
  return [plan(DEBIAN_SLIM_RUNTIME, notes, { setup: binaryShellSetup(shell, needed), closure })];
}
