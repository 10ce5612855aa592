// The arguments of `deno` that start the app on denoland/deno's distroless image, whose
// ENTRYPOINT is tini then /bin/deno: `deno run` and `deno serve` keep every flag as written
// (permissions included). `deno task` declines: the split does not read deno.json's tasks.
import { Declined, decline } from '../../recipe';

export const DENO_PROGRAMS = new Set(['deno', '/usr/bin/deno', '/bin/deno', '/usr/local/bin/deno']);
/** The commands deno_docker's docker-entrypoint.sh (_entry.sh) hands to deno. */
const ENTRY_COMMANDS = new Set(['add', 'bench', 'bundle', 'cache', 'compile', 'completions', 'coverage', 'doc', 'eval', 'fmt', 'help', 'init', 'info', 'install', 'jupyter', 'lint', 'lsp', 'publish', 'remove', 'repl', 'run', 'serve', 'task', 'test', 'types', 'uninstall', 'upgrade', 'vendor']);

/** deno's arguments in a start command: after `deno`, or the whole command when the image's entrypoint would run deno with it. */
export function asDenoWords(words: string[]): string[] | undefined {
  const [first, ...rest] = words;
  if (first === undefined) {
    return undefined;
  }
  if (DENO_PROGRAMS.has(first)) {
    return rest;
  }
  return first.startsWith('-') || ENTRY_COMMANDS.has(first) ? words : undefined;
}

/** The runtime's deno arguments (the same words), or why they cannot start the app there. */
export function denoStart(words: string[]): string[] | Declined {
  const command = words.find((word) => !word.startsWith('-'));
  const watch = words.find((word) => /^--watch(-hmr)?(=|$)/.test(word));
  if (watch) {
    return decline(`The start runs deno with ${watch}, a development mode that reloads on changes; start the app without it, then split.`);
  }
  if (command === 'task') {
    return decline('The start runs `deno task`, whose command is in deno.json, which the split does not read; write the `deno run` line the task runs in the CMD (with its permission flags), then split.');
  }
  if (command !== 'run' && command !== 'serve') {
    return decline(`The start runs \`deno ${words.join(' ')}\`, not \`deno run\` or \`deno serve\`; start the app with deno run, then split.`);
  }
  const script = words.slice(words.indexOf(command) + 1).find((word) => !word.startsWith('-'));
  if (script === undefined) {
    return decline(`The start runs \`deno ${command}\` without a script; name the app's entry file, then split.`);
  }
  return words;
}
