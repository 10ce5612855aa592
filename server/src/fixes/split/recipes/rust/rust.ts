// Rust: `cargo build --release` (or `cargo install --path`) to distroless `cc` (glibc, libgcc,
// libstdc++ and OpenSSL 3), or to `static` for a musl target (rust:alpine, `--target
// *-unknown-linux-musl`), whose binaries are static. Source of the shape: GoogleContainerTools/
// distroless examples/rust/Dockerfile (rust:1 builder, cc runtime). A glibc binary runs on the
// runtime's glibc when it was linked against the same or an older one: every rust image is
// Debian 13 (trixie) or older, so that holds; OpenSSL must be 3 (bookworm and later) since cc
// has no libssl1.1. A binary that may link system libraries the split cannot name exactly (-dev
// packages the build installs, -sys crates in Cargo.lock such as pq-sys, or no Cargo.lock on the
// full image and its many -dev packages) stays on cc with the native closure
// (shared/nativeClosure.ts): the build copies what ldd finds cc lacks, or stops. Built on Debian
// 13 only, the runtime's release. Libraries from -dev packages also get debian:trixie-slim with
// their runtime packages as the second variant (shared/debianSlimRuntime.ts), the only one when
// the build installs programs the app may run. The binary's name comes from `--bin`, the start
// command or Cargo.toml.
import { lookupImage } from '../../../../catalog/catalog';
import { resolveBaseImage } from '../../../../core/stages';
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { basename } from '../../../../rules/shellCommands';
import { BuildContext } from '../../../fix';
import { Artifact, SplitRecipe, StartCommand, decline } from '../../recipe';
import { runTimeFiles, runTimeFilesNotes } from '../shared/runTimeFiles';
import { ownedWriteFolders } from '../shared/runTimeWrites';
import { findSourceWrites, sourceWritePlan } from '../shared/sourceWrites';
import { DISTROLESS_NONROOT as NONROOT, architecturesOf, copiedOutsideNote, copiedOutsideSources, leftBehindNotes, contextDirOf, mergeWritable, nativeBinaryPlan, privilegedPortNote, runsOnPinnedPlatform, writableDirs, writableVolumes } from '../shared/splitHelpers';
import { ScannedCommand, StageScan, lastStarts, operands, scanStage, valueOf } from '../shared/stageScan';
import { DEBIAN_SLIM_RUNTIME, debianSlimRuntime } from '../shared/debianSlimRuntime';
import { CargoRun, cargoRunNote, readCargoRun, readsCargoVariable } from './cargoRun';
import { NativeClosure, closureDebian, nativeClosure } from '../shared/nativeClosure';

/** The rust images' CARGO_HOME, whose bin directory is on PATH. */
const CARGO_BIN = '/usr/local/cargo/bin';
/** Packages that only build, or whose library distroless cc already has. */
const BUILD_ONLY = /^(build-essential|gcc|g\+\+|clang|lld|mold|make|cmake|pkg-config|pkgconf|protobuf-compiler|libprotobuf-dev|musl-tools|musl-dev|git|curl|wget|ca-certificates|openssl|perl|python3|unzip|xz-utils|libssl-dev|openssl-dev|openssl-libs-static|zlib1g-dev|zlib-dev|zlib-static|build-base|linux-headers)$/;
/** -sys crates that link a system library distroless cc does not have. */
const SYSTEM_LIBRARY_CRATES = /^(pq-sys|mysqlclient-sys|libsqlite3-sys|rdkafka-sys|libgit2-sys|curl-sys|libz-sys|libudev-sys|alsa-sys|x11-sys)$/;

interface CargoBuild {
  /** Where the binary lands, without its name (`/app/target/release`, `/usr/local/cargo/bin`). */
  dir: string;
  /** The directory cargo ran in (the package). */
  cwd: string;
  bin?: string;
  musl: boolean;
  /** `cargo install`, or a copy into a PATH directory: the binary runs by name. */
  installed: boolean;
  /** Where a RUN copied or moved the built binary (`cp target/release/app /usr/local/bin/`). */
  copied?: { name: string; path: string };
}

/** Directories on the rust images' PATH a RUN may copy the binary into. */
const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin', CARGO_BIN];

export const rustRecipe: SplitRecipe = {
  ecosystem: 'rust',
  plan({ stage, model, text, buildContext }) {
    const { base } = resolveBaseImage(stage);
    const lookup = base.kind === 'image' ? lookupImage(base.image) : undefined;
    if (lookup?.entry?.id !== 'rust' || stage.baseText.includes('$')) {
      return [];
    }
    const alpine = lookup.facts.libc === 'musl';
    const scan = scanStage(stage, model, text);
    const build = findBuild(scan, alpine);
    // A crates.io tool beside the app (diesel_cli, sqlx-cli): what it links, and whether the app,
    // a script or a compose command runs it, the split does not follow.
    const tools = crateTools(scan);
    if (build && tools.length > 0) {
      return decline(`The build also installs ${tools.map((tool) => `\`${tool}\``).join(', ')} from crates.io (\`cargo install\` into ${CARGO_BIN}), a tool the split does not follow: it cannot tell whether the app, a script or a compose command runs it, nor which system libraries it and the app link. Split by hand.`);
    }
    if (!build) {
      return scan.commands.some(({ args }) => args[0] === 'cargo' && (args[1] === 'build' || args[1] === 'install'))
        ? decline('The cargo build is a debug build, one package of a workspace, a crate from crates.io, or for another target, so the split cannot tell which binary ships. Build the app with `cargo build --release`, then split.')
        : [];
    }
    if (scan.workdir === '' || scan.envFromArg || scan.onbuild) {
      return decline('A WORKDIR or ENV takes its value from a build argument or an unknown variable (or ONBUILD adds steps), so the split cannot tell the paths. Give the ARG a default (the split then uses it) or write the value out, then split.');
    }
    if (/-crt-static/.test(`${scan.env.get('RUSTFLAGS') ?? ''}`)) {
      return decline('RUSTFLAGS turns off static linking (-crt-static) on musl: the binary needs the musl loader, which no distroless image has. Build on a Debian rust image, then split.');
    }
    const starts = lastStarts(scan);
    if (starts.entrypoint === null || starts.cmd === null) {
      return decline('The shell-form start command uses shell features (variables, &&, pipes) the runtime image cannot run; write it in exec form first.');
    }
    const first = (starts.entrypoint ?? starts.cmd)?.words[0];
    const lock = buildContext && readCargo(buildContext, scan, build.cwd);
    // `cargo run` compiles at start: the runtime runs the release binary the build makes.
    const cargoRun = readCargoRun((starts.entrypoint ?? starts.cmd)?.words ?? []);
    if (typeof cargoRun === 'string') {
      return decline(cargoRun);
    }
    if (cargoRun) {
      const why = cargoRunMismatch(cargoRun, scan, build, starts.entrypoint !== undefined && starts.cmd !== undefined, buildContext);
      if (why) {
        return decline(why);
      }
    }
    const name = cargoRun
      ? cargoRun.bin ?? build.bin ?? lock?.bin
      : first !== undefined ? binaryFromStart(first, scan.workdir, build) : build.bin ?? build.copied?.name ?? lock?.bin;
    if (cargoRun && !name) {
      return decline('The start command runs `cargo run`, which runs the package\'s only binary, and the split cannot read which that is (no Cargo.toml in the build context, or several [[bin]]s); add `--bin <name>`, then split.');
    }
    const packages = [...scan.aptPackages, ...scan.apkPackages];
    const debian = lookup.facts.debian;
    const full = !alpine && !/(^|-)slim(-|$)/.test(base.kind === 'image' ? base.image.tag ?? '' : '');
    // Before bookworm, libssl-dev (in the full image too) is OpenSSL 1.1, which cc lacks.
    const oldOpenSsl = !build.musl && debian !== undefined && debian < 12 && (packages.includes('libssl-dev') || (full && (!lock?.crates || lock.crates.includes('openssl-sys'))));
    if (!name) {
      return decline(first !== undefined
        ? `The start command runs \`${first}\`, which is not the binary cargo builds; split by hand.`
        : 'There is no CMD or ENTRYPOINT, and without Cargo.toml in the build context the split cannot name the binary. Add `CMD ["/path/to/target/release/<name>"]` (or `--bin <name>`), then split.');
    }
    // No start command: what the container runs is chosen where it starts (compose, docker run),
    // and programs the build installs (cron) may be what runs, with the binary or not.
    const programs = packages.filter((pkg) => !BUILD_ONLY.test(pkg) && !pkg.endsWith('-dev'));
    if (first === undefined && programs.length > 0) {
      const cargoRun = composeRunsCargo(buildContext);
      return decline(`The Dockerfile has no CMD or ENTRYPOINT, so what the container runs is chosen where it starts (a compose file's \`command:\` or \`entrypoint:\`, \`docker run\`), and the build installs ${programs.join(', ')}, which that may run${cargoRun ? ` (${cargoRun} runs \`cargo run\`, which needs cargo and the sources at run time: a development setup)` : ''}; the split cannot tell what to start. Start the release binary (\`CMD ["${build.dir}/${name}"]\`), with the programs it needs, then split.`);
    }
    if (oldOpenSsl) {
      return decline(`${base.kind === 'image' ? base.image.text : 'The image'} is Debian ${debian ?? ''} with OpenSSL 1.1, which distroless cc (OpenSSL 3) does not have. Build on rust:1-trixie (or rust:1-slim-trixie), then split.`);
    }
    const libraries = packages.filter((pkg) => !BUILD_ONLY.test(pkg));
    const sysCrates = lock?.crates?.filter((crate) => SYSTEM_LIBRARY_CRATES.test(crate)) ?? [];
    // Why the binary may link system libraries distroless cc lacks, which the split cannot name.
    const headers = libraries.filter((pkg) => pkg.endsWith('-dev'));
    const linkReasons = build.musl || headers.length < libraries.length ? [] : [
      ...(headers.length > 0 ? [`the build installs ${headers.join(', ')}`] : []),
      ...(sysCrates.length > 0 ? [`Cargo.lock has ${sysCrates.join(', ')}`] : []),
      ...(full && !lock?.crates ? ['without Cargo.lock the split cannot tell which -dev packages of the full rust image it links'] : []),
    ];
    const closureWanted = linkReasons.length > 0 && (closureDebian(debian) || headers.length > 0 || sysCrates.length > 0);
    if (closureWanted && !closureDebian(debian)) {
      return decline(`The binary links system libraries distroless cc lacks (${linkReasons.join('; ')}). The split copies them out of the build (or installs them on ${DEBIAN_SLIM_RUNTIME}) for a build on Debian 12 or 13 only, whose libraries the runtime's Debian 13 can load (a newer build's could need a newer glibc). Build on rust:1-trixie, then split.`);
    }
    // Libraries the build installs with apt-get: debian:trixie-slim installs their runtime packages
    // (the only runtime for programs the app runs; the second one beside a closure).
    const slim = libraries.length > 0
      ? debianSlimRuntime({ subject: 'The build', libraries, scan, debian: build.musl ? undefined : debian, buildOnly: BUILD_ONLY, trixieBuilder: 'rust:1-trixie' })
      : undefined;
    if (slim && 'declined' in slim && !closureWanted) {
      return slim;
    }
    const volumes = writableVolumes(scan, NONROOT);
    if (!volumes) {
      return decline('A VOLUME uses an unknown variable, so the split cannot tell which directory the app writes. Write the path out, then split.');
    }
    if (build.bin !== undefined && build.bin !== name) {
      return decline(`The start command runs \`${name}\`, but cargo builds \`${build.bin}\` (--bin); split by hand.`);
    }
    const source = build.copied?.name === name ? build.copied.path : `${build.dir}/${name}`;
    const target = `/usr/local/bin/${name}`;
    const outside = copiedOutsideSources(scan, [scan.workdir, build.cwd, build.dir]).filter((artifact) => !isInside(source, artifact.source));
    // Templates, static files, config and .env beside the sources, which the server opens
    // relative to the WORKDIR at run time (tera, actix-files, dotenvy); and the folders it writes.
    const readAtRunTime = runTimeFiles(scan, buildContext, scan.workdir);
    const dataFiles = readAtRunTime.paths.filter((path) => !isInside(source, path) && !isInside(target, path) && !isInside(path, build.dir));
    const writes = ownedWriteFolders(buildContext, scan.copies, scan.workdir, scan.workdir, NONROOT);
    const copied: Artifact[] = [{ source, target }, ...dataFiles.map((path) => ({ source: path, target: path })), ...writes.artifacts, ...outside, ...mergeWritable(volumes.artifacts, writableDirs(scan, [build.cwd, build.dir, source], NONROOT))];
    // Folders the sources write files to (File::create("uploads/..."), fs::write): writable.
    const sourceWrites = findSourceWrites(buildContext, contextDirOf(scan, scan.workdir, ['Cargo.toml', 'Cargo.lock']), scan.workdir, 'rust');
    sourceWrites.folders = sourceWrites.folders.filter((folder) => !writes.artifacts.some((artifact) => isInside(folder, artifact.source)));
    const writePlan = sourceWritePlan(sourceWrites, copied, scan.workdir, (path) => path, NONROOT, NONROOT);
    const artifacts: Artifact[] = [...writePlan.first, ...copied, ...writePlan.last];
    const laterNotes = [
      // No start command: the original image ran its base image's default (a shell); the runtime
      // has none, so it runs the binary the build names, and says which.
      ...(cargoRun && name ? [cargoRunNote(cargoRun, name)] : []),
      ...(first === undefined ? [`The original has no start command (its image ran the rust image's default): the runtime runs ${name}, and other binaries the build makes are not copied.`] : []),
      ...runTimeFilesNotes({ ...readAtRunTime, paths: dataFiles }, scan.workdir),
      ...writes.notes,
      ...writePlan.notes,
      ...copiedOutsideNote(outside),
      ...leftBehindNotes(scan),
      ...privilegedPortNote(scan),
    ];
    const distrolessNote = build.musl
      ? 'Runtime: distroless static (no shell, no libc) for a static musl binary, as non-root.'
      : 'Runtime: distroless cc (glibc, libgcc, libstdc++, OpenSSL; no shell) for a Rust binary, as non-root.';
    const adapt = (command: StartCommand): StartCommand | undefined => {
      const program = command.words[0] ?? '';
      const run = readCargoRun(command.words);
      if (run !== undefined) {
        return typeof run === 'object' && (run.bin ?? name) === name ? { keyword: command.keyword, words: [target, ...run.args] } : undefined;
      }
      if (binaryFromStart(program, scan.workdir, build) === name) {
        return { keyword: command.keyword, words: [target, ...command.words.slice(1)] };
      }
      return command.keyword === 'CMD' && starts.entrypoint ? command : undefined; // arguments to the binary
    };
    const plan = (runtimeImage: string, runtimeNotes: string[], extra: { setup?: string[]; closure?: NativeClosure; label?: string }) => nativeBinaryPlan({
      label: extra.label,
      builderSetup: volumes.setup,
      builderFinish: [...(writePlan.builderLines.length > 0 ? ['', ...writePlan.builderLines] : []), ...(extra.closure?.builderLines ?? [])],
      runtimeImage,
      runtimeNotes,
      runtimeSetup: extra.setup ?? [],
      artifacts: extra.closure ? [...artifacts, extra.closure.artifact] : artifacts,
      workdir: scan.workdir,
      runtimeEnv: extra.closure?.runtimeEnv,
      adaptStart: adapt,
    });
    const assumption = !build.musl && full && !lock?.crates ? ['Assumes the binary links no system library beyond those (the full rust image has many -dev packages).'] : [];
    const slimPlan = slim && !('declined' in slim) ? plan(DEBIAN_SLIM_RUNTIME, [...slim.notes, ...assumption, ...laterNotes], { setup: slim.setup }) : undefined;
    const ccImage = build.musl ? 'gcr.io/distroless/static-debian13:nonroot' : 'gcr.io/distroless/cc-debian13:nonroot';
    if (!runsOnPinnedPlatform(stage, architecturesOf(slimPlan && !closureWanted ? DEBIAN_SLIM_RUNTIME : ccImage))) {
      return decline(`${slimPlan && !closureWanted ? DEBIAN_SLIM_RUNTIME : ccImage} is not published for the platform this stage pins.`);
    }
    if (slimPlan && !closureWanted) {
      return [slimPlan];
    }
    if (!closureWanted) {
      return [plan(ccImage, [distrolessNote, ...assumption, ...laterNotes], {})];
    }
    const closure = nativeClosure({ runtimeImage: ccImage, binaries: [source], subject: 'the binary', ldLibraryPath: scan.env.has('LD_LIBRARY_PATH') });
    if (typeof closure === 'string') {
      return decline(`The binary may link system libraries distroless cc lacks, and ${closure}; split by hand.`);
    }
    const closureNotes = [distrolessNote, `It may link system libraries cc lacks: ${linkReasons.join('; ')}.`, closure.note, ...laterNotes];
    return slimPlan
      ? [plan(ccImage, closureNotes, { closure, label: 'distroless cc, libraries copied from the build' }), { ...slimPlan, label: `${DEBIAN_SLIM_RUNTIME} runtime` }]
      : [plan(ccImage, closureNotes, { closure })];
  },
};
/** Why a `cargo run` start is not the release build's binary run the same way, or undefined. */
function cargoRunMismatch(run: CargoRun, scan: StageScan, build: CargoBuild, withCmd: boolean, context: BuildContext | undefined): string | undefined {
  if (withCmd) {
    return 'The start command splits `cargo run` between ENTRYPOINT and CMD, which the split does not follow; write it in one of them, then split.';
  }
  const runDir = run.manifestPath ? resolvePath(scan.workdir, run.manifestPath.replace(/\/?Cargo\.toml$/, '') || '.') : scan.workdir;
  if (build.installed || runDir !== build.cwd) {
    return `The start command runs \`cargo run\` in ${runDir}, and the release build is of another package or installed elsewhere (${build.cwd}); start the release binary (\`CMD ["${build.dir}/<name>"]\`), then split.`;
  }
  const contextDir = contextDirOf(scan, build.cwd, ['Cargo.toml', 'Cargo.lock']);
  const reader = context && contextDir !== undefined ? readsCargoVariable((path) => context.readFile(path), context.listDirectory && ((path) => context.listDirectory?.(path)), contextDir) : undefined;
  return reader
    ? `${reader} reads a variable \`cargo run\` sets (CARGO_…) at run time, which the release binary started on its own does not get; set it with ENV, then split.`
    : undefined;
}

/** The compose file beside the Dockerfile that starts a service with `cargo run`, if any. */
function composeRunsCargo(context: BuildContext | undefined): string | undefined {
  return ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'].find((file) => /^\s*(command|entrypoint):.*\bcargo\s+run\b/m.test(context?.readFile(file) ?? ''));
}

/** The crates a `cargo install` without --path fetches from crates.io: tools, not the app. */
function crateTools(scan: StageScan): string[] {
  return scan.commands.flatMap(({ args }) => {
    if (args[0] !== 'cargo' || args[1] !== 'install' || args.some((word) => word === undefined)) {
      return [];
    }
    const words = args as string[];
    return valueOf(words, ['--path']) === undefined ? operands(words.slice(2), ['--features', '-F', '--version', '--vers', '--root', '--git', '--branch', '--tag', '--rev', '--bin', '--example', '--target', '--profile', '--registry', '--index', '--jobs', '-j', '--target-dir', '--config', '-Z', '--color']) : [];
  });
}

/** The last `cargo build --release` or `cargo install --path`. */
function findBuild(scan: StageScan, alpine: boolean): CargoBuild | undefined {
  let found: CargoBuild | undefined;
  for (const { args, cwd } of scan.commands as ScannedCommand[]) {
    if (args[0] !== 'cargo' || (args[1] !== 'build' && args[1] !== 'install')) {
      continue;
    }
    if (args.some((word) => word === undefined) || cwd === '') {
      return undefined;
    }
    const words = args as string[];
    const manifest = valueOf(words, ['--manifest-path']);
    const dir = manifest ? resolvePath(cwd, manifest.replace(/\/?Cargo\.toml$/, '') || '.') : cwd;
    const triple = valueOf(words, ['--target']);
    if ((triple && !/-linux-musl$/.test(triple)) || valueOf(words, ['-p', '--package']) !== undefined || words.includes('--workspace')) {
      return undefined; // cross-compiling for glibc, or one package of a workspace
    }
    const bin = valueOf(words, ['--bin']);
    const musl = alpine || triple !== undefined;
    if (args[1] === 'install') {
      const path = valueOf(words, ['--path']);
      const root = valueOf(words, ['--root']) ?? scan.env.get('CARGO_INSTALL_ROOT');
      if (path === undefined) {
        continue; // a crate from crates.io: a tool, not this app (see crateTools)
      }
      found = { dir: root ? `${resolvePath(cwd, root)}/bin` : CARGO_BIN, cwd: resolvePath(cwd, path), bin, musl, installed: !root };
      continue;
    }
    if (!words.includes('--release') && !words.includes('-r') && valueOf(words, ['--profile']) !== 'release') {
      continue; // a debug build: not what ships
    }
    const targetDir = valueOf(words, ['--target-dir']) ?? scan.env.get('CARGO_TARGET_DIR') ?? 'target';
    found = { dir: `${resolvePath(dir, targetDir)}${triple ? `/${triple}` : ''}/release`, cwd: dir, bin, musl, installed: false };
  }
  if (found && !found.installed) {
    found.copied = copiedBinary(scan, found.dir);
  }
  return found;
}

/** A `cp` or `mv` of a built binary out of the release folder: its name and where it lands. */
function copiedBinary(scan: StageScan, dir: string): { name: string; path: string } | undefined {
  for (const { args, cwd } of scan.commands) {
    if ((args[0] !== 'cp' && args[0] !== 'mv') || args.some((word) => word === undefined)) {
      continue;
    }
    const paths = operands(args.slice(1) as string[], []);
    const from = paths.length === 2 ? resolvePath(cwd, paths[0]) : '';
    if (!from.startsWith(`${dir}/`) || from.slice(dir.length + 1).includes('/') || /[*?[]/.test(from)) {
      continue;
    }
    const to = resolvePath(cwd, paths[1]);
    const intoDir = paths[1].endsWith('/') || PATH_DIRS.includes(to);
    return { name: intoDir ? basename(from) : basename(to), path: intoDir ? `${to}/${basename(from)}` : to };
  }
  return undefined;
}

/** The binary a start command's program names: a path into the output, or a name `cargo install` put on PATH. */
function binaryFromStart(program: string, workdir: string, build: CargoBuild): string | undefined {
  const copied = build.copied;
  if (!program.includes('/')) {
    return build.installed || (copied?.name === program && PATH_DIRS.some((dir) => copied.path === `${dir}/${program}`)) ? program : undefined;
  }
  const path = resolvePath(workdir, program);
  if (copied?.path === path) {
    return copied.name;
  }
  return path.startsWith(`${build.dir}/`) && !path.slice(build.dir.length + 1).includes('/') ? basename(path) : undefined;
}

/** The one binary Cargo.toml builds, and the crates Cargo.lock pins (to spot -sys crates; undefined without Cargo.lock). */
function readCargo(context: BuildContext, scan: StageScan, dir: string): { bin?: string; crates?: string[] } | undefined {
  const contextDir = contextDirOf(scan, dir, ['Cargo.toml', 'Cargo.lock']);
  if (contextDir === undefined) {
    return undefined;
  }
  const path = (file: string) => (contextDir === '' ? file : `${contextDir}/${file}`);
  const manifest = context.readFile(path('Cargo.toml'));
  const lock = context.readFile(path('Cargo.lock'));
  if (manifest === undefined && lock === undefined) {
    return undefined;
  }
  const crates = lock === undefined ? undefined : [...lock.matchAll(/^name = "([^"]+)"/gm)].map((match) => match[1]);
  const bins = [...(manifest ?? '').matchAll(/^\[\[bin\]\][^[]*?^name\s*=\s*"([^"]+)"/gm)].map((match) => match[1]);
  const packageName = /^\[package\][^[]*?^name\s*=\s*"([^"]+)"/m.exec(manifest ?? '')?.[1];
  const bin = bins.length === 1 ? bins[0] : bins.length === 0 && !/^\[workspace\]/m.test(manifest ?? '') ? packageName : undefined;
  return { bin, crates };
}
