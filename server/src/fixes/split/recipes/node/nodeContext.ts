// What the build context says about a Node.js app: package.json (scripts, main, workspaces, the
// package manager it pins), which lock file it has, tsconfig's outDir, and whether registry settings (.npmrc) are
// there. Only read when the app directory is filled from the context root (`COPY . .`).
import { BuildContext } from '../../../fix';
import { NextApp, readNextApp } from './nodeNext';
import { isObject, readPackageJson, stringValues } from './packageJson';

export type Manager = 'npm' | 'yarn' | 'pnpm';

export interface NodeContext {
  /** package.json `scripts`. */
  scripts: Record<string, string>;
  main?: string;
  /** package.json `engines.node`, e.g. `>=18` or `^20.5.1`. */
  nodeEngines?: string;
  /** `dependencies` (what the runtime loads), by name. */
  dependencies: Record<string, string>;
  /** Names in devDependencies: what a production prune removes. */
  devDependencies: string[];
  /** package.json declares workspaces (a monorepo: one install serves several packages). */
  workspaces: boolean;
  /** `packageManager`, e.g. `pnpm@9.12.0`. */
  packageManager?: string;
  /** Lock files present at the context root. */
  lockFiles: Set<string>;
  /** yarn.lock is Yarn 1's format (Yarn 2+ writes `__metadata`). */
  yarnClassic: boolean;
  /** tsconfig.json `compilerOptions.outDir`, without `./` and trailing `/`. */
  outDir?: string;
  /** Lines of .dockerignore (trimmed, comments dropped). */
  dockerignore: string[];
  /** .npmrc or .yarnrc: a registry, a token, install settings. */
  hasRegistryConfig: boolean;
  /** server.js at the root: what `npm start` runs when package.json has no start script. */
  hasServerJs: boolean;
  /** A Next.js app (`next` in the dependencies or devDependencies). */
  next?: NextApp;
}

/** Scripts npm, Yarn 1 and pnpm run on a plain install of the project itself (docs.npmjs.com/cli/using-npm/scripts). */
export const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'preprepare', 'prepare', 'postprepare'];

export const LOCK_FILES: Record<Manager, string> = { npm: 'package-lock.json', yarn: 'yarn.lock', pnpm: 'pnpm-lock.yaml' };

/** The context's facts, or undefined without a context or a readable package.json. */
export function readNodeContext(context: BuildContext | undefined): NodeContext | undefined {
  const manifest = readPackageJson(context);
  if (!context || !manifest) {
    return undefined;
  }
  const scripts = stringValues(manifest.scripts);
  const dependencies: Record<string, string> = {};
  if (isObject(manifest.dependencies)) {
    for (const [name, value] of Object.entries(manifest.dependencies)) {
      dependencies[name] = String(value);
    }
  }
  const devDependencies = isObject(manifest.devDependencies) ? Object.keys(manifest.devDependencies) : [];
  const lockFiles = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'].filter((file) => context.readFile(file) !== undefined));
  const yarnLock = context.readFile('yarn.lock');
  return {
    devDependencies,
    scripts,
    main: typeof manifest.main === 'string' ? manifest.main : undefined,
    dependencies,
    nodeEngines: isObject(manifest.engines) && typeof manifest.engines.node === 'string' ? manifest.engines.node : undefined,
    workspaces: manifest.workspaces !== undefined,
    packageManager: typeof manifest.packageManager === 'string' ? manifest.packageManager : undefined,
    lockFiles,
    yarnClassic: yarnLock !== undefined && /^# yarn lockfile v1$/m.test(yarnLock) && !/^__metadata:/m.test(yarnLock),
    outDir: tsconfigOutDir(context.readFile('tsconfig.json')),
    dockerignore: (context.readFile('.dockerignore') ?? '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#')),
    hasRegistryConfig: ['.npmrc', '.yarnrc', '.yarnrc.yml'].some((file) => context.readFile(file) !== undefined),
    hasServerJs: context.readFile('server.js') !== undefined,
    next: usesNext(manifest) ? readNextApp(context) : undefined,
  };
}

/** `compilerOptions.outDir` of a tsconfig.json (JSONC: comments and trailing commas allowed). */
function tsconfigOutDir(text: string | undefined): string | undefined {
  if (text === undefined) {
    return undefined;
  }
  const json = text
    .replace(/^\uFEFF/, '')
    .replace(/"(?:[^"\\]|\\.)*"|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (match) => (match.startsWith('"') ? match : ''))
    .replace(/,(\s*[}\]])/g, '$1');
  try {
    const config: unknown = JSON.parse(json);
    const outDir = isObject(config) && isObject(config.compilerOptions) ? config.compilerOptions.outDir : undefined;
    return typeof outDir === 'string' ? outDir.replace(/^\.\//, '').replace(/\/+$/, '') || undefined : undefined;
  } catch {
    return undefined;
  }
}

function usesNext(manifest: Record<string, unknown>): boolean {
  return [manifest.dependencies, manifest.devDependencies].some((field) => isObject(field) && 'next' in field);
}


type Version = [number, number, number];

/**
 * Whether a semver range (npm's syntax: `>=18`, `^20.5.1`, `18.x || 20.x`, `16 - 22`) admits a
 * version; undefined for syntax this does not read.
 */
export function rangeAdmits(range: string, version: Version): boolean | undefined {
  let unknown = false;
  const admitted = range.split('||').some((alternative) => {
    const result = alternativeAdmits(alternative.trim(), version);
    unknown ||= result === undefined;
    return result === true;
  });
  return admitted ? true : unknown ? undefined : false;
}

function alternativeAdmits(alternative: string, version: Version): boolean | undefined {
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(alternative);
  const comparators = hyphen ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`] : alternative.replace(/([<>=~^]+)\s+/g, '$1').split(/\s+/).filter((word) => word !== '');
  for (const comparator of comparators) {
    const match = /^(>=|<=|>|<|=|\^|~)?v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-[\w.]+)?$/.exec(comparator);
    if (!match) {
      return undefined;
    }
    const parts = match.slice(2, 5).map((part) => (part === undefined || /^[xX*]$/.test(part) ? undefined : Number(part)));
    const given = parts.findIndex((part) => part === undefined);
    const count = given < 0 ? 3 : given;
    const low: Version = [parts[0] ?? 0, count > 1 ? parts[1]! : 0, count > 2 ? parts[2]! : 0];
    /** The first version after the given components (`20` → 21.0.0, `20.5` → 20.6.0). */
    const next = (upTo: number): Version | undefined => (upTo === 0 ? undefined : low.map((part, index) => (index < upTo - 1 ? part : index === upTo - 1 ? part + 1 : 0)) as Version);
    const op = match[1] ?? '=';
    const bounds: Record<string, [Version | undefined, Version | undefined]> = {
      '=': [low, next(count)],
      '^': [low, next(low[0] > 0 || count < 2 ? 1 : low[1] > 0 || count < 3 ? 2 : 3)],
      '~': [low, next(Math.min(count, 2) || 1)],
      '>=': [low, undefined],
      '>': [next(count) ?? [Infinity, 0, 0], undefined],
      '<': [undefined, low],
      '<=': [undefined, next(count)],
    };
    const [from, to] = bounds[op];
    if ((from && compare(version, from) < 0) || (to && compare(version, to) >= 0)) {
      return false;
    }
  }
  return true;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
