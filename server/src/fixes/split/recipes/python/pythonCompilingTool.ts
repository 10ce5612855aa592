// A program installed from PyPI by name and started by name runs code the split cannot read: the
// build context holds none of it. When the build also installs a C compiler, that program may be
// what uses it, at run time: rainbowstream compiles a C file with `cc` at every start and dies
// without it (review round 13). The split drops the compiler from the runtime, so it declines.
import { PythonBuild } from './pythonBuild';

/** C compilers, or the groups that bring one, on Alpine and on Debian or Ubuntu. */
const COMPILERS = new Set(['build-base', 'gcc', 'g++', 'clang', 'build-essential', 'cc', 'tcc']);

/** Why the split declines, or undefined: the start program is a PyPI package's own script (not a known server), and the build installs a compiler. */
export function compilingToolDecline(build: PythonBuild, knownScripts: ReadonlySet<string>): string | undefined {
  const program = (build.entrypoint ?? build.cmd)?.[0]?.split('/').pop();
  if (program === undefined || knownScripts.has(program) || !build.pipNames.includes(program)) {
    return undefined;
  }
  const compilers = [...build.apkPackages, ...build.aptPackages].filter((name) => COMPILERS.has(name));
  if (compilers.length === 0) {
    return undefined;
  }
  return `The container starts \`${program}\`, installed from PyPI by name, whose code the split cannot read, and the build installs a C compiler (${compilers.join(', ')}) that such a program may run itself (rainbowstream compiles C at every start): the runtime, without the compiler, might not start it. Keep one stage, or split by hand and check that \`${program}\` runs without a compiler.`;
}
