// The package managers: what an npm, Yarn or pnpm command of a RUN does to node_modules (installs
// all dependencies or production ones only, prunes, builds, installs a global tool), and the
// builder lines that install the production dependencies apart for the runtime.
import { NodeBuild, ScanState } from './nodeBuild';
import { INSTALL_SCRIPTS, Manager, NodeContext } from './nodeContext';

/** npm subcommands that install the project's dependencies (with npm's abbreviations). */
const NPM_INSTALL = /^(i|in|ins|inst|insta|instal|install|isnt|isnta|isntal|isntall|add|ci|clean-install|ic|install-clean|isntall-clean|update|up|upgrade)$/;
const NPM_RUN = /^(run|run-script|rum|urn|test|t|tst|exec|x|build)$/;
const NPM_HARMLESS = /^(cache|config|c|set|get|audit|rebuild|rb|version|-v|--version|ls|list|ll|la|outdated|doctor|fund|view|info|show|dedupe|ddp|pkg|help|whoami|ping|completion)$/;
/** Install options to repeat in a separate production install. */
const REPEATED_OPTIONS = /^--(legacy-peer-deps|strict-peer-deps|force|no-audit|no-fund|ignore-engines|frozen-lockfile|network-timeout=.*)$/;

export function scanNpm(args: string[], production: boolean, state: ScanState, build: NodeBuild): boolean {
  if (args.some((arg) => /^(--prefix|-C|--workspaces?|-w|--ws)(=|$)/.test(arg))) {
    return false; // another directory, or a workspace of a monorepo
  }
  const verb = args.find((arg) => !arg.startsWith('-')) ?? '';
  if (NPM_INSTALL.test(verb)) {
    if (args.some((arg) => /^(-g|--global|--location=global)$/.test(arg))) {
      toolInstall(['npm', ...args], build);
      return true;
    }
    const prod = args.some((arg) => /^(--omit=dev|--only=prod(uction)?|--production(=true)?)$/.test(arg)) || (args.includes('--omit') && args[args.indexOf('--omit') + 1] === 'dev');
    const dev = args.some((arg) => /^(--include=dev|--production=false|--also=dev)$/.test(arg));
    const envProd = production || /^dev$/.test(state.vars.get('NPM_CONFIG_OMIT') ?? state.vars.get('npm_config_omit') ?? '') || state.vars.get('NPM_CONFIG_PRODUCTION') === 'true';
    return install('npm', prod || (envProd && !dev), args, state, build);
  }
  if (verb === 'prune') {
    if (args.some((arg) => /^(--omit=dev|--production)$/.test(arg)) || production) {
      build.deps = build.deps === 'all' ? 'prod' : build.deps;
    }
    return true;
  }
  if (NPM_RUN.test(verb)) {
    return buildStep(build);
  }
  return NPM_HARMLESS.test(verb);
}

export function scanYarn(args: string[], production: boolean, state: ScanState, build: NodeBuild): boolean {
  if (args.some((arg) => /^(--cwd|--modules-folder)(=|$)/.test(arg))) {
    return false;
  }
  const words = args.filter((arg) => !arg.startsWith('-'));
  const verb = words[0] ?? 'install';
  if (verb === 'global') {
    toolInstall(['yarn', ...args], build);
    return true;
  }
  if (verb === 'install' || verb === 'add') {
    const prod = args.some((arg) => /^(--production(=true)?|--prod(=true)?)$/.test(arg));
    const dev = args.some((arg) => /^(--production=false|--prod=false)$/.test(arg));
    return install('yarn', verb === 'install' && (prod || (production && !dev)), args, state, build);
  }
  if (verb === 'workspaces' && words[1] === 'focus') {
    return install('yarn', args.includes('--production'), args, state, build); // Yarn 2+
  }
  if (['cache', 'config', 'set', 'policies', 'plugin', 'autoclean', 'licenses', 'audit', 'check', 'version', 'versions', '--version', 'info', 'why'].includes(verb)) {
    return true;
  }
  return verb !== 'remove' && verb !== 'link' && buildStep(build);
}

export function scanPnpm(args: string[], production: boolean, state: ScanState, build: NodeBuild): boolean {
  if (args.some((arg) => /^(-C|--dir|--filter|-F|-r|--recursive|-w|--workspace-root|--prefix)(=|$)/.test(arg))) {
    return false;
  }
  const verb = args.find((arg) => !arg.startsWith('-')) ?? 'install';
  if (['install', 'i', 'add'].includes(verb)) {
    if (args.some((arg) => /^(-g|--global)$/.test(arg))) {
      toolInstall(['pnpm', ...args], build);
      return true;
    }
    if (args.some((arg) => /^(-D|--dev)$/.test(arg))) {
      return false;
    }
    const prod = args.some((arg) => /^(-P|--prod|--production(=true)?)$/.test(arg));
    const dev = args.includes('--production=false');
    return install('pnpm', verb !== 'add' && (prod || (production && !dev)), args, state, build);
  }
  if (verb === 'prune') {
    if (args.some((arg) => /^(--prod|-P)$/.test(arg))) {
      build.deps = build.deps === 'all' ? 'prod' : build.deps;
    }
    return true;
  }
  if (['fetch', 'store', 'config', 'env', 'version', '--version', '-v', 'audit', 'licenses', 'why', 'list', 'ls', 'outdated'].includes(verb)) {
    return true;
  }
  return !['deploy', 'link', 'remove', 'rm', 'uninstall'].includes(verb) && buildStep(build);
}

function install(manager: Manager, production: boolean, args: string[], state: ScanState, build: NodeBuild): boolean {
  if (build.manager !== undefined && build.manager !== manager) {
    return false; // two package managers on one node_modules
  }
  build.manager = manager;
  build.deps = production ? 'prod' : 'all';
  build.installVerb = args.find((arg) => !arg.startsWith('-')) ?? 'install';
  build.installOptions = args.filter((arg) => REPEATED_OPTIONS.test(arg));
  state.installDirs.add(state.workdir);
  return true;
}

function toolInstall(words: string[], build: NodeBuild): void {
  build.toolInstalls.push(words);
}

export function buildStep(build: NodeBuild): boolean {
  build.builds = true;
  build.buildsWithDevDeps ||= build.deps === 'all';
  return true;
}

export const PROD_DIR = '/prod';

/*
 * Production dependencies installed apart, for an app with a build step: the build needs the
 * devDependencies (tsc, bundlers), the runtime must not get them. This is the `deps` stage of
 * Docker's Node template (`docker init`, docs.docker.com/guides/nodejs), run at the start of the
 * builder from package.json and the lock file, in /prod (not with --prefix: corepack picks the
 * pnpm version from the package.json of the working directory). It is only sound when nothing
 * else shapes the install: no lifecycle script of the project (prisma generate, patch-package,
 * husky), no workspaces, no .npmrc, .yarnrc or ARG/ENV with a registry or token. A prune after
 * the build (`npm prune --omit=dev`) would be simpler and would also serve installs without a
 * build step, but the split machinery adds builder lines only right after FROM.
 */

/** The builder lines that install the production dependencies into /prod/node_modules; undefined when not sound. */
export function productionInstall(build: NodeBuild, context: NodeContext, resetWorkdir: boolean): string[] | undefined {
  const manager = build.manager;
  if (!manager || build.packageManagerConfig || context.workspaces || context.hasRegistryConfig || INSTALL_SCRIPTS.some((name) => name in context.scripts)) {
    return undefined;
  }
  const options = build.installOptions.map((option) => ` ${option}`).join('');
  let lock: string | undefined;
  let tool: string[] = [];
  let install: string;
  switch (manager) {
    case 'npm': {
      lock = ['npm-shrinkwrap.json', 'package-lock.json'].find((file) => context.lockFiles.has(file));
      const ci = /^(ci|clean-install|ic|install-clean|isntall-clean)$/.test(build.installVerb ?? '');
      install = `npm ${ci ? 'ci' : 'install'} --omit=dev${options.replace(' --frozen-lockfile', '')}`;
      break;
    }
    case 'yarn':
      if (!context.yarnClassic) {
        return undefined; // Yarn 2+: .yarnrc.yml, its release and Plug'n'Play decide where packages go
      }
      lock = context.lockFiles.has('yarn.lock') ? 'yarn.lock' : undefined;
      tool = globalInstall(build, 'yarn');
      install = `yarn install --production${options}`;
      break;
    case 'pnpm':
      lock = context.lockFiles.has('pnpm-lock.yaml') ? 'pnpm-lock.yaml' : undefined;
      tool = build.usesCorepack ? ['RUN corepack enable pnpm'] : globalInstall(build, 'pnpm');
      if (tool.length === 0) {
        return undefined; // we do not know how the original got pnpm
      }
      install = `pnpm install --prod${options}`;
      break;
  }
  if (!lock || context.dockerignore.some((line) => line.replace(/^(\*\*)?\//, '') === lock)) {
    return undefined; // without a lock file (or with it ignored) the two installs could resolve different versions
  }
  return [
    '# Production dependencies for the runtime, installed apart: the build below needs the devDependencies.',
    ...tool,
    `WORKDIR ${PROD_DIR}`,
    `COPY package.json ${lock} ./`,
    `RUN ${install}`,
    ...(resetWorkdir ? ['WORKDIR /'] : []),
  ];
}

/** The original's `npm install -g pnpm@9` (or yarn), repeated before the production install. */
function globalInstall(build: NodeBuild, name: string): string[] {
  const words = build.toolInstalls.find((install) => install.some((word) => word === name || word.startsWith(`${name}@`)));
  return words ? [`RUN ${words.join(' ')}`] : [];
}
