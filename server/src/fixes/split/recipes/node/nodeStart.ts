// The start command on distroless Node: its ENTRYPOINT is /nodejs/bin/node (not on PATH; no npm,
// npx, Yarn or corepack: GoogleContainerTools/distroless nodejs/testdata/check_npm.yaml), so a
// CMD holds node's arguments and `npm start` becomes the node command package.json's script runs.
// Scripts are made absolute: the runtime's WORKDIR is the app's, but absolute paths do not depend on it.
// A start command that is no production start of a Node server (a dev server, a static file
// server, Next.js's CLI, pm2) makes the split decline and say why.
// On the node image's slim variant (nodeSlim.ts) the same command runs, with `node` in front.
import { execFormWords, isExecForm, shellToExecForm } from '../../../../core/commands';
import { Stage } from '../../../../core/stages';
import { resolvePath } from '../../../../rules/buildArtifacts';
import { Declined, StartCommand, decline, isDeclined } from '../../recipe';
import { NodeBuild } from './nodeBuild';
import { NodeContext } from './nodeContext';
import { nextStart } from './nodeNext';
import { expandedShellStart } from './nodeShellStart';

export const NODE_BIN = '/nodejs/bin/node';
const NODE_WORD = /^(\/usr\/local\/bin\/|\/usr\/bin\/)?node(js)?$/;
/** Node options whose value is the next word. */
const NODE_VALUE_OPTIONS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '--conditions', '-C', '--title', '--inspect-port', '--env-file', '--env-file-if-exists', '--input-type']);
/** Node options that run no script file. */
const NODE_NO_SCRIPT = /^(-e|--eval|-p|--print|-i|--interactive|--run|-c|--check|-v|--version|-h|--help|--test)(=|$)/;
/** Node options that restart on file changes: development only. */
const NODE_WATCH = /^(--watch|--watch-path)(=|$)/;
/** Programs (or program and subcommand) that serve an app in development: they reload, serve unbuilt sources, need devDependencies. */
const DEV_SERVERS = /^(nodemon|ts-node-dev|tsnd|webpack-dev-server|live-server|browser-sync|vite|react-scripts start|ng serve|webpack serve|vue-cli-service serve|next dev|nuxt dev|nuxi dev|astro dev|remix dev|gatsby develop|parcel|parcel serve|ember serve|tsx watch|vite dev|vite serve|svelte-kit dev|nest start)$/;
/** Package scripts named for development. */
export const DEV_SCRIPTS = /^(dev|develop|development|watch|serve|start:dev|dev:.*|.*:watch)$/;
/** Programs that serve a built front-end as static files. */
const STATIC_SERVERS = /^(serve|http-server|vite preview|lite-server|static-server|angular-http-server)$/;

/** What the runtime starts: node's arguments, with the script made absolute. */
export interface NodeArgs {
  args: string[];
  /** The package script it comes from (`npm start` → `start`) and that script's command. */
  fromScript?: { call: string; command: string };
  /** The script's absolute path; undefined when the words hold options only (`ENTRYPOINT ["node"]`). */
  script?: string;
  /** Next.js: started from its standalone server.js, or through its CLI; with the environment server.js reads (PORT, HOSTNAME). */
  next?: { standalone: boolean; env: [string, string][] };
}

/** The first word of the command the container runs (ENTRYPOINT, else CMD), for recognising a Node build. */
export function startProgram(stage: Stage): string | undefined {
  const words = startWords(stage, 'ENTRYPOINT') ?? startWords(stage, 'CMD');
  return words?.[0];
}

/** The words of the stage's last CMD or ENTRYPOINT; with `env`, a shell form's variables that ENVs set are written in (nodeShellStart.ts). */
function startWords(stage: Stage, keyword: 'CMD' | 'ENTRYPOINT', env?: ReadonlyMap<string, string>): string[] | undefined {
  const instruction = stage.instructions.filter((i) => i.getKeyword() === keyword).pop();
  if (!instruction || isExecForm(instruction)) {
    return instruction && execFormWords(instruction);
  }
  const expanded = env && expandedShellStart(stage, keyword, env);
  return shellToExecForm(instruction.getArgumentsContent() ?? '') ?? (expanded && !isDeclined(expanded) ? expanded.words : undefined);
}

/** node's arguments for the start command the container runs (ENTRYPOINT, else CMD), or why it cannot run on distroless. */
export function startArgs(stage: Stage, build: NodeBuild, context: NodeContext | undefined, launcher: NodeLauncher = DISTROLESS_LAUNCHER): NodeArgs | Declined {
  const has = (keyword: string) => stage.instructions.some((i) => i.getKeyword() === keyword);
  const entrypoint = has('ENTRYPOINT') ? startWords(stage, 'ENTRYPOINT', build.env) : undefined;
  if (has('ENTRYPOINT') && !entrypoint?.length) {
    return decline(entrypoint ? 'The ENTRYPOINT is empty, which the distroless Node runtime cannot keep (its entrypoint is node); write the start command in CMD, then split.' : shellSyntax('ENTRYPOINT'));
  }
  const kept = entrypoint && launcher.init && entrypoint.join('\0') === launcher.init.join('\0');
  const fromEntrypoint = entrypoint && !kept ? nodeArgs(entrypoint, build, context, 'ENTRYPOINT', launcher) : undefined;
  if (fromEntrypoint && (isDeclined(fromEntrypoint) || fromEntrypoint.script)) {
    return fromEntrypoint;
  }
  const cmd = startWords(stage, 'CMD', build.env);
  if (!cmd) {
    return decline(has('CMD') ? shellSyntax('CMD') : 'The ENTRYPOINT runs node without a script, and there is no CMD naming one; add it, then split.');
  }
  const args = fromEntrypoint ? parseNodeArgs(cmd, build.appDir, 'CMD') : nodeArgs(cmd, build, context, 'CMD', launcher);
  if (!isDeclined(args) && !args.script) {
    return decline('The start command runs node without a script file; name the script (CMD ["node", "server.js"]), then split.');
  }
  return args;
}

/** How a runtime starts node: the program, and whether a CMD is node's arguments (an ENTRYPOINT that is node) or a command. */
export interface NodeLauncher {
  program: string;
  cmdIsArguments: boolean;
  /** Why a package manager's script cannot start the app there, for the user (`the runtime has no npm`). */
  withoutTool(tool: string): string;
  /** The program by its path, for an ENTRYPOINT (and so a HEALTHCHECK, which runs without the image's entrypoint); default: `program`. */
  absoluteProgram?: string;
  /** An init ENTRYPOINT the runtime has too (`["/usr/bin/tini", "--"]` with tini installed there): kept as it is, the CMD starts the app. */
  init?: string[];
}

/** `tini --` or `/usr/bin/tini -g --`: an init that runs the CMD; Debian's tini package puts it in /usr/bin. */
export function isTiniWrapper(words: string[] | undefined): boolean {
  return words !== undefined && /^(\/usr\/bin\/)?tini$/.test(words[0] ?? '') && words[words.length - 1] === '--' && words.slice(1).every((word) => /^-[a-z-]*$/.test(word));
}

/** Distroless: its ENTRYPOINT is node, so a CMD holds node's arguments. */
export const DISTROLESS_LAUNCHER: NodeLauncher = { program: NODE_BIN, cmdIsArguments: true, withoutTool: (tool) => `the runtime has no ${tool}` };
/**
 * The node image: its ENTRYPOINT docker-entrypoint.sh runs a CMD whose first word is a command
 * (node) as it is (nodejs/docker-node docker-entrypoint.sh), so the CMD names node, on PATH. It
 * has npm, but the split starts node itself, as on distroless: npm would stand between the app
 * and the stop signal. Its node is /usr/local/bin/node (nodejs/docker-node installs Node.js in /usr/local).
 */
export const NODE_IMAGE_LAUNCHER: NodeLauncher = { program: 'node', absoluteProgram: '/usr/local/bin/node', cmdIsArguments: false, withoutTool: (tool) => `the split starts the app with node itself, not through ${tool}` };

export function adaptStart(command: StartCommand, build: NodeBuild, context: NodeContext | undefined, launcher: NodeLauncher = DISTROLESS_LAUNCHER): StartCommand | undefined {
  if (command.keyword === 'ENTRYPOINT' && launcher.init && command.words.join('\0') === launcher.init.join('\0')) {
    return command;
  }
  const entrypoint = build.entrypoint && nodeArgs(build.entrypoint, build, context, 'ENTRYPOINT', launcher);
  if (command.keyword === 'CMD' && entrypoint && !isDeclined(entrypoint)) {
    if (entrypoint.script) {
      return command; // the app's own arguments
    }
    const args = parseNodeArgs(command.words, build.appDir, 'CMD');
    return isDeclined(args) ? undefined : { keyword: 'CMD', words: args.args };
  }
  const args = nodeArgs(command.words, build, context, command.keyword, launcher);
  if (isDeclined(args)) {
    return undefined;
  }
  const asCommand = command.keyword === 'ENTRYPOINT' || !launcher.cmdIsArguments;
  const program = command.keyword === 'ENTRYPOINT' ? launcher.absoluteProgram ?? launcher.program : launcher.program;
  return { keyword: command.keyword, words: asCommand ? [program, ...args.args] : args.args };
}

/** node's arguments for `node ...`, or for `npm start`/`yarn <script>`/`pnpm run <script>` when package.json says it runs node. */
function nodeArgs(words: string[], build: NodeBuild, context: NodeContext | undefined, keyword: string, launcher: NodeLauncher): NodeArgs | Declined {
  const program = words[0] ?? '';
  if (!/^(npm|yarn|pnpm)$/.test(program)) {
    const next = nextArgs(words, build, context);
    if (next) {
      return next;
    }
    return NODE_WORD.test(program) ? standaloneScript(parseNodeArgs(words.slice(1), build.appDir, keyword), build, context) : decline(notNode(words, `The ${keyword}`, context));
  }
  const script = packageScript(words, context, keyword, launcher);
  if (isDeclined(script)) {
    return script;
  }
  const call = words.join(' ');
  const next = nextArgs(script, build, context);
  if (next) {
    return isDeclined(next) ? next : { ...next, fromScript: { call, command: script.join(' ') } };
  }
  if (!NODE_WORD.test(script[0] ?? '')) {
    return decline(notNode(script, `The ${keyword} (\`${call}\` runs \`${script.join(' ')}\`)`, context));
  }
  const args = standaloneScript(parseNodeArgs(script.slice(1), build.appDir, `script of \`${call}\``, false), build, context);
  return isDeclined(args) ? args : { ...args, fromScript: { call, command: script.join(' ') } };
}

/** `next start` of a Next.js app: the standalone server.js, or Next.js's CLI run by node; undefined for other commands. */
function nextArgs(words: string[], build: NodeBuild, context: NodeContext | undefined): NodeArgs | Declined | undefined {
  const start = context?.next && nextStart(words, build.appDir, context.next);
  if (!start || isDeclined(start) || !context?.next) {
    return start;
  }
  return { args: start.args, script: start.script, next: { standalone: context.next.standalone, env: start.env } };
}

/** `node .next/standalone/server.js`: the runtime copies .next/standalone into the app directory, so server.js is there. */
function standaloneScript(args: NodeArgs | Declined, build: NodeBuild, context: NodeContext | undefined): NodeArgs | Declined {
  const standalone = `${build.appDir}/.next/standalone/server.js`;
  if (isDeclined(args) || !context?.next?.standalone || args.script !== standalone) {
    return args;
  }
  const script = `${build.appDir}/server.js`;
  return { args: args.args.map((word) => (resolvePath(build.appDir, word) === standalone ? script : word)), script, next: { standalone: true, env: [] } };
}

/** Why a command that does not run node cannot start on distroless: dev server, static server, Next.js, or another program. */
function notNode(command: string[], subject: string, context: NodeContext | undefined): string {
  // `npx vite`: the package npx runs is what the command is.
  const words = command[0] === 'npx' ? command.slice(1).filter((word) => !word.startsWith('-')) : command;
  const program = (words[0] ?? '').replace(/^(\.\/)?node_modules\/\.bin\//, '');
  const withVerb = `${program} ${words[1]?.startsWith('-') ? '' : (words[1] ?? '')}`.trim();
  if (DEV_SERVERS.test(program) || DEV_SERVERS.test(withVerb)) {
    const production = productionScript(context);
    // nodemon runs node on the file it is given: node can run that file itself.
    const watched = program === 'nodemon' ? words.slice(1).find((word) => /^[\w./-]+\.[cm]?js$/.test(word)) : undefined;
    const start = production
      ? `Start the built app as package.json's "${production.name}" script does (CMD [${production.words.map((word) => JSON.stringify(word)).join(', ')}])`
      : watched
        ? `Start it with node (CMD ["node", ${JSON.stringify(watched)}])`
        : 'Start the built app with node (for example CMD ["node", "dist/index.js"], the file the build writes)';
    return `${subject} starts the app with a development tool (\`${withVerb}\`), which is not a production start: it works from the sources and needs the devDependencies. ${start}, then split.`;
  }
  if (STATIC_SERVERS.test(program) || STATIC_SERVERS.test(withVerb)) {
    return `${subject} serves a built front-end as static files (\`${withVerb}\`); it needs no Node.js at run time. Serve the build output from a web server image (nginx-unprivileged) instead; split by hand.`;
  }
  if (withVerb === 'next start') {
    return `${subject} starts Next.js with its CLI, which the runtime would not have; set output: 'standalone' in next.config and start .next/standalone/server.js with node, then split.`;
  }
  if (/^(tini|tini-static|dumb-init)$/.test(program.replace(/^.*\//, ''))) {
    return `${subject} runs ${program}, an init process (it forwards signals to the app and reaps zombies), which the split keeps only as Debian's tini installed with apt-get (the distroless runtime has none). Install tini with apt-get and start with ENTRYPOINT ["/usr/bin/tini", "--"], or drop the init and run the container with \`docker run --init\`, then split.`;
  }
  if (/\.(sh|bash)$/.test(program)) {
    return `${subject} runs ${program}, a shell script, and the distroless runtime has no shell. Do its work in the app (e.g. read a secret's *_FILE in Node) or in the build, start the app with node (ENTRYPOINT removed, CMD ["node", "server.js"]), then split.`;
  }
  if (/^pm2(-runtime)?$/.test(program)) {
    return `${subject} runs pm2, which the distroless runtime does not have; in a container the orchestrator restarts the app, so start it with node directly (CMD ["node", "server.js"]), then split.`;
  }
  return `${subject} runs \`${program}\`, which the distroless Node runtime (node only, no shell, no npm) cannot start; start the app with node, then split.`;
}

/** Scripts that start a built app by convention (NestJS's `start:prod`), in order of preference. */
const PRODUCTION_SCRIPTS = ['start:prod', 'start:production', 'prod', 'serve:prod'];

/** A package.json script among PRODUCTION_SCRIPTS that is a plain `node <file>` command. */
function productionScript(context: NodeContext | undefined): { name: string; words: string[] } | undefined {
  for (const name of PRODUCTION_SCRIPTS) {
    const words = context?.scripts[name]?.trim().split(/\s+/);
    if (words && words[0] === 'node' && words.length >= 2 && words.every((word) => /^[\w./@:=-]+$/.test(word))) {
      return { name, words };
    }
  }
  return undefined;
}

/** The command a package script runs, from package.json; a decline without it or when it is no plain command. */
function packageScript(words: string[], context: NodeContext | undefined, keyword: string, launcher: NodeLauncher): string[] | Declined {
  const [tool, ...rest] = words.filter((word, index) => index === 0 || !/^(-s|--silent|-q|--quiet)$/.test(word));
  const call = `\`${words.join(' ')}\``;
  const verb = rest[0];
  const named = verb === 'run' || verb === 'run-script';
  const name = named ? rest[1] : verb === 'start' || (tool !== 'npm' && verb !== undefined && !/^(install|add|exec|dlx)$/.test(verb)) ? verb : undefined;
  if (name === undefined) {
    return decline(`The ${keyword} runs ${call}, and ${launcher.withoutTool(tool)}; start the app with node, then split.`);
  }
  if (!context && DEV_SCRIPTS.test(name)) {
    // Without package.json the name is all there is; with it, the command decides.
    return decline(`The ${keyword} runs ${call}, by its name a development script, which is not a production start. Build the app and start it with node (CMD ["node", "dist/index.js"]), then split.`);
  }
  if (!context) {
    return decline(`The ${keyword} runs ${call}, and ${launcher.withoutTool(tool)}: the split reads the script from package.json beside the Dockerfile, and there is none. Write the node command in ${keyword} (["node", "server.js"]), or keep the Dockerfile next to package.json, then split.`);
  }
  if (`pre${name}` in context.scripts || `post${name}` in context.scripts) {
    return decline(`package.json has pre${name}/post${name} scripts that ${call} runs around it, and ${launcher.withoutTool(tool)}; fold them into the app, then split.`);
  }
  const extra = rest.slice(named ? 2 : 1);
  // npm start with no start script runs `node server.js` (docs.npmjs.com/cli/commands/npm-start; pnpm too).
  const script = context.scripts[name] ?? (name === 'start' && tool !== 'yarn' && context.hasServerJs ? 'node server.js' : undefined);
  if (script === undefined) {
    return decline(`The ${keyword} runs ${call}, and package.json has no "${name}" script; fix the start command, then split.`);
  }
  const command = shellToExecForm(script);
  if (!command) {
    return decline(`The "${name}" script of package.json (${script}) uses shell syntax, which the runtime cannot run (no shell); write the node command in ${keyword}, then split.`);
  }
  return [...command, ...(extra[0] === '--' ? extra.slice(1) : extra)];
}

/** node's options and script (made absolute: the runtime's WORKDIR is the app's, but absolute paths do not depend on it). */
function parseNodeArgs(args: string[], appDir: string, where: string, asWritten = true): NodeArgs | Declined {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word.includes('$')) {
      return decline(`The ${where} uses a variable (${word}), which exec form does not expand; write the value, then split.`);
    }
    if (NODE_WATCH.test(word)) {
      return decline(`The ${where} runs node ${word}, which restarts on file changes: a development start. Drop ${word}, then split.`);
    }
    if (word === '-' || NODE_NO_SCRIPT.test(word)) {
      return decline(`The ${where} runs node ${word}, not a script file; start the app from a script (CMD ["node", "server.js"]), then split.`);
    }
    if (word.startsWith('-')) {
      out.push(word);
      if (NODE_VALUE_OPTIONS.has(word) && i + 1 < args.length) {
        out.push(args[++i]);
      }
      continue;
    }
    // A script the Dockerfile names stays as written: the runtime's WORKDIR is the app's directory, as the original's was.
    const script = resolvePath(appDir, word);
    return { args: [...out, asWritten ? word : script, ...args.slice(i + 1)], script };
  }
  return { args: out };
}

function shellSyntax(keyword: string): string {
  return `The shell-form ${keyword} uses shell features (variables, &&, pipes), which the distroless runtime cannot run (no shell); write it in exec form (["node", "server.js"]), then split.`;
}
