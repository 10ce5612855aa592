// The fallback for compiled languages without a recipe of their own (C, C++, Crystal, Nim, Zig,
// D, Haskell, Dart, Swift, OCaml...): the start command runs an executable the build compiled, so
// the runtime is distroless `base` (glibc, OpenSSL, zlib; no shell) with that executable, the
// files the app reads beside it, and the shared libraries it loads that `base` lacks, found by ldd
// in the builder (shared/nativeClosure.ts): libstdc++ and libgcc_s come from the builder too, so
// a C++ binary gets the very libstdc++ it was linked with, whatever the builder's distribution.
// Correct by construction, checked when the image builds: the builder's glibc must not be newer
// than the runtime's (a binary linked against a newer glibc does not start on an older one), and
// a library ldd cannot find stops the build.
// Tried last: any ecosystem recipe that knows the build decides first.
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { SHELLS, basename } from '../../../../rules/shellCommands';
import { shellToExecForm } from '../../../../core/commands';
import { BuildContext } from '../../../fix';
import { rootOnlyStart } from '../../rootOnlyStart';
import { Artifact, Declined, SplitRecipe, StartCommand, decline, isDeclined } from '../../recipe';
import { DEBIAN_SLIM_RUNTIME } from '../shared/debianSlimRuntime';
import { readCopiedFile } from '../shared/runTimeWrites';
import { ShellStart, shellStart, startTexts } from '../shared/shellStart';
import { binaryShellSetup, keepsShellForm, keepsShellStart, passedToShellStart, shellScriptArtifacts, shellStartNote, withoutShellNote } from '../shared/shellRuntime';
import { nativeClosure } from '../shared/nativeClosure';
import { runTimeFiles, runTimeFilesNotes } from '../shared/runTimeFiles';
import { ownedWriteFolders } from '../shared/runTimeWrites';
import { SourceWrites, findSourceWrites, sourceWritePlan } from '../shared/sourceWrites';
import { DISTROLESS_NONROOT as NONROOT, contextDirOf, copiedOutsideNote, copiedOutsideSources, leftBehindNotes, mergeWritable, nativeBinaryPlan, privilegedPortNote, runtimePackagesOf, writableDirs, writableVolumes } from '../shared/splitHelpers';
import { StageScan, lastStarts, scanStage } from '../shared/stageScan';
import { Stage, resolveBaseImage } from '../../../../core/stages';

const RUNTIME_IMAGE = 'gcr.io/distroless/base-debian13:nonroot';
/** glibc of Debian 13 (trixie), which distroless base-debian13 ships (packages.debian.org/trixie/libc6: 2.41). */
const RUNTIME_GLIBC = '2.41';
/** Programs that compile native code: a stage that runs one of them builds an executable. */
const COMPILERS = /^(mix|nix|nix-build|cargo|rustc|gcc|g\+\+|cc|c\+\+|clang|clang\+\+|make|cmake|ninja|meson|crystal|shards|nim|nimble|zig|dub|ldc2|dmd|gdc|ghc|cabal|stack|dart|swift|swiftc|gfortran|fpc|dune|opam|ocamlfind|ocamlopt|v|odin|gprbuild|gnatmake|scons)$/;
/** Interpreters and scripts: a start command that runs one is not a compiled executable. */
const NOT_NATIVE = /\.(sh|bash|py|js|mjs|cjs|rb|pl|php|lua|jar|dll|exs?|jl|r|R)$|^(sh|bash|python\d*(\.\d+)?|node|ruby|perl|php|java|dotnet|lua|mix|elixir|erl|iex|npm|yarn|bundle|cargo|crystal|dart|swift|stack|cabal|nim|zig|dub|make|cmake|opam|dune|nix)$/;
/** Packages that only build, fetch or are in distroless base already (CA certificates, time zones). */
const BUILD_ONLY = /^(build-essential|gcc|g\+\+|clang|make|cmake|ninja-build|meson|pkg-config|pkgconf|autoconf|automake|libtool|git|curl|wget|ca-certificates|tzdata|unzip|xz-utils|bzip2|file|patch|python3|perl|bash|gnupg|dirmngr|openssl|software-properties-common|apt-transport-https)$/;
/** Builder lines that stop the build when the program is not an ELF executable or its glibc is newer than the runtime's. */
const checkLines = (binary: string): string[] => [
  `# The start command's ${binary} must be a compiled executable (ELF), not a script: the runtime has no shell.`,
  `RUN [ "$(head -c 4 ${binary} | tail -c 3)" = "ELF" ] || { echo "${binary} is not a compiled executable (a script?), and the runtime has no shell: split by hand." >&2; exit 1; }`,
  ...checkGlibc('distroless base, Debian 13'),
];
/** The same checks for the executables a start script runs on debian:trixie-slim: ldd collects their libraries. */
const shellCheckLines = (binaries: string[]): string[] => [
  `# What the start script runs, ${binaries.join(', ')}, must be ${binaries.length > 1 ? 'compiled executables' : 'a compiled executable'} (ELF): the split collects the libraries ${binaries.length > 1 ? 'they load' : 'it loads'}.`,
  ...binaries.map((binary) => `RUN [ "$(head -c 4 ${binary} | tail -c 3)" = "ELF" ] || { echo "${binary} is not a compiled executable, so the split cannot tell what it needs at run time: split by hand." >&2; exit 1; }`),
  ...checkGlibc(`${SHELL_RUNTIME_IMAGE}, Debian 13`),
];
const checkGlibc = (runtime: string): string[] => [
  `# The runtime (${runtime}) has glibc ${RUNTIME_GLIBC}: a binary linked against a newer one would not start there.`,
  `RUN v=$(getconf GNU_LIBC_VERSION 2>/dev/null | cut -d' ' -f2); [ -n "$v" ] && [ "$(printf '%s\\n' "$v" ${RUNTIME_GLIBC} | sort -V | head -n1)" = "$v" ] \\`,
  `    || { echo "This build has glibc \${v:-none}, newer than the runtime's ${RUNTIME_GLIBC} (or not glibc): build on Debian 13 or older." >&2; exit 1; }`,
];
/** The runtime when the start needs a shell: the same Debian release (13, glibc 2.41) as distroless base, with a shell. */
const SHELL_RUNTIME_IMAGE = DEBIAN_SLIM_RUNTIME;

/** The start's shell use, checked against debian:trixie-slim: undefined when the start needs no shell. */
function nativeShellStart(stage: Stage, scan: StageScan, buildContext: BuildContext | undefined): ShellStart | Declined | undefined {
  if (rootOnlyStart(stage, buildContext)) {
    return undefined; // the split's own check says which service needs root
  }
  const workdir = scan.workdir;
  return shellStart({
    ...startTexts(stage),
    workdir,
    copies: scan.copies,
    buildContext,
    distro: 'debian',
    installed: scan.aptPackages,
    runtimeImage: SHELL_RUNTIME_IMAGE,
    // What the build compiled: a path into the app's folder that no COPY brought from the context
    // (the builder checks that each is an ELF executable).
    isAppProgram: (program) => {
      const path = resolvePath(workdir, program);
      return program.includes('/') && workdir !== '/' && isInside(path, workdir) && path !== workdir && !(buildContext && readCopiedFile(buildContext, scan.copies, path));
    },
    // Plain words (`CMD ./server --port 8080`) run without a shell: the exec form on distroless.
    handlesShellForm: (text) => {
      const words = shellToExecForm(text);
      return words !== undefined && !SHELLS.test(words[0] ?? '') && !/\.(sh|bash)$/.test(words[0] ?? '');
    },
  });
}

/**
 * A relative path of the stage (its start command, a COPY or ADD destination) when the stage sets
 * no WORKDIR and its image is not a Docker Hub official one (those start in /): such an image may
 * set its own WORKDIR (errantmind/debian-faf: /faf), which the split would read as /.
 */
function relativeWithoutWorkdir(stage: Stage, program: string): string | undefined {
  if (stage.instructions.some((instruction) => instruction.getKeyword() === 'WORKDIR')) {
    return undefined;
  }
  const { base } = resolveBaseImage(stage);
  const official = base.kind === 'image' && base.image.registry === undefined && !base.image.repository.replace(/^library\//, '').includes('/');
  if (official) {
    return undefined;
  }
  const destinations = stage.instructions
    .filter((instruction) => ['COPY', 'ADD'].includes(instruction.getKeyword()))
    .map((instruction) => instruction.getArguments().pop()?.getValue() ?? '');
  return [program, ...destinations].find((path) => path !== '' && !path.startsWith('/') && !path.startsWith('$'));
}

export const nativeRecipe: SplitRecipe = {
  ecosystem: 'native',
  plan({ stage, model, text, buildContext }) {
    const scan = scanStage(stage, model, text);
    const compiles = scan.commands.some(({ args }) => COMPILERS.test(basename(args[0] ?? '')) || (/^(sh|bash)$/.test(args[0] ?? '') && args.includes('-c') === false && /(^|\/)(configure|build\.sh)$/.test(args[1] ?? '')));
    if (!compiles) {
      return []; // nothing compiled here: not a native build
    }
    if (scan.commands.some(({ args }) => /^nix(-build)?$/.test(basename(args[0] ?? '')))) {
      return decline('The app is built with Nix: its executable (behind the ./result link) loads glibc and its other libraries from /nix/store, which distroless base does not have, and the split does not follow Nix. Copy the closure by hand (`nix-store -qR ./result` lists it) into a scratch runtime stage, or build on a Debian image, then split.');
    }
    if (scan.commands.some(({ args }) => basename(args[0] ?? '') === 'mix')) {
      // Elixir: without a release the app runs from its sources with Mix, Erlang and Elixir.
      const startsMix = [lastStarts(scan).entrypoint, lastStarts(scan).cmd].some((command) => command && basename(command.words[0] ?? '') === 'mix');
      const why = startsMix
        ? 'started with `mix` it needs Mix, the sources and the whole toolchain at run time'
        : 'a release bundles the Erlang runtime, which loads the build\'s own libraries, so the split cannot tell what a runtime stage needs';
      return decline(`The app is Elixir built with Mix, and the split does not follow Elixir: ${why}. Build a release (\`MIX_ENV=prod mix release\`), copy \`_build/prod/rel/<app>\` by hand into a runtime stage of the same distribution with the libraries the Erlang runtime loads (libstdc++, ncurses, OpenSSL), and start \`bin/<app> start\`.`);
    }
    const starts = lastStarts(scan);
    const start = starts.entrypoint ?? starts.cmd;
    if (start === undefined) {
      return decline('There is no CMD or ENTRYPOINT, so the split cannot tell which executable the build makes for the app; add the start command, then split.');
    }
    // A start that needs a shell (`bash run.sh`, `sh -c "..."`, an entrypoint script): kept on debian:trixie-slim.
    const shell = nativeShellStart(stage, scan, buildContext);
    if (shell && isDeclined(shell)) {
      return shell;
    }
    const shellBinaries = [...new Set((shell?.appCommands ?? []).map((words) => resolvePath(scan.workdir, words[0])))];
    if (shell && shellBinaries.length === 0) {
      return decline(`The start runs ${shell.what}, which runs no executable by its path, so the split cannot tell which one the build compiled; run it by its path in the script (\`exec ./server\`), then split.`);
    }
    if (start === null && !shell) {
      return decline('The start command needs a shell (variables, &&, $(...)), and distroless base has none; write it in exec form (`CMD ["/app/server", "--port", "8080"]`), then split.');
    }
    const program = shell ? shellBinaries[0] : start?.words[0] ?? '';
    const interpreter = /^(python\d*(\.\d+)?|node|ruby|perl|php|java|dotnet)$/.exec(basename(program))?.[1];
    if (interpreter) {
      // An interpreter installed on a plain OS image: the language's recipe needs its official image to pick a runtime.
      return decline(`The app runs on \`${interpreter}\` installed on ${stage.baseText}, not on the language's official image, which the split needs to pick a runtime of the same version; build on it (python:3.13-slim-trixie, node:24-trixie-slim...), then split.`);
    }
    if (NOT_NATIVE.test(basename(program))) {
      return decline(`The container starts \`${program}\`, not an executable the build compiled; the split handles apps started as their compiled binary (\`CMD ["./server"]\`).`);
    }
    if (!program.includes('/')) {
      return decline(`The start command runs \`${program}\` by name from PATH, so the split cannot tell which file it is; start it by its path (\`CMD ["/usr/local/bin/${program}"]\`), then split.`);
    }
    if (scan.workdir === '' || scan.envFromArg || scan.onbuild) {
      return decline('A WORKDIR or ENV takes its value from a build argument or an unknown variable (or ONBUILD adds steps), so the split cannot tell the paths. Give the ARG a default (the split then uses it) or write the value out, then split.');
    }
    if (stage.baseText.includes('$')) {
      return decline('The base image comes from a build argument, so the split cannot check its C library; write the image, then split.');
    }
    if (/(^|\/)nix(os)?\//.test(stage.baseText) || /(^|[/:-])(alpine|musl)/.test(stage.baseText)) {
      return decline('The executable is built against a C library other than Debian\'s glibc (Alpine\'s musl, or Nix\'s own store), which distroless base cannot load; build on a Debian or Ubuntu image, then split.');
    }
    const unknownWorkdir = relativeWithoutWorkdir(stage, program);
    if (unknownWorkdir) {
      return decline(`The Dockerfile sets no WORKDIR and uses relative paths (${unknownWorkdir}), which start from the WORKDIR of ${stage.baseText}, an image the split does not know; write it out (\`WORKDIR /app\` after FROM, or the image's own: \`docker inspect -f '{{.Config.WorkingDir}}' ${stage.baseText}\`), then split.`);
    }
    // Packages the app uses at run time that are not libraries ldd would find (Qt's QML modules,
    // an emulator the start script runs, fonts): distroless has no package manager to add them.
    const runtimePackages = runtimePackagesOf(scan, BUILD_ONLY).filter((name) => (!/^lib[\w.+-]*\d[\w.+-]*$/.test(name) || /-(plugin|plugins|data|common)$/.test(name)) && !(shell?.packages.includes(name) ?? false));
    if (runtimePackages.length > 0) {
      return decline(`The build installs ${runtimePackages.join(', ')}, which the app may use at run time (programs, plugins, data), and distroless has no package manager to add ${runtimePackages.length > 1 ? 'them' : 'it'}; split by hand onto a -slim image of the build's Debian with ${runtimePackages.length > 1 ? 'them' : 'it'} installed.`);
    }
    const binary = resolvePath(scan.workdir, program);
    const volumes = writableVolumes(scan, NONROOT);
    if (!volumes) {
      return decline('A VOLUME uses an unknown variable, so the split cannot tell which directory the app writes. Write the path out, then split.');
    }
    const runtimeImage = shell ? SHELL_RUNTIME_IMAGE : RUNTIME_IMAGE;
    const binaries = shell ? shellBinaries : [binary];
    const terminfo = !shell && [...scan.aptPackages, ...scan.apkPackages].some((name) => /ncurses/.test(name)); // debian:trixie-slim has its own
    const closure = nativeClosure({ runtimeImage, binaries, subject: binaries.length > 1 ? 'the executables' : 'the executable', terminfo });
    if (typeof closure === 'string') {
      return decline(`The split cannot collect the executable's libraries: ${closure}.`);
    }
    const readAtRunTime = runTimeFiles(scan, buildContext, scan.workdir);
    const dataFiles = readAtRunTime.paths.filter((path) => !isInside(binary, path));
    const outside = copiedOutsideSources(scan, [scan.workdir]).filter((artifact) => !isInside(binary, artifact.source));
    const writes = ownedWriteFolders(buildContext, scan.copies, scan.workdir, scan.workdir, NONROOT);
    const copied: Artifact[] = [
      ...binaries.map((path) => ({ source: path, target: path })),
      ...dataFiles.map((path) => ({ source: path, target: path })).filter((artifact) => !binaries.some((path) => isInside(path, artifact.source))),
      ...writes.artifacts,
      closure.artifact,
      ...outside,
      ...mergeWritable(volumes.artifacts, writableDirs(scan, [binary, scan.workdir], NONROOT)),
    ];
    // The split reads only Swift's file-creating calls among these languages, so it cannot tell all
    // the app writes where it runs: the original ran as root there, and the working folder stays
    // writable, said in a note; the folders Swift sources create files in are owned too.
    const swift = scan.commands.some(({ args }) => /^swiftc?$/.test(basename(args[0] ?? '')));
    const found: SourceWrites = swift ? findSourceWrites(buildContext, contextDirOf(scan, scan.workdir, ['Package.swift']), scan.workdir, 'swift') : { workdir: false, folders: [], evidence: [] };
    const sourceWrites: SourceWrites = { workdir: true, folders: found.folders.filter((folder) => !writes.artifacts.some((artifact) => isInside(folder, artifact.source))), evidence: found.evidence };
    const writePlan = scan.workdir === '/' ? undefined : sourceWritePlan(sourceWrites, copied, scan.workdir, (path) => path, NONROOT, NONROOT);
    const placed: Artifact[] = [...(writePlan?.first ?? []), ...copied, ...(writePlan?.last ?? [])];
    const artifacts: Artifact[] = [...placed, ...shellScriptArtifacts(shell, placed)];
    const names = binaries.map((path) => basename(path)).join(' and ');
    const notes = [
      ...(shell
        ? [
          `Runtime: ${SHELL_RUNTIME_IMAGE} as non-root, for the compiled executable; ca-certificates and tzdata, which distroless base has, are installed too, and the libraries it loads come from the build.`,
          shellStartNote(shell, SHELL_RUNTIME_IMAGE, `the executable${binaries.length > 1 ? 's' : ''} it runs ${binaries.length > 1 ? 'are' : 'is'} copied at the same path${binaries.length > 1 ? 's' : ''}`),
          withoutShellNote('distroless base'),
          `Assumes ${names} ${binaries.length > 1 ? 'are the executables' : 'is the executable'} the build compiled (the start script runs ${binaries.length > 1 ? 'them' : 'it'}); the build stops if ${binaries.length > 1 ? 'one is not' : 'it is not'} or its glibc is newer than the runtime's.`,
        ]
        : [
          'Runtime: distroless base (glibc, OpenSSL, zlib; no shell) for the compiled executable, as non-root; libstdc++ and the rest come from the build.',
          `Assumes ${basename(binary)} is the executable the build compiled (the original starts it); the build stops if its glibc is newer than the runtime's.`,
        ]),
      closure.note,
      ...runTimeFilesNotes({ ...readAtRunTime, paths: dataFiles }, scan.workdir),
      ...copiedOutsideNote(outside),
      ...writes.notes,
      ...(writePlan && sourceWrites.folders.length > 0 ? [`Owned by uid 65532, since the Swift sources create files there: ${sourceWrites.folders.join(', ')} (${sourceWrites.evidence.join('; ')}).`] : []),
      writePlan
        ? `${scan.workdir} is writable by uid 65532: the original ran there as root, and the split ${swift ? 'reads only the Swift file-creating calls (FileManager, write(to:))' : 'does not read this language\'s sources'} to tell what the app writes. ${swift ? 'Another' : 'A'} folder in it the app writes into needs a COPY --chown=65532:65532 of its own.`
        : 'Files the app writes at run time need a writable folder (/ is read-only to uid 65532): a VOLUME, or a COPY --chown=65532:65532 of that folder.',
      ...leftBehindNotes(scan),
      ...privilegedPortNote(scan),
    ];
    const adapt = (command: StartCommand): StartCommand | undefined => {
      if (keepsShellStart(command, shell) || passedToShellStart(command, shell)) {
        return command;
      }
      const first = command.words[0] ?? '';
      if (first.includes('/') && resolvePath(scan.workdir, first) === binary) {
        return { keyword: command.keyword, words: [binary, ...command.words.slice(1)] };
      }
      return command.keyword === 'CMD' && starts.entrypoint ? command : undefined; // arguments to the executable
    };
    return [{
      ...nativeBinaryPlan({
        builderSetup: volumes.setup,
        builderFinish: ['', ...(shell ? shellCheckLines(binaries) : checkLines(binary)), ...closure.builderLines, ...(writePlan ? ['', ...writePlan.builderLines] : [])],
        runtimeImage,
        runtimeNotes: notes,
        runtimeSetup: shell ? binaryShellSetup(shell, []) : undefined,
        artifacts,
        workdir: scan.workdir,
        adaptStart: adapt,
        adaptShellStart: (keyword) => (keepsShellForm(keyword, shell) ? 'keep' : undefined),
      }),
      runtimeEnv: closure.runtimeEnv,
    }];
  },
};
