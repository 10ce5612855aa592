// Go: a static binary (CGO_ENABLED=0) on distroless `static`; with cgo on, `base` (glibc), or
// `cc` (adds libstdc++ and libgcc) when the build installs a C++ compiler. A cgo binary links the
// builder's glibc, so the builder must be Debian 13 (trixie) or older: the golang images are, an
// Alpine one (musl) is not. A dynamically linked cgo binary built on Debian 13 gets the native
// closure (shared/nativeClosure.ts): the build copies the libraries ldd finds the runtime lacks
// (those of the -dev packages it installs, libstdc++ for C++ code), or stops. For -dev packages,
// debian:trixie-slim with their runtime packages is the second variant; it is the only one when
// the build installs programs the app may run (ffmpeg). Either needs a trixie builder, so the
// library versions match the runtime's. When nothing in the builder runs what it compiles, the
// builder runs natively (`--platform=$BUILDPLATFORM`) and cross-compiles for `$TARGETOS/$TARGETARCH`,
// in a Dockerfile that already needs BuildKit (shared/nativeBuilder.ts).
// Sources: GoogleContainerTools/distroless examples/go/Dockerfile (static, CGO_ENABLED=0),
// base/README.md and cc/README.md (what each image adds), docker-library/golang (PATH
// /go/bin:/usr/local/go/bin:..., WORKDIR /go, GOPATH /go).
import { lookupImage } from '../../../../catalog/catalog';
import { newestSupported } from '../../../../catalog/languageReleases';
import { Stage, resolveBaseImage } from '../../../../core/stages';
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { basename } from '../../../../rules/shellCommands';
import { BuildContext } from '../../../fix';
import { Artifact, Declined, SplitRecipe, StartCommand, decline, declineNothingToBuild } from '../../recipe';
import { DEBIAN_SLIM_RUNTIME, debianSlimRuntime } from '../shared/debianSlimRuntime';
import { buildsWithBuildKit, nativeBuilderNote } from '../shared/nativeBuilder';
import { closureDebian, nativeClosure } from '../shared/nativeClosure';
import { GoOutput, goOutputs, requiresCgo, usesSqlite } from './goBuild';
import { DISTROLESS_NONROOT as NONROOT, contextDirOf, copiedOutsideNote, copiedOutsideSources, leftBehindNotes, mergeWritable, nativeBinaryPlan, privilegedPortNote, writableDirs, writableVolumes } from '../shared/splitHelpers';
import { runTimeFiles, runTimeFilesNotes } from '../shared/runTimeFiles';
import { ownedWriteFolders } from '../shared/runTimeWrites';
import { findSourceWrites, sourceWritePlan } from '../shared/sourceWrites';
import { StageScan, lastStarts, scanStage } from '../shared/stageScan';
import { keepsShellForm, keepsShellStart, passedToShellStart, shellScriptArtifacts } from '../shared/shellRuntime';
import { DEBIAN_PATH, GoPlan, goShellStart, shellPlan } from './goShellStart';

/** The golang images set WORKDIR /go and GOPATH /go; elsewhere GOPATH is $HOME/go. */
const GOLANG_WORKDIR = '/go';
/** Directories on the golang images' PATH, where a start command finds a binary by name. */
const GOLANG_PATH = ['/go/bin', '/usr/local/go/bin', '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
/** Packages that only build: a cgo binary does not load anything from them. */
const BUILD_ONLY = /^(build-essential|gcc|g\+\+|clang|make|cmake|pkg-config|pkgconf|git|curl|wget|ca-certificates|tzdata|unzip|xz-utils|upx|upx-ucl|bash|libc6-dev|libc-dev|musl-dev|build-base|linux-headers|protobuf-compiler|protobuf-dev|protoc|binutils)$/;
const CXX = /^(build-essential|g\+\+|clang|build-base)$/;
/** Commands that neither run the Go code nor need the target architecture: the builder may run natively. */
const NATIVE_SAFE = /^(apk|apt-get|apt|mkdir|cp|mv|rm|ln|cd|ls|cat|echo|chmod|chown|touch|git|true|:|set|export|test|\[|upx)$/;
const GO_NATIVE_SAFE = /^(build|mod|vet|env|version|list)$/;

export const goRecipe: SplitRecipe = {
  ecosystem: 'go',
  plan({ stage, model, text, buildContext, today }) {
    // The Go release to suggest building on: the newest the catalog says is supported today.
    const suggestedGolang = `golang:${newestSupported('golang', today)?.version ?? 'latest'}`;
    const { base } = resolveBaseImage(stage);
    const lookup = base.kind === 'image' ? lookupImage(base.image) : undefined;
    const golang = lookup?.entry?.id === 'golang';
    const scan = scanStage(stage, model, text, golang ? GOLANG_WORKDIR : '/');
    const builds = goOutputs(scan, golang ? '/go' : (scan.env.get('GOPATH') ?? '/root/go'), buildContext);
    if ('unnamed' in builds) {
      return decline(builds.unnamed);
    }
    if (builds.outputs.length === 0) {
      // No Go build here (or only `go install tool@version`): on the golang image, say why.
      return golang ? withoutBuild(scan, base.kind === 'image' ? base.image.tag : undefined) : [];
    }
    if (scan.onbuild || scan.envFromArg || scan.workdir === '') {
      return decline('A WORKDIR or ENV takes its value from a build argument or an unknown variable (or ONBUILD adds steps), so the split cannot tell the paths. Give the ARG a default (the split then uses it) or write the value out, then split.');
    }
    const cgoSetting = builds.outputs.map((output) => output.cgo).find((value) => value !== undefined) ?? cgoFromStage(stage);
    const packages = [...scan.aptPackages, ...scan.apkPackages];
    // A C library's headers, or a go.mod dependency that needs cgo: the build means cgo to be on.
    const cgoWanted = requiresCgo(buildContext, scan, scan.workdir) || packages.some((name) => name.endsWith('-dev') && !BUILD_ONLY.test(name));
    // Without the build context go.mod cannot be read (go-sqlite3 needs cgo): keep what the
    // original built, the image's default, cgo on where the golang image has gcc (its Debian
    // variants), instead of guessing CGO_ENABLED=0 (review round 8: a go-sqlite3 app).
    const cgoUnknown = cgoSetting === undefined && !cgoWanted && !buildContext && golang && lookup?.facts.libc !== 'musl';
    const cgo = cgoSetting === '1' || (cgoSetting === undefined && (cgoWanted || cgoUnknown));
    const staticLink = builds.outputs.every((output) => output.staticLink);
    if (cgo && !staticLink) {
      if (lookup?.facts.libc === 'musl') {
        return decline(`The binary is built with cgo on Alpine, so it links musl, and the distroless images are glibc. Build on ${suggestedGolang} (Debian) or set CGO_ENABLED=0, then split.`);
      }
      if (!golang && (lookup?.facts.debian === undefined || lookup.facts.debian > 13)) {
        return decline(`The binary is built with cgo on an image whose glibc the split cannot compare with distroless Debian 13. Build on ${suggestedGolang} (trixie), then split.`);
      }
    }
    // What the runtime must install: programs or data the app uses (ffmpeg, fonts) always, and the
    // libraries behind -dev packages when the binary links them dynamically.
    const libraries = packages.filter((name) => !BUILD_ONLY.test(name) && (!name.endsWith('-dev') || (cgo && !staticLink)));
    const headers = libraries.filter((name) => name.endsWith('-dev'));
    // A dynamically linked cgo binary that runs no installed program gets the native closure: the
    // build copies the libraries ldd finds the runtime lacks (those of the -dev packages, libstdc++
    // for C++ code), on the runtime's Debian release only. debian:trixie-slim is the second variant
    // for -dev packages, the only one when the app runs a program the build installs.
    const debian = lookup?.facts.debian;
    const closureWanted = cgo && !staticLink && headers.length === libraries.length && (closureDebian(debian) || headers.length > 0);
    if (closureWanted && !closureDebian(debian)) {
      return decline(`The cgo build installs ${headers.join(', ')}, whose libraries the binary loads at run time and distroless lacks. The split copies them out of the build (or installs them on ${DEBIAN_SLIM_RUNTIME}) for a build on Debian 12 or 13 only, whose libraries the runtime's Debian 13 can load (a newer build's could need a newer glibc). Build on ${suggestedGolang} (trixie), then split.`);
    }
    const slim = libraries.length > 0
      ? debianSlimRuntime({ subject: cgo ? 'The cgo build' : 'The build', libraries, scan, debian, buildOnly: BUILD_ONLY, trixieBuilder: `${suggestedGolang} (trixie)` })
      : undefined;
    if (slim && 'declined' in slim && !closureWanted) {
      return slim;
    }
    const starts = lastStarts(scan);
    const outputs = builds.outputs;
    const resolve = (program: string): GoOutput | undefined => findOutput(program, scan.workdir, outputs, golang);
    // A start that needs a shell (`sh -c "app | tee ..."`, an entrypoint script): kept on debian:trixie-slim.
    const shell = goShellStart(stage, scan, buildContext, (program) => shellBinary(program, resolve(program), scan.workdir, golang) !== undefined);
    if (shell && 'declined' in shell) {
      return shell;
    }
    const shellBinaries = [...new Set((shell?.appCommands ?? []).map((words) => shellBinary(words[0], resolve(words[0]), scan.workdir, golang) ?? ''))];
    if (shell && shellBinaries.length === 0) {
      return decline(`The start runs ${shell.what}, which runs none of the binaries the build makes, so the split cannot tell what to copy; start the binary from it (\`exec /app/server\`), then split.`);
    }
    const first = shell ? shell.appCommands[0][0] : (starts.entrypoint ?? starts.cmd)?.words[0];
    const started = first === undefined ? undefined : resolve(first);
    if (first !== undefined && builds.tools.includes(first)) {
      return decline(`The start command runs \`${first}\`, a tool \`go install\` fetched for the build, not the app's binary; split by hand.`);
    }
    if (first === undefined && (outputs.length > 1 || outputs[0].isDirectory)) {
      return decline('There is no CMD or ENTRYPOINT, and the build makes several binaries: add the start command, then split.');
    }
    const startedPath = started?.isDirectory ? resolveProgram(first ?? '', scan.workdir, started, golang) : started?.path;
    const binaries = [...new Set(outputs.filter((output) => !output.isDirectory || output === started).map((output) => (output === started && startedPath ? startedPath : output.path)))];
    const ordered = startedPath ? [startedPath, ...binaries.filter((path) => path !== startedPath)] : binaries;
    const notCopied = shellBinaries.find((path) => !ordered.includes(path));
    if (notCopied) {
      return decline(`The start runs ${notCopied}, one of several binaries \`go install\` writes to the same folder, and the split copies only the one the start names first; start one binary, then split.`);
    }
    const volumes = writableVolumes(scan, NONROOT);
    if (!volumes) {
      return decline('A VOLUME uses an unknown variable, so the split cannot tell which directory the app writes. Write the path out, then split.');
    }
    // The source folders: the WORKDIR and wherever a go command runs.
    const sources = [...new Set([scan.workdir, ...scan.commands.filter((command) => command.args[0] === 'go').map((command) => command.cwd)])];
    const outside = copiedOutsideSources(scan, sources).filter((artifact) => !ordered.some((path) => isInside(path, artifact.source)));
    // Templates, static files, config beside the sources: the binary opens them relative to the
    // WORKDIR at run time, unless go:embed put them into it.
    const goContextDir = contextDirOf(scan, scan.workdir, ['go.mod', 'go.sum']);
    const embedded = embeddedFolders(buildContext, goContextDir);
    // A folder of Go code (a `config` package) is compiled into the binary, not read beside it.
    const goPackage = (entry: string) => entry.endsWith('/') && goContextDir !== undefined && (buildContext?.listDirectory?.(`${goContextDir === '' ? '' : `${goContextDir}/`}${entry.slice(0, -1)}`) ?? []).some((name) => name.endsWith('.go'));
    const readAtRunTime = runTimeFiles(scan, buildContext, scan.workdir, undefined, (entry) => embedded.has(entry.replace(/\/$/, '')) || goPackage(entry));
    const dataFiles = readAtRunTime.paths.filter((path) => !ordered.some((binary) => isInside(binary, path) || isInside(path, binary)));
    // Without the build context the app's folder cannot be listed: what the binary reads there
    // (templates, static files) and writes (uploads, a SQLite file) is unknown, so the whole
    // folder goes over, writable, as in the original (review round 8: three of four such apps
    // read or wrote files beside the binary). GOPATH itself holds the module cache: not copied.
    const wholeWorkdir = readAtRunTime.unknown && !buildContext && scan.workdir !== '/' && scan.workdir !== GOLANG_WORKDIR;
    // What the app writes where it runs: folders its sources create files in (os.Create), and a
    // SQLite database (a relative path, so the WORKDIR itself must be writable).
    const sqlite = usesSqlite(buildContext, scan, scan.workdir) && scan.workdir !== '/';
    const writes = ownedWriteFolders(buildContext, scan.copies, scan.workdir, scan.workdir, NONROOT);
    const sourceWrites = findSourceWrites(buildContext, goContextDir, scan.workdir, 'go');
    if (sqlite) {
      sourceWrites.workdir = true;
      sourceWrites.evidence.push('a SQLite driver in go.mod');
    }
    sourceWrites.folders = sourceWrites.folders.filter((folder) => !writes.artifacts.some((artifact) => isInside(folder, artifact.source)));
    // Without the build context the sources cannot be read for what they write: the working
    // folder, where the original wrote as root, stays writable (as in the compiled fallback).
    const writesUnknown = !buildContext && !wholeWorkdir && scan.workdir !== '/' && scan.workdir !== GOLANG_WORKDIR && !sourceWrites.workdir;
    if (writesUnknown) {
      sourceWrites.workdir = true;
    }
    const copied: Artifact[] = [
      ...(wholeWorkdir ? [{ source: scan.workdir, target: scan.workdir, chown: NONROOT }] : []),
      ...ordered.filter((path) => !wholeWorkdir || !isInside(path, scan.workdir)).map((path) => ({ source: path, target: path })),
      ...(wholeWorkdir ? [] : dataFiles).map((path) => ({ source: path, target: path })),
      ...writes.artifacts,
      ...outside,
      ...mergeWritable(volumes.artifacts, writableDirs(scan, [...ordered, scan.workdir], NONROOT)),
    ];
    const plannedWrites = sourceWritePlan(sourceWrites, copied, scan.workdir, (path) => path, NONROOT, NONROOT);
    const writePlan = writesUnknown
      ? { ...plannedWrites, notes: [`${scan.workdir} is writable by uid 65532: the original ran there as root, and without the build context the split cannot read the sources to tell what the app writes.`] }
      : plannedWrites;
    const artifacts: Artifact[] = [...writePlan.first, ...copied, ...writePlan.last];
    const cxx = packages.some((name) => CXX.test(name));
    const distrolessImage = !cgo || staticLink ? 'gcr.io/distroless/static-debian13:nonroot' : cxx ? 'gcr.io/distroless/cc-debian13:nonroot' : 'gcr.io/distroless/base-debian13:nonroot';
    const canCrossCompile = !cgo && crossCompiles(stage, scan, outputs);
    const native = canCrossCompile && buildsWithBuildKit(model, text);
    const distrolessNote = !cgo || staticLink
      ? 'Runtime: distroless static (no shell, no libc) for a static Go binary, as non-root.'
      : cxx
        ? 'Runtime: distroless cc (glibc, libstdc++; no shell) for a cgo binary (the build installs a C++ compiler), as non-root.'
        : 'Runtime: distroless base (glibc, no shell) for a cgo binary, as non-root.';
    // A start by name (`CMD ["hotapp"]`) found the binary on the golang image's PATH (/go/bin):
    // the runtime's PATH gets that folder too, so `docker run <image> hotapp -flag` still works.
    const nameFolder = first !== undefined && !first.includes('/') && startedPath ? startedPath.slice(0, startedPath.lastIndexOf('/')) : undefined;
    const pathEnv = nameFolder !== undefined && !DEBIAN_PATH.includes(nameFolder) ? [`ENV PATH=${nameFolder}:$PATH`] : [];
    const pathNote = pathEnv.length > 0 ? [`Puts ${nameFolder} on PATH, as the golang image had it, so the binary still runs by name (\`docker run <image> ${first} <flags>\`).`] : [];
    const laterNotes = [
      ...(cgoSetting === undefined && !cgo ? ['Sets CGO_ENABLED=0: assumes no dependency needs cgo (go-sqlite3 does: then set CGO_ENABLED=1 for the base image).'] : []),
      ...(cgoUnknown ? [`Without go.mod beside the Dockerfile the split cannot tell whether a dependency needs cgo (go-sqlite3 does), so the build keeps the golang image's default, cgo on: the binary links glibc. Beside its sources the split can choose distroless static.`] : []),
      ...(native ? ['The builder runs natively (--platform=$BUILDPLATFORM) and cross-compiles for $TARGETOS/$TARGETARCH.'] : []),
      ...(canCrossCompile && !native ? [nativeBuilderNote('The builder', '`FROM --platform=$BUILDPLATFORM`, cross-compiling with `ARG TARGETOS TARGETARCH` and `ENV GOOS=$TARGETOS GOARCH=$TARGETARCH`')] : []),
      ...(first !== undefined && started?.isDirectory ? [`Assumes \`${basename(startedPath ?? '')}\` is one of the binaries the build writes to ${started.path}.`] : []),
      ...copiedOutsideNote(outside),
      ...(wholeWorkdir
        ? [`Without the build context the split cannot see which files in ${scan.workdir} the app reads or writes at run time (templates, static files, uploads, a SQLite file), so it copies all of ${scan.workdir}, sources too, owned by uid 65532, which can write there as the original (root) could. Beside its sources the split copies only the binary and what it uses.`]
        : runTimeFilesNotes({ ...readAtRunTime, paths: dataFiles }, scan.workdir)),
      ...(embedded.size > 0 ? [`Leaves out what go:embed puts into the binary (${[...embedded].join(', ')}).`] : []),
      ...writes.notes,
      ...writePlan.notes,
      ...leftBehindNotes(scan),
      ...privilegedPortNote(scan),
      ...pathNote,
    ];
    const adapt = (command: StartCommand): StartCommand | undefined => {
      if (keepsShellStart(command, shell) || passedToShellStart(command, shell)) {
        return command;
      }
      const program = command.words[0] ?? '';
      const output = resolve(program);
      if (output) {
        const path = output.isDirectory ? resolveProgram(program, scan.workdir, output, golang) : output.path;
        return path && ordered.includes(path) ? { keyword: command.keyword, words: [path, ...command.words.slice(1)] } : undefined;
      }
      return command.keyword === 'CMD' && starts.entrypoint ? command : undefined; // arguments to the binary
    };
    const env = [...(cgoSetting === undefined && !cgo ? ['CGO_ENABLED=0'] : []), ...(native ? ['GOOS=$TARGETOS', 'GOARCH=$TARGETARCH'] : [])];
    const plan: GoPlan = (runtimeImage, runtimeNotes, extra) => nativeBinaryPlan({
      label: extra.label,
      builderImage: native && base.kind === 'image' ? `--platform=$BUILDPLATFORM ${stage.baseText}` : undefined,
      builderSetup: [...(native ? ['ARG TARGETOS TARGETARCH'] : []), ...(env.length > 0 ? [`ENV ${env.join(' ')}`] : []), ...volumes.setup],
      builderFinish: [...(writePlan.builderLines.length > 0 ? ['', ...writePlan.builderLines] : []), ...(extra.closure?.builderLines ?? [])],
      runtimeImage,
      runtimeNotes,
      runtimeSetup: extra.setup ?? [],
      artifacts: [...artifacts, ...shellScriptArtifacts(shell, artifacts), ...(extra.closure ? [extra.closure.artifact] : [])],
      workdir: scan.workdir,
      runtimeEnv: [...pathEnv, ...(extra.closure?.runtimeEnv ?? [])],
      adaptStart: adapt,
      adaptShellStart: (keyword) => (keepsShellForm(keyword, shell) ? 'keep' : undefined),
    });
    if (shell) {
      return shellPlan(shell, { cgo: cgo && !staticLink, debian, libraries, slim, binaries: ordered, ldLibraryPath: scan.env.has('LD_LIBRARY_PATH'), suggestedGolang }, laterNotes, plan);
    }
    const slimPlan = slim && !('declined' in slim) ? plan(DEBIAN_SLIM_RUNTIME, [...slim.notes, ...laterNotes], { setup: slim.setup }) : undefined;
    if (!closureWanted) {
      return [slimPlan ?? plan(distrolessImage, [distrolessNote, ...laterNotes], {})];
    }
    const subject = ordered.length > 1 ? 'the binaries' : 'the binary';
    const closure = nativeClosure({ runtimeImage: distrolessImage, binaries: ordered, subject, ldLibraryPath: scan.env.has('LD_LIBRARY_PATH') });
    if (typeof closure === 'string') {
      return decline(`The cgo binary may link system libraries distroless lacks, and ${closure}; split by hand.`);
    }
    const why = headers.length > 0 ? `the build installs ${headers.join(', ')}` : 'a cgo build may link any library of the build image (libstdc++ for C++ code)';
    const closureNotes = [distrolessNote, `It may link system libraries the image lacks: ${why}.`, closure.note, ...laterNotes];
    const image = distrolessImage.includes('/cc-') ? 'cc' : 'base';
    return slimPlan
      ? [plan(distrolessImage, closureNotes, { closure, label: `distroless ${image}, libraries copied from the build` }), { ...slimPlan, label: `${DEBIAN_SLIM_RUNTIME} runtime` }]
      : [plan(distrolessImage, closureNotes, { closure })];
  },
};

/** The binary a command of the start script runs: by path, or by name from the runtime's PATH. */
function shellBinary(program: string, output: GoOutput | undefined, workdir: string, golang: boolean): string | undefined {
  const path = output && resolveProgram(program, workdir, output, golang);
  return path && (program.includes('/') || DEBIAN_PATH.includes(path.slice(0, path.lastIndexOf('/')))) ? path : undefined;
}

/**
 * The top folders and files that `//go:embed` directives in the module's root package name:
 * they are inside the binary, so the runtime needs no copy.
 */
function embeddedFolders(context: BuildContext | undefined, contextDir: string | undefined): Set<string> {
  const embedded = new Set<string>();
  if (!context || contextDir === undefined) {
    return embedded;
  }
  const prefix = contextDir === '' ? '' : `${contextDir}/`;
  for (const file of (context.listDirectory?.(contextDir) ?? []).filter((name) => name.endsWith('.go'))) {
    for (const directive of (context.readFile(`${prefix}${file}`) ?? '').matchAll(/^\/\/go:embed\s+(.+)$/gm)) {
      for (const pattern of directive[1].trim().split(/\s+/)) {
        const top = pattern.replace(/^"|"$/g, '').replace(/^all:/, '').split('/')[0];
        if (top !== '' && !/[*?[]/.test(top)) {
          embedded.add(top);
        }
      }
    }
  }
  return embedded;
}

/** CGO_ENABLED from the stage's ENV or ARG default (ARGs are in the environment of RUN too). */
function cgoFromStage(stage: Stage): string | undefined {
  let value: string | undefined;
  for (const instruction of stage.instructions) {
    if (instruction.getKeyword() === 'ENV' || instruction.getKeyword() === 'ARG') {
      const match = /\bCGO_ENABLED[= ]["']?([01])\b/.exec(instruction.getArgumentsContent() ?? '');
      value = match?.[1] ?? value;
    }
  }
  return value;
}

/** The output a start command's program runs: a path to a binary or into an output directory, or a name on PATH. */
function findOutput(program: string, workdir: string, outputs: GoOutput[], golang: boolean): GoOutput | undefined {
  if (program.includes('/')) {
    const path = resolvePath(workdir, program);
    return outputs.find((output) => (output.isDirectory ? isInside(path, output.path) && path !== output.path : output.path === path));
  }
  const onPath = (dir: string) => (golang ? GOLANG_PATH : GOLANG_PATH.slice(1)).includes(dir);
  return outputs.find((output) => (output.isDirectory ? onPath(output.path) : basename(output.path) === program && onPath(output.path.slice(0, output.path.lastIndexOf('/')))));
}

function resolveProgram(program: string, workdir: string, output: GoOutput, golang: boolean): string | undefined {
  if (!output.isDirectory) {
    return output.path;
  }
  return program.includes('/') ? resolvePath(workdir, program) : golang || output.path !== '/go/bin' ? `${output.path}/${program}` : undefined;
}

/**
 * Whether the builder may run natively and cross-compile: cgo off, `go build` only (`go
 * install` puts cross-compiled binaries in a GOOS_GOARCH folder), no GOOS/GOARCH or platform of
 * its own, and no RUN that executes what it compiles (`go test`, `go run`, `go generate`, make).
 */
function crossCompiles(stage: Stage, scan: StageScan, outputs: GoOutput[]): boolean {
  const pinned = stage.from.getFlags().some((flag) => flag.getName().toLowerCase() === 'platform');
  if (pinned || stage.baseText.includes('$') || outputs.some((output) => output.installed) || scan.env.has('GOOS') || scan.env.has('GOARCH')) {
    return false;
  }
  return scan.commands.every(({ args, command }) => {
    const assigned = command.assignments.map((word) => word.value);
    if (assigned.some((word) => /^(GOOS|GOARCH)=/.test(word))) {
      return false;
    }
    const [program, verb] = args;
    return program === 'go' ? verb !== undefined && GO_NATIVE_SAFE.test(verb) : program !== undefined && NATIVE_SAFE.test(program);
  });
}

/** Why a stage on the golang image that builds no binary from the app's sources is not split. */
function withoutBuild(scan: StageScan, tag: string | undefined): Declined {
  const starts = lastStarts(scan);
  const start = starts.entrypoint ?? starts.cmd;
  const build = 'build it (`RUN go build -o /app/server .`) and start the binary (`CMD ["/app/server"]`), then split';
  if (tag && /(^|-)onbuild$/.test(tag)) {
    // docker-library/golang's deprecated onbuild variants: ONBUILD copies the sources and runs `go-wrapper install`.
    return decline(`golang:${tag} builds the app in ONBUILD triggers of the base image (a COPY of the sources, \`go-wrapper install\`), which the split cannot see, and the onbuild tags are no longer published. On a current golang image, copy the sources (\`COPY . .\`), build them (\`RUN go build -o /app/server .\`) and start the binary (\`CMD ["/app/server"]\`), then split.`);
  }
  if (start && basename(start.words[0] ?? '') === 'go' && start.words[1] === 'run') {
    return decline(`The container starts the app with \`go run\`, which compiles at start and needs the Go toolchain: a development setup. To split, ${build}.`);
  }
  if (start === undefined) {
    return declineNothingToBuild(`The Dockerfile builds no binary (no \`go build\`) and has no CMD or ENTRYPOINT: it is a development image (a compose file or \`docker run\` supplies the command, such as \`go run .\`), not an app to split. To split, ${build}.`);
  }
  return declineNothingToBuild(`The Dockerfile builds no binary from the app's sources (no \`go build\`, or only \`go install tool@version\`), so a runtime stage would have nothing of the app to copy; ${build}.`);
}
