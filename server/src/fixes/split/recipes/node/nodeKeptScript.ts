// `npm start` (or `yarn start`, `pnpm run <script>`) with no package.json to read: the split cannot
// tell what the script runs, so it cannot start node directly on distroless. The runtime is then
// the node image of the build's own release and libc (its slim variant for a full Debian tag),
// and the start command stays as written. node_modules is copied as the build left it: without
// package.json the split cannot tell whether the script needs devDependencies (ts-node, a CLI),
// so it prunes nothing. What the split still gains: the package manager's download cache and the
// build's system packages stay in the builder, and the app runs as the image's non-root user.
// Which package managers the runtime has without an install: catalog/nodeImageTools.ts.
import { execFormWords, isExecForm, shellToExecForm } from '../../../../core/commands';
import { Stage } from '../../../../core/stages';
import { NODE_IMAGE_YARN_VERSION, nodeImageHasYarn } from '../../../../catalog/nodeImageTools';
import { Declined, StartCommand, builderNameOf, decline } from '../../recipe';
import { NodeBuild } from './nodeBuild';
import { Manager } from './nodeContext';
import { packageName, packageSpecs } from './nodeGlobalTools';
import { DEV_SCRIPTS } from './nodeStart';

/** The package managers' quiet flags, which change nothing the split cares about. */
const QUIET = /^(-s|--silent|-q|--quiet)$/;
/** Subcommands of Yarn and pnpm that are no script of the project. */
const BUILTIN = /^(install|i|add|remove|exec|dlx|x|create|global|link|unlink|upgrade|update|why|info|list|ls|cache|config|init|publish|pack|test|t)$/;

/** A package manager's script kept as the runtime's start command. */
export interface KeptScript {
  /** The CMD's words, as written (exec form). */
  words: string[];
  tool: Manager;
  /** A shell-form CMD whose script name is a variable (`npm run $NODE_ENV`), kept as written: the runtime's shell expands it as the original's did. */
  shellForm?: string;
  /** The build's global install of the tool (`npm install -g pnpm@9`), its package specs as written; undefined when the image has it. */
  install?: string[];
  /** The builder stage's name, for the runtime to copy the build's global install from. */
  builder?: string;
}

/** npm's global folder on the node image (its prefix is /usr/local, where Node.js is unpacked: nodejs/docker-node's templates). */
const GLOBAL_MODULES = '/usr/local/lib/node_modules';

/**
 * The CMD that runs a production script of a package manager (`npm start`, `yarn serve:prod`,
 * `pnpm run start`) when the stage has no ENTRYPOINT, with how the runtime gets that package
 * manager; a decline when it cannot have it as the build did; undefined for any other start (a
 * development script's name is left to the general reason).
 */
export function keptScript(stage: Stage, build: NodeBuild, major: number | undefined): KeptScript | Declined | undefined {
  if (build.entrypoint) {
    return undefined;
  }
  const cmd = stage.instructions.filter((i) => i.getKeyword() === 'CMD').pop();
  const shellForm = cmd && !isExecForm(cmd) ? (cmd.getArgumentsContent() ?? '').trim() : undefined;
  const variable = shellForm !== undefined ? variableScript(shellForm, build) : undefined;
  const words = variable ?? (cmd && (isExecForm(cmd) ? execFormWords(cmd) : shellToExecForm(shellForm ?? '')));
  const tool = words?.[0];
  if (!words || (tool !== 'npm' && tool !== 'yarn' && tool !== 'pnpm') || words.some((word) => word.includes('$'))) {
    return undefined;
  }
  const [verb, name] = words.slice(1).filter((word) => !QUIET.test(word));
  const script = verb === 'start' ? 'start' : verb === 'run' || verb === 'run-script' ? name : tool !== 'npm' && verb !== undefined && !BUILTIN.test(verb) && !verb.startsWith('-') ? verb : undefined;
  if (script === undefined || DEV_SCRIPTS.test(script)) {
    return undefined;
  }
  const call = `\`${words.join(' ')}\``;
  if (tool === 'npm') {
    return { words, tool, ...(variable ? { shellForm } : {}) };
  }
  if (variable) {
    return undefined;
  }
  if (build.usesCorepack) {
    return decline(`The CMD runs ${call} through corepack (\`corepack enable\`), which keeps the ${tool} it downloaded in root's home: the runtime's non-root user would download it again at every start, and without package.json beside the Dockerfile the split cannot read the script to start node instead. Install ${tool} with \`npm install -g ${tool}@<version>\` instead of corepack (or keep the Dockerfile next to package.json, for distroless), then split.`);
  }
  const installs = build.toolInstalls.filter((install) => install[0] === 'npm' && packageSpecs(install).some((spec) => packageName(spec) === tool));
  if (installs.length > 0) {
    return { words, tool, install: installs.flatMap((install) => packageSpecs(install).filter((spec) => packageName(spec) === tool)), builder: builderNameOf(stage) };
  }
  if (tool === 'yarn' && (major === undefined || nodeImageHasYarn(major))) {
    return { words, tool };
  }
  const why = tool === 'yarn' ? `the node:${major} image has no Yarn (nodejs/docker-node ships Yarn ${NODE_IMAGE_YARN_VERSION} up to Node 25)` : 'the node image has no pnpm';
  return decline(`The CMD runs ${call}, ${why}, and the build installs it with no \`npm install -g ${tool}\` the runtime could repeat; install ${tool} with \`npm install -g ${tool}@<version>\` (or keep the Dockerfile next to package.json, for distroless), then split.`);
}

/**
 * `npm run $NODE_ENV` in shell form, with the variable's value from an ENV of the stage (its
 * ARG's default): the words with that value written in, for the checks; undefined for any other command.
 */
function variableScript(shellForm: string, build: NodeBuild): string[] | undefined {
  const match = /^(npm)\s+(run|run-script)\s+\$\{?([A-Za-z_]\w*)\}?$/.exec(shellForm);
  const value = match ? build.env.get(match[3]) : undefined;
  return match && value !== undefined && /^[\w:.-]+$/.test(value) ? [match[1], match[2], value] : undefined;
}

/** The start command on the node image: the script as it is, in exec form. */
export function keepScript(command: StartCommand, kept: KeptScript): StartCommand | undefined {
  if (kept.shellForm) {
    return undefined;
  }
  return command.keyword === 'CMD' && command.words.join('\0') === kept.words.join('\0') ? command : undefined;
}

/** A shell-form CMD kept as written on the node image, which has a shell. */
export function keepShellScript(keyword: string, shellForm: string, kept: KeptScript): 'keep' | undefined {
  return keyword === 'CMD' && kept.shellForm !== undefined && shellForm.trim() === kept.shellForm ? 'keep' : undefined;
}

/** Whether the build's install names one exact version (`pnpm@9.12.0`): installing the same spec again gets the same package. */
function pinnedInstall(kept: KeptScript): boolean {
  return (kept.install ?? []).every((spec) => /@\d+\.\d+\.\d+$/.test(spec));
}

/**
 * How the runtime gets the package manager the build installed globally: the same exact spec
 * installed again, or else the builder's own copy (an unpinned `npm install -g pnpm` installed
 * again resolves on its own, in another cached layer, and may get another major, whose Node floor
 * differs: pnpm 11 needs Node 22.13). The copy's program links are made as npm makes them, from
 * its package.json's bin (pnpm 10: pnpm, pnpx to bin/*.cjs; pnpm 11 adds pn, pnx, to bin/*.mjs).
 */
export function keptToolSetup(kept: KeptScript): string[] {
  if (!kept.install) {
    return [];
  }
  if (pinnedInstall(kept)) {
    return [`RUN npm install -g ${kept.install.join(' ')} && npm cache clean --force`];
  }
  const folder = `${GLOBAL_MODULES}/${kept.tool}`;
  return [
    `COPY --from=${kept.builder ?? 'build'} ${folder} ${folder}`,
    // A link the base image already has (a node image with the tool preinstalled) is replaced,
    // as npm does; unlinkSync rather than rmSync, which Node before 14.14 lacks.
    `RUN cd ${folder} && node -e "const fs = require('fs'); for (const [name, file] of Object.entries(require('./package.json').bin)) { const link = '/usr/local/bin/' + name; try { fs.unlinkSync(link); } catch {} fs.symlinkSync('../lib/node_modules/${kept.tool}/' + file, link); }"`,
  ];
}

/** Without package.json the split keeps the original's environment: NODE_ENV=production changes what the app and its libraries do. */
export const NODE_ENV_UNSET_NOTE = 'NODE_ENV stays unset, as in the original: production changes what the app and its libraries do (Express caches views, hides stack traces); set it only after checking the app.';

/** The prune a user can add: npm 6 (Node 14) has no --omit, it takes --production (as productionPrune in nodeManagers.ts). */
export function pruneCommand(manager: Manager, major: number | undefined): string {
  return manager === 'npm' ? (major !== undefined && major < 16 ? 'npm prune --production' : 'npm prune --omit=dev') : manager === 'yarn' ? 'yarn install --production --prefer-offline' : 'pnpm prune --prod';
}
const CACHE: Record<Manager, string> = { npm: "npm's download cache (~/.npm)", yarn: "Yarn's cache", pnpm: "pnpm's store and metadata cache" };
const NAME: Record<Manager, string> = { npm: 'npm', yarn: 'Yarn', pnpm: 'pnpm' };

/** What the builder keeps that the runtime does not: the caches of the installs, the build's system packages, the full image's toolchain. */
export function leftBehind(build: NodeBuild, dropped: string[], fullImage: boolean): string[] {
  return [
    ...[...build.caches].map((manager) => CACHE[manager]),
    ...(dropped.length > 0 ? [`the build's packages ${dropped.join(', ')}`] : []),
    ...(fullImage ? ["the full image's compilers and headers"] : []),
  ];
}

export function keptScriptNotes(image: string, kept: KeptScript, build: NodeBuild, behind: string[], unsetNodeEnv: boolean, major: number | undefined): string[] {
  const call = `\`${kept.shellForm ?? kept.words.join(' ')}\``;
  return [
    `Runtime: ${image}, run as its non-root user node (uid 1000); not distroless, which has no ${NAME[kept.tool]} and no shell: ${build.sourcesCloned ? `package.json, which says what ${call} runs, comes from the build's git clone` : `without package.json beside the Dockerfile the split cannot read what ${call} runs`}.`,
    build.sourcesCloned ? `For distroless, write the node command that ${call} runs in CMD (["node", "<script>"]).` : 'For distroless, open this Dockerfile beside its package.json, or write the node command in CMD.',
    `${NAME[kept.tool]} (and the shell it runs the script in) stays between the app and the stop signal, as in the original.`,
    ...(kept.shellForm ? [`The CMD stays in shell form, as written: the runtime's shell expands its variable as the original's did (\`${kept.words.join(' ')}\` with the defaults), so a --build-arg still chooses the script.`] : []),
    ...(kept.install ? [pinnedInstall(kept) ? `${NAME[kept.tool]} is installed again in the runtime with the build's exact version (\`npm install -g ${kept.install.join(' ')}\`), for ${call}.` : `The runtime copies the builder's ${NAME[kept.tool]} (\`npm install -g ${kept.install.join(' ')}\` names no exact version, so a second install could get another one), for ${call}.`] : []),
    ...(kept.install && kept.tool === 'pnpm' ? ["If package.json's packageManager names another pnpm version, pnpm downloads that version when it runs (opt-in from pnpm 9.7, the default from 10), here as uid 1000 at each container start: install that version in the build."] : []),
    ...(behind.length > 0 ? [`Left in the builder: ${behind.join(', ')}.`] : []),
    ...(build.deps === 'all'
      ? [`node_modules is copied as the build installed it, devDependencies included: the start script may use them. Add \`RUN ${pruneCommand(build.manager ?? kept.tool, major)}\` at the end of the build stage if it does not.`]
      : []),
    ...(unsetNodeEnv ? [NODE_ENV_UNSET_NOTE] : []),
  ];
}
