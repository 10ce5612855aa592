// A start command `cargo run ...`: cargo compiles the debug profile when the container starts
// (with the toolchain and the sources in the image) and runs it. The split runs the release
// binary the build already makes instead, with the program's arguments (after `--`), and says
// what changes. Only the flags that pick the binary or quiet cargo are followed; anything that
// changes what is compiled (features, another profile or target, an example) makes it decline.

/** `cargo run` read: the binary it names and the program's arguments. */
export interface CargoRun {
  /** `--bin X`; undefined: the package's only binary. */
  bin?: string;
  /** `--manifest-path`, as written. */
  manifestPath?: string;
  /** The words after `--`: the program's arguments. */
  args: string[];
  /** `--release` / `-r`: the run already used the release profile. */
  release: boolean;
}

/** Flags that only change cargo's own output or lockfile use, not what is built. */
const QUIET = new Set(['-q', '--quiet', '-v', '--verbose', '-vv', '--locked', '--frozen', '--offline']);
/** Flags with a value that do not change what is built. */
const QUIET_WITH_VALUE = new Set(['-j', '--jobs', '--color']);

/** The start words as `cargo run`, or why the split cannot map them to the release binary; undefined when they are not `cargo run`. */
export function readCargoRun(words: readonly string[]): CargoRun | string | undefined {
  if (!/(^|\/)cargo$/.test(words[0] ?? '') || words[1] !== 'run') {
    return undefined;
  }
  const run: CargoRun = { args: [], release: false };
  for (let i = 2; i < words.length; i++) {
    const word = words[i];
    if (word === '--') {
      run.args = words.slice(i + 1);
      break;
    }
    const [flag, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const value = () => inline ?? words[++i];
    if (flag === '--release' || flag === '-r') {
      run.release = true;
    } else if (flag === '--bin') {
      run.bin = value();
      if (!run.bin) {
        return 'The start command\'s `--bin` has no name.';
      }
    } else if (flag === '--manifest-path') {
      run.manifestPath = value();
    } else if (QUIET.has(flag)) {
      continue;
    } else if (QUIET_WITH_VALUE.has(flag)) {
      value();
    } else if (flag === '-p' || flag === '--package') {
      return `The start command runs \`cargo run ${flag} ${value() ?? ''}\`, and the split cannot tell which binary that package builds; name it with \`--bin <name>\` (or start \`target/release/<name>\`), then split.`;
    } else {
      // --features, --profile, --target, --example, a program argument without `--`...
      return `The start command runs \`${words.join(' ')}\`, and \`${word}\` changes what cargo compiles or is not a flag the split follows; start the release binary (\`CMD ["target/release/<name>", ...]\`), then split.`;
    }
  }
  return run;
}

/** The note on what starting the release binary changes. */
export function cargoRunNote(run: CargoRun, name: string): string {
  const profile = run.release
    ? '`cargo run --release` compiled the release profile when the container started (with cargo and the sources in the image)'
    : '`cargo run` compiled the debug profile when the container started (with cargo and the sources in the image)';
  return `${profile}; the runtime starts ${name}, the release binary the build makes, with the same arguments${run.release ? '' : ': optimised, and without the debug profile\'s debug assertions and integer-overflow panics'}. Variables cargo sets for the program (CARGO_MANIFEST_DIR, CARGO_PKG_*) are not set at run time.`;
}

/** A source file of the package that reads a variable only `cargo run` sets, at run time (`env::var("CARGO_MANIFEST_DIR")`). */
export function readsCargoVariable(readFile: (path: string) => string | undefined, list: ((path: string) => string[] | undefined) | undefined, packageDir: string): string | undefined {
  const prefix = packageDir === '' ? '' : `${packageDir}/`;
  const pending = [`${prefix}src`];
  for (let visited = 0; pending.length > 0 && visited < 200; visited++) {
    const dir = pending.shift() ?? '';
    for (const entry of list?.(dir) ?? []) {
      const path = `${dir}/${entry.replace(/\/$/, '')}`;
      if (entry.endsWith('/')) {
        pending.push(path);
      } else if (entry.endsWith('.rs') && /\bvar(_os)?\(\s*"CARGO_/.test(readFile(path) ?? '')) {
        return path;
      }
    }
  }
  return undefined;
}
