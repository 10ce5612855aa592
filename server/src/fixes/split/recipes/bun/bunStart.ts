// The arguments of `bun` that start the app on oven/bun's distroless image, whose ENTRYPOINT is
// /usr/local/bin/bun: a file runs as written; a package.json script (`bun run start`, `bun start`)
// is read from package.json, because bun runs scripts through the system shell (/bin/sh), which
// distroless lacks, so the runtime runs the script's own `bun <file>` instead.
import { Declined, decline, isDeclined } from '../../recipe';

export const BUN_BIN = '/usr/local/bin/bun';

/** bun's own commands: none of them starts an app. */
const BUILT_IN = new Set(['test', 'x', 'install', 'i', 'add', 'a', 'remove', 'rm', 'update', 'outdated', 'link', 'unlink', 'pm', 'build', 'init', 'create', 'c', 'upgrade', 'repl', 'exec', 'publish', 'patch', 'audit', 'info', 'why']);
/** Flags of bun (before the file) that take the next word as their value. */
const VALUE_FLAGS = new Set(['--env-file', '--preload', '-r', '--require', '--import', '--config', '-c', '--cwd', '--port', '--tsconfig-override', '--conditions', '--main-fields', '--define', '-d', '--loader', '-l', '--jsx-factory', '--jsx-fragment', '--jsx-import-source', '--jsx-runtime', '--extension-order', '--elide-lines']);
/** A file bun runs itself. */
const SCRIPT_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
/** Words a script may hold when run without a shell: no operators, quotes, variables or globs. */
const PLAIN_SCRIPT = /^[\w@%+=:,./-]+(?: +[\w@%+=:,./-]+)*$/;

export interface BunStart {
  /** bun's arguments (what follows /usr/local/bin/bun). */
  args: string[];
  /** The package.json script the original ran, and its command. */
  fromScript?: { call: string; command: string };
}

/**
 * `words` follow `bun` (the original's `bun ...` without the program, or a CMD the oven/bun
 * entrypoint prefixes with bun). `scripts`: package.json's, undefined without the build context.
 */
export function bunStart(words: string[], scripts: Record<string, string> | undefined, depth = 0): BunStart | Declined {
  const dev = words.find((word) => /^--(watch|hot)(=|$)/.test(word));
  if (dev) {
    return decline(`The start runs bun ${dev}, a development server that reloads on changes; start the app without it (\`bun src/index.ts\`), then split.`);
  }
  let index = 0;
  while (index < words.length && words[index].startsWith('-')) {
    index += VALUE_FLAGS.has(words[index]) ? 2 : 1;
  }
  const flags = words.slice(0, index);
  const isRun = words[index] === 'run';
  let at = isRun ? index + 1 : index;
  const runFlags: string[] = [];
  while (isRun && at < words.length && words[at].startsWith('-')) {
    runFlags.push(words[at]);
    at += 1;
  }
  const target = words[at];
  const rest = words.slice(at + 1);
  if (target === undefined) {
    return decline('The start runs bun without a file or script, which opens its REPL; name the app\'s entry file (`bun src/index.ts`), then split.');
  }
  if (!isRun && BUILT_IN.has(target)) {
    return decline(`The start runs \`bun ${target}\`, one of bun's own commands, not the app; start the app's entry file (\`bun src/index.ts\`), then split.`);
  }
  const script = scripts?.[target];
  if (script === undefined) {
    if (SCRIPT_FILE.test(target) || target.includes('/')) {
      return { args: words };
    }
    return scripts === undefined
      ? decline(`The start runs \`bun ${words.join(' ')}\`, a package.json script (bun runs it with /bin/sh, which distroless lacks), and without package.json beside the Dockerfile the split cannot read what it runs; open the Dockerfile beside package.json, or start the entry file itself (\`CMD ["bun", "src/index.ts"]\`), then split.`)
      : decline(`The start runs \`bun ${words.join(' ')}\`, and package.json has no script "${target}" and it is not a .ts or .js file; start the entry file itself (\`CMD ["bun", "src/index.ts"]\`), then split.`);
  }
  const call = `bun ${isRun ? 'run ' : ''}${target}`;
  const hooks = [`pre${target}`, `post${target}`].filter((name) => scripts?.[name] !== undefined);
  if (hooks.length > 0) {
    return decline(`\`${call}\` also runs the package.json script${hooks.length > 1 ? 's' : ''} ${hooks.join(' and ')}, which distroless (no shell) cannot run; start the entry file itself, then split.`);
  }
  const command = script.trim();
  const scriptWords = command.split(/ +/);
  if (!PLAIN_SCRIPT.test(command) || scriptWords[0] !== 'bun' || depth > 2) {
    return decline(`\`${call}\` runs \`${command}\` (package.json), which bun hands to /bin/sh, and distroless has no shell; the split only turns a plain \`bun <file>\` script into the runtime's CMD. Start the entry file in the CMD (\`CMD ["bun", "src/index.ts"]\`), then split.`);
  }
  const inner = bunStart([...scriptWords.slice(1), ...rest.filter((word) => word !== '--')], scripts, depth + 1);
  if (isDeclined(inner)) {
    return inner;
  }
  // Flags given to bun before `run` apply to the bun that runs the script; `run`'s own (--silent,
  // --bun) concern running scripts, which the runtime no longer does.
  return { args: [...flags, ...inner.args], fromScript: { call, command: inner.fromScript?.command ?? command } };
}
