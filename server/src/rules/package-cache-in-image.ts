import { Arg, Env, Run } from 'dockerfile-ast';
import { isExecForm } from '../core/commands';
import { Stage } from '../core/stages';
import { TextEdit } from '../core/types';
import { PackageCommand, PackageManager, cacheMountTargets, packageCommandOf, removedPaths, runsSubcommand } from './packageManagers';
import { FindingFix, Rule, RuleResult } from './rule';
import { DocumentText, SimpleCommand, commandsOf, documentText } from './shellCommands';
import { shippedStages } from './shippedStages';

/**
 * Package-manager caches left in a layer of the shipped image: pip's wheel cache, apt's package
 * lists, apk's index, npm's and Yarn's download caches, Bundler's `.gem` files. A layer never
 * shrinks, so the cache must go in the same RUN (a flag, a cleanup, or a BuildKit cache mount,
 * which is never part of the image). Builder stages whose artifacts alone are copied are quiet.
 */
export const packageCacheInImage: Rule = {
  id: 'package-cache-in-image',
  description: 'A package install in the shipped stage leaves its download cache in the image (pip, apt lists, apk, npm, Yarn, uv, Bundler).',
  defaultSeverity: 'warning',
  productionOnly: true,
  check({ model, runtimeStage, text }) {
    const shipped = [...shippedStages(runtimeStage)].sort((a, b) => a.index - b.index);
    if (shipped.length === 0) return [];
    const doc = documentText(text);
    const escape = model.dockerfile.getEscapeCharacter();
    const environment = new Map<Stage, Set<string>>();
    const results: RuleResult[] = [];
    for (const stage of shipped) {
      const names = new Set(stage.base.kind === 'stage' ? environment.get(stage.base.stage) : undefined);
      for (const instruction of stage.instructions) {
        if (instruction instanceof Env) {
          for (const property of instruction.getProperties()) names.add(property.getName());
        } else if (instruction instanceof Arg) {
          // A build argument with a default is in the environment of the RUN steps after it.
          const property = instruction.getProperty();
          if (property?.getValue()) names.add(property.getName());
        } else if (instruction instanceof Run) {
          results.push(...leftCaches(instruction, commandsOf(instruction, doc, escape), names, doc));
        }
      }
      environment.set(stage, names);
    }
    return results;
  },
};

interface CacheCheck {
  /** Where the cache lives, for the message. */
  where: string;
  /** A cache mount on this target keeps the cache out of the image. */
  mount: RegExp;
  /** `rm` of such a path in the same RUN removes it. */
  removal: RegExp;
  /** The command handles the cache itself (a flag or variable), or the RUN cleans it. */
  handled(found: PackageCommand, commands: readonly SimpleCommand[], environment: ReadonlySet<string>): boolean;
  /** How to fix, for the message. */
  advice: string;
  /** The cache mount that keeps it out of the image, for the message. */
  cacheMount: string;
  fix?(found: PackageCommand, run: Run, commands: readonly SimpleCommand[], doc: DocumentText): FindingFix | undefined;
}

const hasWord = (found: PackageCommand, ...words: string[]) => found.command.words.some((word) => words.includes(word.value));
const assigns = (found: PackageCommand, name: string) => [...found.command.assignments, ...found.command.words].some((word) => word.value.startsWith(`${name}=`));

const CHECKS: Partial<Record<PackageManager, CacheCheck>> = {
  pip: {
    cacheMount: '/root/.cache/pip',
    where: 'its wheel cache (`~/.cache/pip`)',
    mount: /(^|\/)\.cache(\/pip)?$/,
    removal: /\.cache(\/pip)?\/?\*?$/,
    handled: (found, commands, environment) =>
      // pip's option parser takes unambiguous prefixes: `--no-cache` is `--no-cache-dir`.
      hasWord(found, '--no-cache-dir', '--no-cache') || assigns(found, 'PIP_NO_CACHE_DIR') || environment.has('PIP_NO_CACHE_DIR') || runsSubcommand(commands, /^pip[\d.]*$/, 'cache', 'purge'),
    advice: 'add `--no-cache-dir` (or set `ENV PIP_NO_CACHE_DIR=1`)',
    fix: (found, _run, _commands, doc) => insertAfter(doc, found, ' --no-cache-dir', 'Add --no-cache-dir'),
  },
  uv: {
    cacheMount: '/root/.cache/uv',
    where: "uv's cache (`~/.cache/uv`)",
    mount: /(^|\/)\.cache(\/uv)?$/,
    removal: /\.cache(\/uv)?\/?\*?$/,
    handled: (found, commands, environment) => hasWord(found, '--no-cache', '-n') || assigns(found, 'UV_NO_CACHE') || environment.has('UV_NO_CACHE') || runsSubcommand(commands, /^uv$/, 'cache'),
    advice: 'add `--no-cache` (or set `ENV UV_NO_CACHE=1`)',
  },
  apt: {
    cacheMount: '/var/lib/apt,sharing=locked',
    where: 'the package lists (`/var/lib/apt/lists`, tens of MB)',
    mount: /^\/var\/lib\/apt(\/lists)?$/,
    removal: /^\/var\/lib\/apt(\/lists)?(\/\*?)?$|^\/var\/lib\/apt\/lists\//,
    // `apt-get dist-clean` (apt 2.9+, Debian 13) removes the lists too.
    handled: (_found, commands) => runsSubcommand(commands, /^apt(-get)?$/, 'dist-clean'),
    advice: 'remove them in the same RUN (`&& rm -rf /var/lib/apt/lists/*`)',
    fix: (found, run, commands, doc) => {
      const installs = commands.some((command) => {
        const other = packageCommandOf(command);
        return other?.manager === 'apt' && other.verb !== 'update' && other.word.start > found.word.start;
      });
      // Removing the lists after an update that a later RUN needs would break that RUN.
      return installs ? appendToRun(run, doc, 'rm -rf /var/lib/apt/lists/*', 'Remove the apt lists in this RUN') : undefined;
    },
  },
  apk: {
    cacheMount: '/var/cache/apk',
    where: 'the package index (`/var/cache/apk`)',
    mount: /^\/(var\/cache\/apk|etc\/apk\/cache)$/,
    removal: /^\/var\/cache\/apk/,
    // `--no-network` installs from what is already there: no index is fetched.
    handled: (found) => hasWord(found, '--no-cache', '--no-network'),
    advice: 'add `--no-cache`',
    fix: (found, _run, _commands, doc) => insertAfter(doc, found, ' --no-cache', 'Add --no-cache'),
  },
  npm: {
    cacheMount: '/root/.npm',
    where: "npm's download cache (`~/.npm`)",
    mount: /\.npm(\/_cacache)?$/,
    removal: /\.npm(\/_cacache)?\/?\*?$/,
    // `npm cache clear` is the spelling of npm 4 and older.
    handled: (_found, commands) =>
      runsSubcommand(commands, /^npm$/, 'cache', 'clean') || runsSubcommand(commands, /^npm$/, 'cache', 'clear'),
    advice: 'clean it in the same RUN (`&& npm cache clean --force`)',
    fix: (_found, run, _commands, doc) => appendToRun(run, doc, 'npm cache clean --force', 'Clean the npm cache in this RUN'),
  },
  yarn: {
    cacheMount: '/usr/local/share/.cache/yarn',
    where: "Yarn's download cache",
    mount: /yarn/,
    // Yarn 1 keeps it in `~/.cache/yarn` (`/usr/local/share/.cache/yarn` for root in the node images).
    removal: /yarn|\/\.cache\/?\*?$/,
    handled: (_found, commands) => runsSubcommand(commands, /^yarn$/, 'cache', 'clean'),
    advice: 'clean it in the same RUN (`&& yarn cache clean`)',
    fix: (_found, run, _commands, doc) => appendToRun(run, doc, 'yarn cache clean', 'Clean the Yarn cache in this RUN'),
  },
  bundle: {
    cacheMount: '/usr/local/bundle/cache',
    where: 'the downloaded `.gem` files (`$GEM_HOME/cache`, `/usr/local/bundle/cache` in the official images)',
    mount: /bundle|gem/,
    removal: /cache/,
    handled: () => false,
    advice: 'remove them in the same RUN (`&& rm -rf /usr/local/bundle/cache`, or `"${BUNDLE_PATH}"/ruby/*/cache` with a `BUNDLE_PATH`)',
  },
};

function leftCaches(run: Run, commands: readonly SimpleCommand[], environment: ReadonlySet<string>, doc: DocumentText): RuleResult[] {
  // Cheap first: most steps install nothing, and the flags, removals and templates cost more.
  if (!commands.some((command) => packageCommandOf(command) !== undefined)) return [];
  // A template (`{{ clean_apt }}` in docker-library's) may expand to the cleanup: unknowable here.
  if (commands.some((command) => command.words.some((word) => word.value.includes('{{')))) return [];
  const mounts = cacheMountTargets(run);
  const removed = removedPaths(commands);
  const reported = new Set<PackageManager>();
  const results: RuleResult[] = [];
  for (const command of commands) {
    const found = packageCommandOf(command);
    if (!found || reported.has(found.manager)) continue;
    // apt: the lists come from `update`; an install alone adds only what the update left.
    if (found.manager === 'apt' && found.verb !== 'update') continue;
    const check = CHECKS[found.manager];
    if (!check || mounts.some((target) => check.mount.test(target)) || removed.some((path) => check.removal.test(path)) || check.handled(found, commands, environment)) continue;
    reported.add(found.manager);
    const fix = isExecForm(run) ? undefined : check.fix?.(found, run, commands, doc);
    const what = found.verb ? `${found.program} ${found.verb}` : found.program;
    results.push({
      range: doc.wordRange(found.word),
      message: `\`${what}\` leaves ${check.where} in a layer of the shipped image, where a later step cannot remove it: ${check.advice}, or keep it out of the image with \`RUN --mount=type=cache,target=${check.cacheMount}\`.`,
      fixes: fix ? [fix] : undefined,
    });
  }
  return results;
}

/** A flag right after the verb (`pip install --no-cache-dir`, `apk add --no-cache`). */
function insertAfter(doc: DocumentText, found: PackageCommand, text: string, title: string): FindingFix {
  return { title, isPreferred: true, edits: [{ range: doc.rangeOf(found.word.end, found.word.end), newText: text }] };
}

/** `&& <command>` at the end of a shell-form RUN without heredocs, when its end allows it. */
function appendToRun(run: Run, doc: DocumentText, command: string, title: string): FindingFix | undefined {
  const args = run.getArguments();
  const last = args[args.length - 1];
  if (!last || run.getHeredocs().length > 0 || /[;&|\\]$/.test(last.getValue())) return undefined;
  const end = doc.offsetAt(last.getRange().end);
  const edit: TextEdit = { range: doc.rangeOf(end, end), newText: ` && ${command}` };
  return { title, isPreferred: true, edits: [edit] };
}
