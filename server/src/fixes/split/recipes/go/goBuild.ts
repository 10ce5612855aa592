// What `go build` and `go install` commands in a stage produce: the binaries' paths (from -o, the
// package or file names, go.mod's module path) and whether cgo is on. Naming follows cmd/go: a
// package builds a binary named after the last element of its import path (the element before a
// `/vN` major-version suffix), a list of .go files after the first file, and `go install` writes
// to $GOBIN, else $GOPATH/bin (/go/bin in the golang images).
import { resolvePath } from '../../../../rules/buildArtifacts';
import { basename } from '../../../../rules/shellCommands';
import { BuildContext } from '../../../fix';
import { contextDirOf } from '../shared/splitHelpers';
import { StageScan } from '../shared/stageScan';

/** Flags of `go build`/`go install` that take a value as the next word. */
const VALUE_FLAGS = new Set(['-o', '-p', '-C', '-tags', '-ldflags', '-gcflags', '-asmflags', '-gccgoflags', '-buildmode', '-mod', '-modfile', '-overlay', '-pkgdir', '-pgo', '-toolexec', '-compiler', '-installsuffix', '-coverpkg', '-covermode', '-buildvcs']);
/** Directories that exist in the golang images (and most others), so `-o <dir>` writes into them. */
const EXISTING_DIRS = ['/usr/local/bin', '/usr/bin', '/bin', '/usr/local/sbin', '/usr/sbin', '/sbin', '/go/bin', '/tmp'];
/** Modules whose Go code needs cgo: built with CGO_ENABLED=0 they compile and then fail at run time (gorm's sqlite driver wraps go-sqlite3). */
const CGO_MODULES = /^\s*(?:require\s+)?(github\.com\/mattn\/go-sqlite3|gorm\.io\/driver\/sqlite|github\.com\/confluentinc\/confluent-kafka-go(\/v\d+)?)\s/m;
/** SQLite drivers, cgo or not: the app writes its database file where it runs. */
const SQLITE_MODULES = /^\s*(?:require\s+)?(github\.com\/mattn\/go-sqlite3|gorm\.io\/driver\/sqlite|modernc\.org\/sqlite|github\.com\/glebarez\/(go-)?sqlite|zombiezen\.com\/go\/sqlite|github\.com\/ncruces\/go-sqlite3)\s/m;
/** Build flags that need cgo: the race detector and the sanitizers. */
const CGO_FLAGS = /^--?(race|msan|asan)(=true)?$/;

export interface GoOutput {
  /** Absolute path: the binary, or a directory that holds the binaries of several packages. */
  path: string;
  isDirectory: boolean;
  /** `go install`: the directory is on PATH in the golang images, so the binary runs by name. */
  installed: boolean;
  /** The build's own CGO_ENABLED (`CGO_ENABLED=1 go build`, an `export` earlier in the RUN). */
  cgo?: string;
  /** The link flags ask for a static binary even with cgo (`-extldflags "-static"`). */
  staticLink: boolean;
}

export type GoBuildScan = { outputs: GoOutput[]; tools: string[] } | { unnamed: string };

/** The outputs of every `go build`/`go install` in the stage, or why one of them cannot be named. */
export function goOutputs(scan: StageScan, gopath: string, context: BuildContext | undefined): GoBuildScan {
  const outputs: GoOutput[] = [];
  const tools: string[] = [];
  let exported: string | undefined;
  for (const scanned of scan.commands) {
    const { args, command } = scanned;
    if (command.before === '') {
      exported = undefined; // a new RUN
    }
    if (args[0] === 'export') {
      exported = args.find((word) => word?.startsWith('CGO_ENABLED='))?.split('=')[1] ?? exported;
    }
    if (args[0] !== 'go' || (args[1] !== 'build' && args[1] !== 'install')) {
      continue;
    }
    if (args.some((word) => word === undefined) || scanned.cwd === '') {
      return { unnamed: 'A `go build` uses a variable without a value here (a build argument), so the split cannot tell what it builds or where the binary goes. Give the ARG a default (the split then uses it) or write the value out, then split.' };
    }
    const words = args.slice(2) as string[];
    const assigned = [...command.assignments, ...command.words.slice(0, command.words.length - args.length)].map((word) => word.value);
    const cgo = assigned.find((word) => word.startsWith('CGO_ENABLED='))?.split('=')[1] ?? exported ?? (words.some((word) => CGO_FLAGS.test(word)) ? '1' : undefined);
    const staticLink = /-extldflags[= ]+["']?[^"']*-static\b/.test(words.join(' '));
    const output = outputOf(args[1], words, scanned.cwd, scan, gopath, context);
    if (output === 'tool') {
      tools.push(...words.filter((word) => word.includes('@')).map((word) => nameOfImportPath(word.split('@')[0])));
      continue;
    }
    if (typeof output === 'string') {
      return { unnamed: output };
    }
    outputs.push({ ...output, cgo, staticLink });
  }
  return { outputs, tools };
}

function outputOf(
  verb: string,
  words: string[],
  cwd: string,
  scan: StageScan,
  gopath: string,
  context: BuildContext | undefined,
): Omit<GoOutput, 'cgo' | 'staticLink'> | 'tool' | string {
  const flags = new Map<string, string>();
  const packages: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const [flag, value] = words[i].replace(/^--/, '-').split(/=(.*)/s);
    if (VALUE_FLAGS.has(flag) && value === undefined) {
      flags.set(flag, words[++i] ?? '');
    } else if (flag.startsWith('-')) {
      flags.set(flag, value ?? 'true');
    } else {
      packages.push(words[i]);
    }
  }
  const dir = flags.has('-C') ? resolvePath(cwd, flags.get('-C') ?? '.') : cwd;
  if (verb === 'install') {
    if (packages.length > 0 && packages.every((pkg) => pkg.includes('@'))) {
      return 'tool'; // `go install tool@version`: a tool for the build, not this app
    }
    const gobin = scan.env.get('GOBIN');
    const binDir = gobin ? resolvePath('/', gobin) : `${gopath}/bin`;
    if (packages.some((pkg) => pkg.includes('...')) || packages.length > 1) {
      return { path: binDir, isDirectory: true, installed: true };
    }
    const name = binaryName(packages[0], dir, scan, context);
    return name ? { path: `${binDir}/${name}`, isDirectory: false, installed: true } : unnamedReason(verb, packages[0]);
  }
  const output = flags.get('-o');
  const several = packages.length > 1 && !packages.every((pkg) => pkg.endsWith('.go'));
  if (output !== undefined && output !== '') {
    const target = resolvePath(dir, output);
    if (output.endsWith('/') || isDirectory(target, scan)) {
      if (several || packages.some((pkg) => pkg.includes('...'))) {
        return { path: target, isDirectory: true, installed: false };
      }
      const name = binaryName(packages[0], dir, scan, context);
      return name ? { path: `${target}/${name}`, isDirectory: false, installed: false } : unnamedReason(verb, packages[0]);
    }
    return { path: target, isDirectory: false, installed: false };
  }
  if (several || packages.some((pkg) => pkg.includes('...'))) {
    return 'A `go build` of several packages writes no binary (it only checks that they compile). Name the output with -o, then split.';
  }
  const name = packages.length > 0 && packages[0].endsWith('.go') ? basename(packages[0]).replace(/\.go$/, '') : binaryName(packages[0], dir, scan, context);
  return name ? { path: `${dir}/${name}`, isDirectory: false, installed: false } : unnamedReason(verb, packages[0]);
}

/** A path that is a directory when the build runs: a system one, a WORKDIR, or one a RUN made. */
function isDirectory(path: string, scan: StageScan): boolean {
  return EXISTING_DIRS.includes(path) || path === scan.workdir || scan.commands.some(({ args, cwd }) => args[0] === 'mkdir' && args.slice(1).some((word) => word !== undefined && !word.startsWith('-') && resolvePath(cwd, word) === path));
}

function unnamedReason(verb: string, pkg: string | undefined): string {
  // `go install` takes no -o: the way to name the binary is a `go build -o`.
  const fix = verb === 'install' ? 'Build it with `go build -o /app/<name>` instead' : 'Add `-o /app/<name>` to the build';
  return `\`go ${verb}${pkg ? ` ${pkg}` : ''}\` names the binary after the module path in go.mod, which the split cannot read here. ${fix}, then split.`;
}

/** The binary a package builds into: its directory's name, or the module's for the module root. */
function binaryName(pkg: string | undefined, dir: string, scan: StageScan, context: BuildContext | undefined): string | undefined {
  const local = pkg === undefined || pkg === '.' || pkg === './' || pkg.startsWith('./') || pkg.startsWith('../') || pkg.startsWith('/');
  if (!local) {
    return nameOfImportPath(pkg);
  }
  const path = resolvePath(dir, pkg ?? '.');
  if (path !== dir) {
    // `./cmd/server` is `<module>/cmd/server`: named `server` (unless it is a `/vN` folder).
    const name = basename(path);
    return /^v\d+$/.test(name) ? undefined : name;
  }
  const module = readModule(context, scan, dir);
  return module ? nameOfImportPath(module) : undefined;
}

function nameOfImportPath(path: string): string {
  const elements = path.replace(/\/+$/, '').split('/');
  const last = elements[elements.length - 1];
  return /^v\d+$/.test(last) && elements.length > 1 ? elements[elements.length - 2] : last;
}

/** The go.mod of the module `dir` belongs to: in `dir` or the nearest folder above it, as go finds it. */
function goMod(context: BuildContext | undefined, scan: StageScan, dir: string): string | undefined {
  if (!context) {
    return undefined;
  }
  for (let folder = dir; ; folder = folder.slice(0, folder.lastIndexOf('/')) || '/') {
    const contextDir = contextDirOf(scan, folder, ['go.mod', 'go.sum']);
    const text = contextDir === undefined ? undefined : context.readFile(`${contextDir === '' ? '' : `${contextDir}/`}go.mod`);
    if (text !== undefined || folder === '/') {
      return text;
    }
  }
}

/** The module path of `dir`: in the go.mod the build context put there, or given to a `go mod init` run there. */
function readModule(context: BuildContext | undefined, scan: StageScan, dir: string): string | undefined {
  const fromContext = /^module\s+"?([^\s"]+)"?/m.exec(goMod(context, scan, dir) ?? '')?.[1];
  if (fromContext) {
    return fromContext;
  }
  const init = scan.commands.find(({ args, cwd }) => args[0] === 'go' && args[1] === 'mod' && args[2] === 'init' && cwd === dir);
  const module = init?.args[3];
  return module !== undefined && /^[\w.~/-]+$/.test(module) ? module : undefined;
}

/** Whether the go.mod in `dir` requires a module that only works with cgo. */
export function requiresCgo(context: BuildContext | undefined, scan: StageScan, dir: string): boolean {
  return CGO_MODULES.test(goMod(context, scan, dir) ?? '');
}

/** Whether the module uses a SQLite driver: its database file is written where the app runs. */
export function usesSqlite(context: BuildContext | undefined, scan: StageScan, dir: string): boolean {
  return SQLITE_MODULES.test(goMod(context, scan, dir) ?? '');
}
