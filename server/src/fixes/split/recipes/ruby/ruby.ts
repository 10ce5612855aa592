// Ruby (Bundler, `gem install`): no distroless Ruby runtime exists, so the runtime is the
// official image's `-slim` variant of the same Ruby and Debian release (or the same Alpine
// image), which copies the installed gems (GEM_HOME /usr/local/bundle, where the official
// images install them and keep Bundler's config) and the app, installs only the runtime
// libraries of the headers the build used (libpq5 for libpq-dev), and runs as uid 65532.
// Source of the shape: docker-library/ruby */slim-*/Dockerfile (GEM_HOME, BUNDLE_APP_CONFIG,
// PATH; no ENTRYPOINT) and the Dockerfile `rails new` generates (build and runtime stages on
// ruby:X-slim, `chown` of db log storage tmp for the non-root user).
import { Stage } from '../../../../core/stages';
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { basename } from '../../../../rules/shellCommands';
import { BuildContext } from '../../../fix';
import { Artifact, SplitRecipe, decline, declineNothingToBuild } from '../../recipe';
import { Distro, installLines, isBuildOnly, nonRootUserLines, runtimePackages } from '../shared/osPackages';
import { DISTROLESS_NONROOT as NONROOT, leftBehindNotes, chownedDirs, contextDirOf, mergeWritable, privilegedPortNote, writableDirs, writableVolumes, writesOnlyInside } from '../shared/splitHelpers';
import { StageScan, lastStarts, scanStage } from '../shared/stageScan';
import { fullImageLibraries } from './fullImageLibraries';
import { contextMentions } from '../shared/contextMentions';
import { railsWritableDirs } from './railsWrites';
import { rubyTestImageDecline } from './rubyTestImage';
import { DEBIAN_RUBY, DEBIAN_RUBY_HEADERS, RubyImage, debianSlimTag, recogniseRubyImage } from './rubyImage';

const GEM_HOME = '/usr/local/bundle';
/** Commands a Ruby build runs that write nothing outside the app and the gem directories. */
const KNOWN = /^(bundle|gem|rake|rails|bin\/\w+|\.\/bin\/\w+|ruby|bootsnap|apt-get|apt|apk|echo|printf|true|:|set|export|cd|ls|cat|test|\[|rm|chmod|chown|mkdir|touch|cp|mv|ln|sed|addgroup|adduser|groupadd|useradd|id|whoami)$/;
/** Programs that would need Node.js at run time too (ExecJS looks for it when Rails boots). */
const NODE = /^(node|nodejs|npm|npx|yarn|yarnpkg|pnpm|corepack)$/;
/** Gems whose native extension loads a system library (when built from source, not a precompiled platform gem). */
const NATIVE_GEMS: Record<string, Record<Distro, string>> = {
  pg: { debian: 'libpq5', alpine: 'libpq' },
  mysql2: { debian: 'libmariadb3', alpine: 'mariadb-connector-c' },
  tiny_tds: { debian: 'libsybdb5', alpine: 'freetds' },
};

/**
 * The gems that load a runtime library built from source: with Gemfile.lock read, a library none
 * of its gems needs stays out of the runtime (libpq-dev is on many Rails images by habit).
 */
const LIBRARY_GEMS: Record<string, string[]> = {
  libpq5: ['pg'], libpq: ['pg'],
  libmariadb3: ['mysql2'], 'mariadb-connector-c': ['mysql2'],
  libsybdb5: ['tiny_tds'], freetds: ['tiny_tds'],
  'libsqlite3-0': ['sqlite3'], 'sqlite-libs': ['sqlite3'],
};

export const rubyRecipe: SplitRecipe = {
  ecosystem: 'ruby',
  plan({ stage, model, text, buildContext }) {
    let scanned: StageScan | undefined;
    const scanOf = (): StageScan => (scanned ??= scanStage(stage, model, text));
    const image = recogniseRubyImage(stage, scanOf);
    if (!image) {
      // A test image on the app's own image: recognised only to say why it is not split.
      return rubyTestImageDecline(stage, scanOf()) ?? [];
    }
    if (typeof image === 'string') {
      return decline(image);
    }
    const scan = scanOf();
    const runtimeTag = image.source === 'debian' ? debianSlimTag(image.tag) : slimTag(image);
    const starts = lastStarts(scan);
    const installs = scan.commands.some(({ args }) => (args[0] === 'bundle' && args[1] === 'install') || (args[0] === 'gem' && args[1] === 'install'));
    if (!installs) {
      return declineNothingToBuild('Nothing is built here (no `bundle install` or `gem install`): a second stage would hold the same files. Keep one stage and add a non-root USER.');
    }
    if (!runtimeTag) {
      return decline(image.source === 'debian'
        ? `The split cannot tell which -slim tag matches \`${image.name}:${image.tag}\` (the same Debian release, so that its ruby package is the build's). Use a tag like debian:bookworm, then split.`
        : `The split cannot tell which -slim tag matches \`${image.name}:${image.tag}\` (same Ruby, same Debian release). Use a tag like ruby:3.3 or ruby:3.3-bookworm, then split.`);
    }
    const systemGems = image.source === 'debian' ? debianGemDirs(stage, scan) : undefined;
    if (typeof systemGems === 'string') {
      return decline(systemGems);
    }
    const usesNode = [...scan.aptPackages, ...scan.apkPackages].some((name) => NODE.test(name)) || scan.commands.some(({ args }) => NODE.test(args[0] ?? ''));
    const gems = readGems(buildContext, scan);
    // Node.js only for the assets: they are precompiled in the builder, and without ExecJS in
    // Gemfile.lock nothing looks for a JavaScript runtime when the app boots.
    const nodeForAssetsOnly = usesNode && gems !== undefined && !gems.names.includes('execjs') && scan.commands.some(({ args }) => args.includes('assets:precompile'));
    if (usesNode && !nodeForAssetsOnly) {
      return decline(`The build uses Node.js (assets, ExecJS), which the Ruby runtime image does not have${gems?.names.includes('execjs') ? ', and Gemfile.lock has execjs, which looks for it at run time' : gems ? '' : ' (without Gemfile.lock the split cannot tell whether ExecJS needs it at run time)'}. Build the assets in a node stage of their own and copy them in, or split by hand.`);
    }
    if (scan.workdir === '' || scan.envFromArg || scan.onbuild) {
      return decline(unreadable(scan));
    }
    if (starts.entrypoint === undefined && starts.cmd === undefined) {
      return decline('There is no CMD or ENTRYPOINT, so the image would start irb. Add the command that starts the app, then split.');
    }
    const app = appFiles(scan);
    if (!app) {
      return decline('A COPY spreads files into a system directory (or `/`), and the split cannot tell which of them the app needs at run time. Copy the app into its own WORKDIR, then split.');
    }
    const unknown = unknownCommand(scan, app.dirs, nodeForAssetsOnly, buildContext);
    if (unknown !== undefined) {
      return decline(unknown);
    }
    const bundles = scan.commands.some(({ args }) => args[0] === 'bundle' && args[1] === 'install');
    const installed = (image.distro === 'alpine' ? scan.apkPackages : scan.aptPackages)
      .filter((name) => !(nodeForAssetsOnly && NODE.test(name)) && !(systemGems && DEBIAN_RUBY_HEADERS.test(name)));
    // git fetches Bundler's git sources; a tool installed with `gem install` may run it itself.
    // Bare debian-slim has no CA certificates, which the ruby image has: kept when the build asked for them.
    const packages = runtimePackages(image.distro, installed, (name) => (name === 'git' && !bundles) || (systemGems !== undefined && name === 'ca-certificates'));
    const dropped = installed.filter((name) => isBuildOnly(image.distro, name) && !(packages ?? []).includes(name));
    const startWords = [starts.entrypoint, starts.cmd].flatMap((start) => start?.words ?? []);
    if (!packages) {
      const headers = installed.filter((name) => name.endsWith('-dev') && runtimePackages(image.distro, [name]) === undefined);
      return decline(`The build installs ${headers.join(', ')}, and the split does not know which library the gems load from it at run time. Install that library in a -slim stage by hand, or split by hand.`);
    }
    const droppedStart = dropped.find((name) => startWords.includes(name));
    if (droppedStart !== undefined) {
      return decline(`The start command runs \`${droppedStart}\`, a build tool the runtime image leaves out.`);
    }
    // Known libraries that no gem in Gemfile.lock loads: the headers were installed by habit.
    const unused = gems ? packages.filter((name) => LIBRARY_GEMS[name] && !LIBRARY_GEMS[name].some((gem) => gems.names.includes(gem))) : [];
    packages.splice(0, packages.length, ...packages.filter((name) => !unused.includes(name)));
    if (image.full && gems) {
      const needs = fullImageLibraries(gems.versions, installed, `${image.name}:${image.tag}`);
      if (typeof needs === 'string') {
        return decline(needs);
      }
      packages.push(...needs.add.filter((name) => !packages.includes(name)));
    }
    if (image.full) {
      for (const gem of gems?.names ?? []) {
        const library = NATIVE_GEMS[gem]?.[image.distro];
        if (library && !packages.includes(library)) {
          packages.push(library);
        }
      }
    }
    const volumes = writableVolumes(scan, NONROOT);
    if (!volumes) {
      return decline(unreadable(scan));
    }
    const rails = gems?.names.includes('rails') || startWords.some((word) => /(^|\/)rails$/.test(word));
    const puma = startWords.includes('puma') || gems?.names.includes('puma');
    const appWrites = rails ? railsWritableDirs(buildContext, contextDirOf(scan, scan.workdir, ['Gemfile', 'Gemfile.lock']), gems?.names) : puma ? ['tmp'] : [];
    const writable = app.dirs.length === 0 ? [] : [...new Set([...appWrites.map((dir) => resolvePath(app.dirs[0], dir)), ...chownedDirs(scan, app.dirs[0])])];
    const lockfile = lockfileRewrittenAtStart(gems, scan) && app.dirs.includes(scan.workdir) ? resolvePath(scan.workdir, 'Gemfile.lock') : undefined;
    const runtimeImage = `${image.name}:${runtimeTag}`;
    // Debian's ruby package is named in the first note.
    const libraries = packages.filter((name) => !(systemGems && DEBIAN_RUBY.test(name)));
    const downloadNotes = unusedDownloadNotes(scan, app.dirs, buildContext);
    const notes = [
      systemGems
        ? `Runtime: ${runtimeImage} with Debian's ruby package, the same Ruby as the build (same Debian release) without compilers or headers (no distroless Ruby runtime exists), as non-root.`
        : `Runtime: ${runtimeImage}, the same Ruby as the build without compilers or headers (no distroless Ruby runtime exists), as non-root.`,
      ...(systemGems ? [`Copies the gems from ${systemGems.join(' and ')}, where Debian's RubyGems installs them and their commands as root.`] : []),
      ...(libraries.length > 0 ? [`It installs ${libraries.join(', ')}, which the build had: the app or its gems may use ${libraries.length > 1 ? 'them' : 'it'} at run time.`] : []),
      ...(nodeForAssetsOnly ? ['Node.js builds the assets in the builder only: the runtime has none (Gemfile.lock has no execjs, and assets:precompile ran).'] : []),
      ...(unused.length > 0 ? [`Leaves out ${unused.join(', ')}: no gem in Gemfile.lock loads ${unused.length > 1 ? 'them' : 'it'} (${unused.map((name) => LIBRARY_GEMS[name].join('/')).join(', ')} ${unused.length > 1 ? 'are' : 'is'} not there).`] : []),
      ...(image.full && !gems ? [`Assumes the gems load no system library beyond ${runtimeImage}'s; install any they need with apt-get (pg: libpq5).`] : []),
      ...(writable.length > 0 ? [`${writable.map((dir) => basename(dir) + '/').join(', ')} ${writable.length > 1 ? 'are' : 'is'} writable by the app; the rest is read-only to it.`] : []),
      ...(lockfile ? [`Gemfile.lock locks only ${gems?.platforms.join(', ')}, so Bundler adds this platform to it when the app starts (as root in the original): it is owned by uid 65532 for that write. Better: run \`bundle lock --add-platform x86_64-linux aarch64-linux\` and commit the lockfile, then split again.`] : []),
      ...downloadNotes,
      // Each download already has its own note: the generic one would repeat it.
      ...leftBehindNotes(scan, { knownDownloads: downloadNotes.length > 0 && downloadNotes.length === scan.commands.filter(({ args }) => args[0] === 'curl' || args[0] === 'wget').length }),
      ...privilegedPortNote(scan),
    ];
    const artifacts: Artifact[] = [
      ...(systemGems ?? gemDirs(scan, app.dirs)).map((dir) => ({ source: dir, target: dir })),
      ...app.files.map((path) => ({ source: path, target: path })),
      ...app.dirs.map((dir) => ({ source: dir, target: dir })),
      ...mergeWritable(writable.map((dir) => ({ source: dir, target: dir, chown: NONROOT })), volumes.artifacts, writableDirs(scan, [...app.dirs, ...app.files, ...(systemGems ?? [GEM_HOME])], NONROOT)),
    ];
    if (lockfile && !artifacts.some((artifact) => artifact.chown !== undefined && isInside(lockfile, artifact.source))) {
      artifacts.push({ source: lockfile, target: lockfile, chown: NONROOT });
    }
    return [{
      builderFinish: nodeForAssetsOnly && app.dirs.length > 0 ? ['# Node.js built the assets; the runtime has no Node.js to use node_modules.', `RUN rm -rf ${app.dirs[0]}/node_modules`] : undefined,
      builderSetup: [...(writable.length > 0 ? ['# Directories the app writes, for the runtime to copy owned by its non-root user.', `RUN mkdir -p ${writable.join(' ')}`] : []), ...volumes.setup],
      runtimeImage,
      runtimeNotes: notes,
      // Before the COPYs: a changed Gemfile or source does not re-run them.
      runtimeSetup: [...installLines(image.distro, packages), ...nonRootUserLines(image.distro)],
      artifacts,
      workdir: scan.workdir,
      runtimeEnv: [],
      runtimeEntrypoint: [],
      runtimeUser: NONROOT,
      adaptStart: (command) => command, // same Ruby, same paths, a shell: the start command runs as it is
      adaptShellStart: () => 'keep', // the -slim and Alpine images have /bin/sh
    }];
  },
};

/** Why the split cannot read the build: a WORKDIR, ENV or VOLUME from an unknown variable, or ONBUILD. */
function unreadable(scan: StageScan): string {
  return scan.onbuild
    ? 'ONBUILD instructions run in images built from this one; the split cannot tell what they add. Split by hand.'
    : 'A WORKDIR, VOLUME or ENV takes its value from a build argument or an unknown variable, so the split cannot tell which paths to copy. Give the ARG a default (the split then uses it) or write the value out, then split.';
}

/**
 * The `-slim` tag of the same Ruby version and Debian release: docker-library/ruby builds the
 * slim and full variants of a version on the same Debian release, so `3.3` and `3.3-slim`
 * match, as do `3.3-bookworm` and `3.3-slim-bookworm`. Slim and Alpine tags stay as they are.
 */
function slimTag(image: RubyImage): string | undefined {
  if (!image.full) {
    return image.tag;
  }
  const match = /^(?:(\d+(?:\.\d+){0,2}(?:-(?:rc|preview)\d*)?)|latest)?(?:-?(trixie|bookworm|bullseye|buster|stretch))?$/.exec(image.tag);
  if (!match) {
    return undefined;
  }
  return [match[1], 'slim', match[2]].filter(Boolean).join('-');
}

/**
 * What the runtime copies of the app: the app directory (the final WORKDIR, when files were
 * copied into it) and files copied elsewhere. Undefined when the context lands at `/`.
 */
function appFiles(scan: StageScan): { dirs: string[]; files: string[] } | undefined {
  const dirs: string[] = [];
  const files: string[] = [];
  for (const copy of scan.copies) {
    if (copy.from !== undefined) {
      continue; // a tool from another image (e.g. a binary for the build)
    }
    const destination = copy.destination;
    if (destination === undefined || destination === '/') {
      return undefined;
    }
    if (scan.workdir !== '/' && isInside(destination, scan.workdir)) {
      if (!dirs.includes(scan.workdir)) {
        dirs.push(scan.workdir);
      }
    } else if (isInside(destination, GEM_HOME)) {
      continue;
    } else if (!copy.intoDirectory) {
      files.push(destination);
    } else if (copy.sources.every((source) => !/[*?[]/.test(source) && !source.endsWith('/') && source !== '.')) {
      files.push(...copy.sources.map((source) => resolvePath(destination, basename(source))));
    } else {
      return undefined; // a directory's contents spread into a system directory
    }
  }
  return { dirs, files: files.filter((file) => !dirs.some((dir) => isInside(file, dir))) };
}

/** Arguments that only ask a program for its version (`pry --version`, `jq --version`): a check that writes nothing. */
const VERSION_CHECK = /^(--version|-v)$/;

/**
 * Why a RUN command keeps the split from following the build: the first one that is not known
 * to write only into the app or the gem directories. Undefined when all are known.
 */
function unknownCommand(scan: StageScan, appDirs: string[], nodeBuild: boolean, context: BuildContext | undefined): string | undefined {
  for (const { args, cwd, command } of scan.commands) {
    const program = args[0];
    if (nodeBuild && program !== undefined && NODE.test(program) && appDirs.some((dir) => isInside(cwd, dir))) {
      continue; // installs and builds the assets inside the app
    }
    if (program === undefined) {
      if (args.length > 0) {
        return unknownProgram(args.map((word) => word ?? '$…').join(' '));
      }
      continue;
    }
    if (args.length === 2 && VERSION_CHECK.test(args[1] ?? '')) {
      continue;
    }
    if ((program === 'curl' || program === 'wget') && command.after !== '|') {
      const output = downloadTarget(args);
      if (output !== undefined && unusedDownload(resolvePath(cwd, output), appDirs, context)) {
        continue; // a tool nothing in the context runs: left out (see unusedDownloads)
      }
      const where = output === undefined ? '' : ` ${resolvePath(cwd, output)}`;
      return `A RUN downloads${where} with \`${program}\`, and the split cannot tell whether the app uses it at run time or whether the -slim runtime can run it (the libraries it needs); install it with apt-get or apk instead (the runtime then installs it too), or split by hand.`;
    }
    if (!KNOWN.test(program) || (/^(cp|mv|ln|touch|sed)$/.test(program) && !writesOnlyInside(args, cwd, [...appDirs, '/tmp']))) {
      return unknownProgram(program);
    }
  }
  return undefined;
}

/**
 * A download to a file in a system folder (outside the app) whose name nothing in the build
 * context mentions (sources, scripts, config, compose; not the Dockerfile): a tool for the build
 * or for debugging, which the runtime leaves out.
 */
function unusedDownload(path: string, appDirs: string[], context: BuildContext | undefined): boolean {
  return !appDirs.some((dir) => isInside(path, dir)) && /^\/(usr\/(local\/)?)?s?bin\/[\w.-]+$/.test(path) && contextMentions(context, basename(path)) === false;
}

/** Notes for the downloads unusedDownload left out. */
function unusedDownloadNotes(scan: StageScan, appDirs: string[], context: BuildContext | undefined): string[] {
  return scan.commands.flatMap(({ args, cwd }) => {
    const output = (args[0] === 'curl' || args[0] === 'wget') ? downloadTarget(args) : undefined;
    const path = output === undefined ? undefined : resolvePath(cwd, output);
    return path !== undefined && unusedDownload(path, appDirs, context)
      ? [`Leaves out ${path}, which the build downloads with ${args[0] ?? ''}: nothing in the build context (sources, scripts, config, compose files) names \`${basename(path)}\`, so the app does not run it; copy it too if something outside the context does.`]
      : [];
  });
}

function unknownProgram(program: string): string {
  return `A RUN runs \`${program}\`, and the split cannot tell what it writes outside the app or whether the app needs it at run time; split by hand.`;
}

/** The file a curl (`-o`, `--output`) or wget (`-O`, `--output-document`) download writes. */
function downloadTarget(args: (string | undefined)[]): string | undefined {
  for (let i = 1; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (/^(-o|--output|-O|--output-document)$/.test(arg)) {
      return args[i + 1];
    }
    const joined = /^(?:--output|--output-document)=(.+)$/.exec(arg);
    if (joined) {
      return joined[1];
    }
  }
  return undefined;
}

/** Where Debian's RubyGems installs as root (rubygems-integration: Gem.default_dir, Gem.default_bindir). */
const DEBIAN_GEM_DIRS = ['/var/lib/gems', '/usr/local/bin'];

/**
 * The gem directories of Debian's ruby package, or why the split cannot tell where the gems went:
 * a GEM_HOME or Bundler path, or a non-root USER, moves them out of /var/lib/gems.
 */
function debianGemDirs(stage: Stage, scan: StageScan): string[] | string {
  const moved = ['GEM_HOME', 'GEM_PATH', 'BUNDLE_PATH', 'BUNDLE_APP_CONFIG', 'BUNDLE_DEPLOYMENT', 'BUNDLE_BIN'].filter((name) => scan.env.has(name));
  const configured = scan.commands.some(({ args }) => (args[0] === 'bundle' && (args[1] === 'config' || args.some((arg) => /^--(path|deployment|binstubs|standalone)(=|$)/.test(arg ?? ''))))
    || (args[0] === 'gem' && args.some((arg) => /^(-i|--install-dir|--user-install|--bindir|-n)(=|$)/.test(arg ?? ''))));
  const user = stage.instructions.some((instruction) => instruction.getKeyword() === 'USER' && !/^(root|0)(:|$)/.test(instruction.getArgumentsContent() ?? ''));
  if (moved.length > 0 || configured || user) {
    const why = moved.length > 0 ? `${moved.join(', ')} ${moved.length > 1 ? 'move' : 'moves'} the gems` : configured ? 'a Bundler or gem option moves the gems' : 'a non-root USER installs the gems into its home';
    return `The split copies the gems Debian's RubyGems installs as root (${DEBIAN_GEM_DIRS.join(', ')}), and here ${why} elsewhere; install them there, or build on the official ruby:X.Y image, then split.`;
  }
  return DEBIAN_GEM_DIRS;
}

/** GEM_HOME, and BUNDLE_PATH / GEM_HOME (and a BUNDLE_APP_CONFIG that `bundle config` wrote) outside the app. */
function gemDirs(scan: StageScan, appDirs: string[]): string[] {
  const dirs = [GEM_HOME];
  const configured = scan.commands.some(({ args }) => args[0] === 'bundle' && args[1] === 'config' && !args.includes('--local'));
  for (const name of ['BUNDLE_PATH', 'GEM_HOME', ...(configured ? ['BUNDLE_APP_CONFIG'] : [])]) {
    const value = scan.env.get(name);
    const dir = value && resolvePath(scan.workdir, value);
    if (dir && !dirs.some((known) => isInside(dir, known)) && !appDirs.some((app) => isInside(dir, app))) {
      dirs.push(dir);
    }
  }
  return dirs;
}

/** Gem names from Gemfile.lock (top-level specs); built from source unless a platform suffix says otherwise. */
function readGems(context: BuildContext | undefined, scan: StageScan): { names: string[]; versions: Map<string, string>; platforms: string[] } | undefined {
  const dir = context && contextDirOf(scan, scan.workdir, ['Gemfile', 'Gemfile.lock']);
  const lock = dir === undefined ? undefined : context?.readFile(dir === '' ? 'Gemfile.lock' : `${dir}/Gemfile.lock`);
  if (lock === undefined) {
    return undefined;
  }
  const names = new Set<string>();
  const versions = new Map<string, string>();
  for (const [, name, version] of lock.matchAll(/^ {4}([A-Za-z0-9_.-]+) \(([^)]+)\)$/gm)) {
    if (!/-(x86_64|aarch64|arm64)-linux/.test(version) || !NATIVE_GEMS[name]) {
      names.add(name);
    }
    if (!versions.has(name) || !version.includes('-')) {
      versions.set(name, version); // the source gem's version when the lock has both
    }
  }
  const platforms = /^PLATFORMS\r?\n((?: {2}\S+\r?\n?)+)/m.exec(lock)?.[1].split(/\r?\n/).map((line) => line.trim()).filter(Boolean) ?? [];
  return { names: [...names], versions, platforms };
}

/**
 * Bundler adds the running platform to a Gemfile.lock that locks neither it nor `ruby` (one made
 * on a Mac: arm64-darwin-23) when the app starts (`Bundler.setup` writes the lockfile;
 * rubygems/rubygems#5893), which the original did as root. The file is given to the runtime's user
 * so that write succeeds (a file it owns can be rewritten in a folder it cannot write). Frozen
 * Bundler never writes it (and refuses such a lock at `bundle install` already).
 */
function lockfileRewrittenAtStart(gems: { platforms: string[] } | undefined, scan: StageScan): boolean {
  const frozen = ['BUNDLE_FROZEN', 'BUNDLE_DEPLOYMENT'].some((name) => /^(true|1)$/.test(scan.env.get(name) ?? ''))
    || scan.commands.some(({ args }) => args[0] === 'bundle' && (args.includes('--deployment') || args.includes('--frozen') || (args[1] === 'config' && args.some((arg) => /^(deployment|frozen)$/.test(arg ?? '')))));
  return gems !== undefined && gems.platforms.length > 0 && !gems.platforms.some((platform) => platform === 'ruby' || /-linux/.test(platform)) && !frozen;
}
