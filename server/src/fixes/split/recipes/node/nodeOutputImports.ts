// The packages a build output loads from node_modules at run time, read from the sources it is
// built from. A compiler or bundler that leaves node_modules outside its output keeps each import
// of a package as a require of the output: tsc, Babel and swc compile file by file; Parcel 1 with
// `--target node` bundles no node_modules unless `--bundle-node-modules` (parcel-bundler/parcel#1690);
// esbuild bundles nothing without --bundle, and no package with --packages=external; `vite build
// --ssr` externalises the dependencies. A devDependency the sources import is then needed at run
// time, and a production prune would remove it (wally-registry-frontend: parcel's server requires
// styled-components and @mdx-js/react). Bundlers that take node_modules in (webpack, ncc, tsup,
// rollup, esbuild --bundle) are not read: their output needs no devDependency.
import { posix } from 'path';
import { BuildContext } from '../../../fix';
import { NodeContext } from './nodeContext';

export interface OutputImports {
  /** The command that writes the started script, as package.json has it (`parcel build ... src/server.js`). */
  command: string;
  /** devDependencies (not also dependencies) the output's sources import. */
  devDependencies: string[];
}

/** Extensions a source of a Node build may have, in the order an import without one is resolved. */
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.mdx'];
/** Enough for an app's server sources; a larger graph is read no further. */
const MAX_FILES = 500;

/**
 * The devDependencies the started `script` (relative to the context root, a build output) loads
 * through the sources of the command that writes it, when that command leaves node_modules
 * outside its output; undefined when no such command is found in package.json's scripts.
 */
export function outputImports(context: BuildContext, node: NodeContext, script: string): OutputImports | undefined {
  const devOnly = node.devDependencies.filter((name) => !(name in node.dependencies) && !name.startsWith('@types/'));
  for (const line of Object.values(node.scripts)) {
    for (const command of line.split(/&&|\|\||;/)) {
      const words = command.trim().split(/\s+/).map((word) => word.replace(/^["']|["']$/g, ''));
      const output = externalisingOutput(words, node);
      if (!output || !writes(output, script)) {
        continue;
      }
      const entries = output.entries.length > 0 ? output.entries : counterparts(script, output.dir, output.sourceDir);
      const loaded = packagesImported(context, entries);
      return { command: command.trim(), devDependencies: devOnly.filter((name) => loaded.has(name)) };
    }
  }
  return undefined;
}

interface Output {
  /** The folder (or file, for --outfile) it writes. */
  dir: string;
  file?: string;
  /** Source files named on the command line; empty: compiled folder to folder (tsc, babel src -d lib). */
  entries: string[];
  /** The source folder of a folder-to-folder compile (`babel src -d lib`). */
  sourceDir?: string;
}

/** Where a compile or bundle that leaves node_modules outside writes, and from which sources; undefined for other commands. */
function externalisingOutput(words: string[], node: NodeContext): Output | undefined {
  const program = (word: string) => word.replace(/^(\.\/)?node_modules\/\.bin\//, '');
  const start = words.findIndex((word) => /^(tsc|babel|swc|parcel|esbuild|vite)$/.test(program(word)));
  if (start < 0) {
    return undefined;
  }
  const tool = program(words[start]);
  const args = words.slice(start + 1);
  const option = (...names: string[]) => {
    for (const [index, arg] of args.entries()) {
      const [name, value] = arg.split(/=(.*)/s);
      if (names.includes(name)) {
        return value ?? args[index + 1];
      }
    }
    return undefined;
  };
  const sources = args.filter((arg, index) => !arg.startsWith('-') && !(args[index - 1] ?? '').match(/^-[\w-]+$/) && SOURCE_EXTENSIONS.includes(posix.extname(arg)));
  const clean = (path: string | undefined) => path?.replace(/^\.\//, '').replace(/\/+$/, '');
  switch (tool) {
    case 'tsc': {
      const dir = clean(option('--outDir')) ?? node.outDir;
      return dir === undefined ? undefined : { dir, entries: [] };
    }
    case 'babel':
    case 'swc': {
      const file = clean(option('--out-file', '-o'));
      const dir = clean(option('--out-dir', '-d'));
      const sourceDir = clean(args.find((arg, index) => !arg.startsWith('-') && !(args[index - 1] ?? '').startsWith('-') && !posix.extname(arg)));
      return file ? { dir: posix.dirname(file), file, entries: sources } : dir ? { dir, entries: sources, sourceDir } : undefined;
    }
    case 'parcel': {
      const target = option('--target');
      if (args[0] !== 'build' || target !== 'node' || args.includes('--bundle-node-modules')) {
        return undefined;
      }
      const dir = clean(option('--out-dir', '-d', '--dist-dir')) ?? 'dist';
      const file = clean(option('--out-file', '-o'));
      return { dir, file: file && posix.join(dir, file), entries: sources };
    }
    case 'esbuild': {
      const bundles = args.includes('--bundle') && option('--packages') !== 'external';
      if (bundles) {
        return undefined;
      }
      const file = clean(option('--outfile'));
      const dir = clean(option('--outdir'));
      return file ? { dir: posix.dirname(file), file, entries: sources } : dir ? { dir, entries: sources } : undefined;
    }
    case 'vite': {
      const ssr = option('--ssr');
      if (args[0] !== 'build' || ssr === undefined) {
        return undefined;
      }
      return { dir: clean(option('--outDir')) ?? 'dist', entries: SOURCE_EXTENSIONS.includes(posix.extname(ssr)) ? [clean(ssr) ?? ssr] : [] };
    }
    default:
      return undefined;
  }
}

function writes(output: Output, script: string): boolean {
  return output.file !== undefined ? output.file === script : script.startsWith(`${output.dir}/`);
}

/** The sources a folder-to-folder compile turned into `script`: the same path under the source folder (given, else src/ by habit), any source extension. */
function counterparts(script: string, outDir: string, sourceDir?: string): string[] {
  const rest = script.slice(outDir.length + 1).replace(/\.[cm]?js$/, '');
  const dirs = sourceDir !== undefined ? [sourceDir] : ['src', '', 'server', 'app'];
  return dirs.flatMap((dir) => SOURCE_EXTENSIONS.map((ext) => posix.join(dir, `${rest}${ext}`)));
}

/** Package names imported by the entries and, transitively, by the relative imports they make. */
function packagesImported(context: BuildContext, entries: string[]): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = entries.filter((entry) => context.readFile(entry) !== undefined);
  while (queue.length > 0 && seen.size < MAX_FILES) {
    const file = queue.shift() as string;
    if (seen.has(file)) {
      continue;
    }
    seen.add(file);
    const text = context.readFile(file) ?? '';
    for (const match of text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)|^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\bfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
      const specifier = match[1] ?? match[2] ?? match[3] ?? '';
      if (specifier.startsWith('.')) {
        const resolved = resolveRelative(context, posix.join(posix.dirname(file), specifier));
        if (resolved) {
          queue.push(resolved);
        }
      } else if (!specifier.startsWith('/') && !specifier.startsWith('node:')) {
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
      }
    }
  }
  return packages;
}

/** A relative import as Node and the bundlers resolve it: the file, with a source extension, or the folder's index. */
function resolveRelative(context: BuildContext, path: string): string | undefined {
  const candidates = [path, ...SOURCE_EXTENSIONS.map((ext) => `${path}${ext}`), ...SOURCE_EXTENSIONS.map((ext) => posix.join(path, `index${ext}`))];
  // An import of the compiled name (`./app.js` for app.ts, as ESM TypeScript writes it).
  if (/\.[cm]?js$/.test(path)) {
    candidates.push(...SOURCE_EXTENSIONS.map((ext) => path.replace(/\.[cm]?js$/, ext)));
  }
  return candidates.find((candidate) => SOURCE_EXTENSIONS.includes(posix.extname(candidate)) && context.readFile(candidate) !== undefined);
}
