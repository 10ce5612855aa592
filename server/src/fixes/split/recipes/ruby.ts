// Ruby (Bundler, `gem install`): no distroless Ruby runtime exists, so the runtime is the
// official image's `-slim` variant of the same Ruby and Debian release (or the same Alpine
// image), which copies the installed gems (GEM_HOME /usr/local/bundle, where the official
// images install them and keep Bundler's config) and the app, installs only the runtime
// libraries of the headers the build used (libpq5 for libpq-dev), and runs as uid 65532.
// Source of the shape: docker-library/ruby */slim-*/Dockerfile (GEM_HOME, BUNDLE_APP_CONFIG,
// PATH; no ENTRYPOINT) and the Dockerfile `rails new` generates (build and runtime stages on
// ruby:X-slim, `chown` of db log storage tmp for the non-root user).
import { imageName } from '../../../core/imageReference';
import { resolveBaseImage } from '../../../core/stages';
import { isInside, resolvePath } from '../../../rules/buildArtifacts';
import { basename } from '../../../rules/shellCommands';
import { BuildContext } from '../../fix';
import { Artifact, SplitRecipe } from '../recipe';
import { Distro, installLines, isBuildOnly, nonRootUserLines, runtimePackages } from './osPackages';
import { chownedDirs, contextDirOf, mergeWritable, privilegedPortNote, writableDirs, writableVolumes, writesOnlyInside } from './splitHelpers';
import { StageScan, lastStarts, scanStage } from './stageScan';

const RUBY_IMAGE = /^(?:(?:mirror\.gcr\.io|public\.ecr\.aws\/docker)\/library\/)?ruby$/;
const GEM_HOME = '/usr/local/bundle';
const NONROOT = '65532:65532';
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

interface RubyImage {
  name: string;
  tag: string;
  distro: Distro;
  /** The full image (buildpack-deps: many -dev packages), not -slim or Alpine. */
  full: boolean;
}

export const rubyRecipe: SplitRecipe = {
  ecosystem: 'ruby',
  plan({ stage, model, text, buildContext }) {
    const image = recognise(stage);
    if (!image) {
      return [];
    }
    const scan = scanStage(stage, model, text);
    const runtimeTag = slimTag(image);
    const starts = lastStarts(scan);
    const installs = scan.commands.some(({ args }) => (args[0] === 'bundle' && args[1] === 'install') || (args[0] === 'gem' && args[1] === 'install'));
    if (!runtimeTag || !installs || scan.workdir === '' || scan.envFromArg || scan.onbuild || (!starts.entrypoint && !starts.cmd)) {
      return []; // without a start command the image runs irb
    }
    const app = appFiles(scan);
    const usesNode = [...scan.aptPackages, ...scan.apkPackages].some((name) => NODE.test(name)) || scan.commands.some(({ args }) => NODE.test(args[0] ?? ''));
    if (!app || usesNode || !understood(scan, app.dirs)) {
      return [];
    }
    const bundles = scan.commands.some(({ args }) => args[0] === 'bundle' && args[1] === 'install');
    const installed = image.distro === 'alpine' ? scan.apkPackages : scan.aptPackages;
    // git fetches Bundler's git sources; a tool installed with `gem install` may run it itself.
    const packages = runtimePackages(image.distro, installed, (name) => name === 'git' && !bundles);
    const gems = readGems(buildContext, scan);
    const dropped = installed.filter((name) => isBuildOnly(image.distro, name) && !(packages ?? []).includes(name));
    const startWords = [starts.entrypoint, starts.cmd].flatMap((start) => start?.words ?? []);
    if (!packages || dropped.some((name) => startWords.includes(name))) {
      return [];
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
      return [];
    }
    const rails = gems?.names.includes('rails') || startWords.some((word) => /(^|\/)rails$/.test(word));
    const puma = startWords.includes('puma') || gems?.names.includes('puma');
    const writable = app.dirs.length === 0 ? [] : [...new Set([...(rails ? ['tmp', 'log', 'storage'] : puma ? ['tmp'] : []).map((dir) => resolvePath(app.dirs[0], dir)), ...chownedDirs(scan, app.dirs[0])])];
    const runtimeImage = `${image.name}:${runtimeTag}`;
    const notes = [
      `Runtime: ${runtimeImage}, the same Ruby as the build without compilers or headers (no distroless Ruby runtime exists), as non-root.`,
      ...(packages.length > 0 ? [`It installs ${packages.join(', ')}, which the app or its gems load at run time.`] : []),
      ...(image.full && !gems ? [`Assumes the gems load no system library beyond ${runtimeImage}'s; install any they need with apt-get (pg: libpq5).`] : []),
      ...(writable.length > 0 ? [`${writable.map((dir) => basename(dir) + '/').join(', ')} ${writable.length > 1 ? 'are' : 'is'} writable by the app; the rest is read-only to it.`] : []),
      ...privilegedPortNote(scan),
    ];
    const artifacts: Artifact[] = [
      ...gemDirs(scan, app.dirs).map((dir) => ({ source: dir, target: dir })),
      ...app.files.map((path) => ({ source: path, target: path })),
      ...app.dirs.map((dir) => ({ source: dir, target: dir })),
      ...mergeWritable(writable.map((dir) => ({ source: dir, target: dir, chown: NONROOT })), volumes.artifacts, writableDirs(scan, [...app.dirs, ...app.files, GEM_HOME], NONROOT)),
    ];
    return [{
      builderSetup: [...(writable.length > 0 ? ['# Directories the app writes, for the runtime to copy owned by its non-root user.', `RUN mkdir -p ${writable.join(' ')}`] : []), ...volumes.setup],
      runtimeImage,
      runtimeNotes: notes,
      artifacts,
      workdir: scan.workdir,
      runtimeEnv: [...installLines(image.distro, packages), ...nonRootUserLines(image.distro)],
      runtimeEntrypoint: [],
      runtimeUser: NONROOT,
      adaptStart: (command) => command, // same Ruby, same paths, a shell: the start command runs as it is
    }];
  },
};

function recognise(stage: Parameters<SplitRecipe['plan']>[0]['stage']): RubyImage | undefined {
  const { base } = resolveBaseImage(stage);
  if (base.kind !== 'image' || !RUBY_IMAGE.test(imageName(base.image)) || stage.baseText.includes('$')) {
    return undefined;
  }
  const tag = base.image.tag ?? 'latest';
  const alpine = /(^|-)alpine/.test(tag);
  return { name: base.image.text.replace(/@.*$/, '').replace(/:[^/:]*$/, ''), tag, distro: alpine ? 'alpine' : 'debian', full: !alpine && !/(^|-)slim(-|$)/.test(tag) };
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

/** Every RUN command is one we know writes only into the app or the gem directories. */
function understood(scan: StageScan, appDirs: string[]): boolean {
  return scan.commands.every(({ args, cwd }) => {
    const program = args[0];
    if (program === undefined || !KNOWN.test(program)) {
      return program === undefined && args.length === 0;
    }
    return !/^(cp|mv|ln|touch|sed)$/.test(program) || writesOnlyInside(args, cwd, [...appDirs, '/tmp']);
  });
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
function readGems(context: BuildContext | undefined, scan: StageScan): { names: string[] } | undefined {
  const dir = context && contextDirOf(scan, scan.workdir, ['Gemfile', 'Gemfile.lock']);
  const lock = dir === undefined ? undefined : context?.readFile(dir === '' ? 'Gemfile.lock' : `${dir}/Gemfile.lock`);
  if (lock === undefined) {
    return undefined;
  }
  const names = new Set<string>();
  for (const [, name, version] of lock.matchAll(/^ {4}([A-Za-z0-9_.-]+) \(([^)]+)\)$/gm)) {
    if (!/-(x86_64|aarch64|arm64)-linux/.test(version) || !NATIVE_GEMS[name]) {
      names.add(name);
    }
  }
  return { names: [...names] };
}
