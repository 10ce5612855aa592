// The start command on distroless Node: its ENTRYPOINT is /nodejs/bin/node (not on PATH; no npm,
// npx, Yarn or corepack: GoogleContainerTools/distroless nodejs/testdata/check_npm.yaml), so a
// CMD holds node's arguments and `npm start` becomes the node command package.json's script runs.
// Scripts are made absolute: the runtime's WORKDIR is the app's, but absolute paths do not depend on it.
import { execFormWords, isExecForm, shellToExecForm } from '../../../core/commands';
import { Stage } from '../../../core/stages';
import { resolvePath } from '../../../rules/buildArtifacts';
import { StartCommand } from '../recipe';
import { NodeBuild } from './nodeBuild';
import { NodeContext } from './nodeContext';

export const NODE_BIN = '/nodejs/bin/node';
const NODE_WORD = /^(\/usr\/local\/bin\/|\/usr\/bin\/)?node(js)?$/;
/** Node options whose value is the next word. */
const NODE_VALUE_OPTIONS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '--conditions', '-C', '--title', '--inspect-port', '--env-file', '--env-file-if-exists', '--input-type']);
/** Node options that run no script file, or only suit development. */
const NODE_NO_SCRIPT = /^(-e|--eval|-p|--print|-i|--interactive|--run|-c|--check|-v|--version|-h|--help|--test|--watch|--watch-path)(=|$)/;

/** What the runtime starts: node's arguments, with the script made absolute. */
export interface NodeArgs {
  args: string[];
  /** The package script it comes from (`npm start` → `start`) and that script's command. */
  fromScript?: { call: string; command: string };
  /** The script's absolute path; undefined when the words hold options only (`ENTRYPOINT ["node"]`). */
  script?: string;
}

/** node's arguments for the start command the container runs (ENTRYPOINT, else CMD). */
export function startArgs(stage: Stage, build: NodeBuild, context: NodeContext | undefined): NodeArgs | undefined {
  const last = (keyword: string) => stage.instructions.filter((i) => i.getKeyword() === keyword).pop();
  const words = (keyword: string) => {
    const instruction = last(keyword);
    return instruction && (isExecForm(instruction) ? execFormWords(instruction) : shellToExecForm(instruction.getArgumentsContent() ?? ''));
  };
  const entrypoint = last('ENTRYPOINT') ? words('ENTRYPOINT') : undefined;
  if (last('ENTRYPOINT') && !entrypoint?.length) {
    return undefined; // `ENTRYPOINT []` or shell syntax
  }
  const fromEntrypoint = entrypoint && nodeArgs(entrypoint, build, context);
  if (entrypoint && !fromEntrypoint) {
    return undefined;
  }
  if (fromEntrypoint?.script) {
    return fromEntrypoint;
  }
  const cmd = words('CMD');
  return cmd && (fromEntrypoint ? parseNodeArgs(cmd, build.appDir) : nodeArgs(cmd, build, context));
}

export function adaptStart(command: StartCommand, build: NodeBuild, context: NodeContext | undefined): StartCommand | undefined {
  const entrypoint = build.entrypoint && nodeArgs(build.entrypoint, build, context);
  if (command.keyword === 'CMD' && entrypoint) {
    if (entrypoint.script) {
      return command; // the app's own arguments
    }
    const args = parseNodeArgs(command.words, build.appDir);
    return args && { keyword: 'CMD', words: args.args };
  }
  const args = nodeArgs(command.words, build, context);
  if (!args) {
    return undefined;
  }
  return command.keyword === 'ENTRYPOINT' ? { keyword: 'ENTRYPOINT', words: [NODE_BIN, ...args.args] } : { keyword: 'CMD', words: args.args };
}

/** node's arguments for `node ...`, or for `npm start`/`yarn <script>`/`pnpm run <script>` when package.json says it runs node. */
function nodeArgs(words: string[], build: NodeBuild, context: NodeContext | undefined): NodeArgs | undefined {
  const viaScript = /^(npm|yarn|pnpm)$/.test(words[0] ?? '');
  const command = viaScript ? packageScript(words, context) : words;
  const args = command && NODE_WORD.test(command[0] ?? '') ? parseNodeArgs(command.slice(1), build.appDir) : undefined;
  return args && viaScript ? { ...args, fromScript: { call: words.join(' '), command: command!.join(' ') } } : args;
}

/** The command a package script runs, from package.json; undefined without it or when it is no plain command. */
function packageScript(words: string[], context: NodeContext | undefined): string[] | undefined {
  if (!context) {
    return undefined;
  }
  const [tool, ...rest] = words.filter((word, index) => index === 0 || !/^(-s|--silent|-q|--quiet)$/.test(word));
  const verb = rest[0];
  const named = verb === 'run' || verb === 'run-script';
  const name = named ? rest[1] : verb === 'start' || (tool !== 'npm' && verb !== undefined && verb in context.scripts) ? verb : undefined;
  if (name === undefined || `pre${name}` in context.scripts || `post${name}` in context.scripts) {
    return undefined; // hooks npm and Yarn 1 run around the script
  }
  const extra = rest.slice(named ? 2 : 1);
  // npm start with no start script runs `node server.js` (docs.npmjs.com/cli/commands/npm-start; pnpm too).
  const script = context.scripts[name] ?? (name === 'start' && tool !== 'yarn' && context.hasServerJs ? 'node server.js' : undefined);
  const command = script === undefined ? undefined : shellToExecForm(script);
  return command && [...command, ...(extra[0] === '--' ? extra.slice(1) : extra)];
}

/** node's options and script (made absolute: the runtime's WORKDIR is the app's, but absolute paths do not depend on it). */
function parseNodeArgs(args: string[], appDir: string): NodeArgs | undefined {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word.includes('$')) {
      return undefined;
    }
    if (word === '-' || NODE_NO_SCRIPT.test(word)) {
      return undefined;
    }
    if (word.startsWith('-')) {
      out.push(word);
      if (NODE_VALUE_OPTIONS.has(word) && i + 1 < args.length) {
        out.push(args[++i]);
      }
      continue;
    }
    const script = resolvePath(appDir, word);
    return { args: [...out, script, ...args.slice(i + 1)], script };
  }
  return { args: out };
}
