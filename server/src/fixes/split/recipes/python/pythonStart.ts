// The Python runtime's start command: the venv's Python or console script instead of `python`,
// `poetry run` or `uv run`, and a CMD turned into the arguments of the Python the ENTRYPOINT runs.
import { StartCommand } from '../../recipe';
import { PythonBuild } from './pythonBuild';

/** `python`, `python3`, `python3.12`, also by their paths in the images. */
export const PYTHON_WORD = /^(\/usr(\/local)?\/bin\/)?python(3(\.\d+)?)?$/;
/** `uv run` options without a value. */
const UV_RUN_FLAGS = new Set(['--frozen', '--locked', '--no-sync', '--no-dev', '--offline', '--no-project', '-q', '--quiet', '--active']);

/**
 * The runtime's start command. A CMD after an ENTRYPOINT stays its arguments; `ENTRYPOINT []`
 * stays. `pythonEntrypoint`: the Python a CMD gives its arguments to (the image's, or the venv's
 * that the plan sets as ENTRYPOINT), so a leading `python` is dropped.
 */
export function adaptStart(command: StartCommand, build: PythonBuild, adapt: (words: string[]) => string[] | undefined, pythonEntrypoint: string | undefined): StartCommand | undefined {
  if ((command.keyword === 'ENTRYPOINT' && command.words.length === 0) || (command.keyword === 'CMD' && build.entrypoint && build.entrypoint.length > 0)) {
    return command;
  }
  const words = adapt(command.words);
  if (!words) {
    return undefined;
  }
  const asArguments = command.keyword === 'CMD' && pythonEntrypoint !== undefined && !build.entrypoint;
  return { keyword: command.keyword, words: asArguments && words[0] === pythonEntrypoint ? words.slice(1) : words };
}

/** Exec words for the runtime: the venv's Python or console script instead of `python`, `poetry run`, `uv run`. */
export function runtimeWords(words: string[], build: PythonBuild, python: string | undefined, venvBin: string | undefined, scripts: Set<string>): string[] | undefined {
  let rest = words;
  if ((build.installer === 'poetry' && rest[0] === 'poetry' && rest[1] === 'run') || (build.installer === 'uv' && rest[0] === 'uv' && rest[1] === 'run')) {
    rest = rest.slice(2);
    while (rest.length > 0 && UV_RUN_FLAGS.has(rest[0])) {
      rest = rest.slice(1);
    }
  }
  const [head, ...args] = rest;
  if (head === undefined || head.includes('$')) {
    return undefined;
  }
  if (PYTHON_WORD.test(head)) {
    return [python ?? head, ...args];
  }
  if (/^(\.\/)?[\w./-]+\.py$/.test(head)) {
    return [python ?? 'python3', head.replace(/^\.\//, ''), ...args]; // `uv run app.py`, `./manage.py` (its shebang needs /usr/bin/env)
  }
  if (venvBin && head.startsWith(`${venvBin}/`)) {
    return rest;
  }
  // A console script's shebang is the venv's python, which the kernel runs without a shell.
  return venvBin && scripts.has(head.toLowerCase()) ? [`${venvBin}/${head}`, ...args] : undefined;
}
