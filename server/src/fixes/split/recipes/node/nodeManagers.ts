// The package managers: what an npm, Yarn or pnpm command of a RUN does to node_modules (installs
// all dependencies or production ones only, prunes, builds, installs a global tool), and the
// builder lines that prune the devDependencies for the runtime.
import { NodeBuild, ScanState, refuse } from './nodeBuild';
import { INSTALL_SCRIPTS, Manager, NodeContext } from './nodeContext';
import { Declined, decline } from '../../recipe';

/** npm subcommands that install the project's dependencies (with npm's abbreviations). */
const NPM_INSTALL = /^(i|in|ins|inst|insta|instal|install|isnt|isnta|isntal|isntall|add|ci|clean-install|ic|install-clean|isntall-clean|update|up|upgrade)$/;
const NPM_RUN = /^(run|run-script|rum|urn|test|t|tst|exec|x|build)$/;
const NPM_HARMLESS = /^(cache|config|c|set|get|audit|rebuild|rb|version|-v|--version|ls|list|ll|la|outdated|doctor|fund|view|info|show|dedupe|ddp|pkg|help|whoami|ping|completion)$/;
/** Install options to repeat in a separate production install. */
const REPEATED_OPTIONS = /^--(legacy-peer-deps|strict-peer-deps|force|no-audit|no-fund|ignore-engines|frozen-lockfile|network-timeout=.*)$/;

export function scanNpm(args: string[], production: boolean, state: ScanState, build: NodeBuild): boolean {
  if (args.some((arg) => /^(--prefix|-C|--workspaces?|-w|--ws)(=|$)/.test(arg))) {
    return refuse(state, 'npm installs into another directory or a workspace of a monorepo (--prefix, --workspace); split by hand.');
  }
  const verb = args.find((arg) => !arg.startsWith('-')) ?? '';
  if (verb === 'cache' && args.some((arg) => /^(clean|clear|rm)$/.test(arg))) {
    build.caches.delete('npm');
  }
  if (NPM_INSTALL.test(verb)) {
    build.caches.add('npm');
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
  build.nodeGyp ||= /^(rebuild|rb)$/.test(verb);
  return NPM_HARMLESS.test(verb);
}

export function scanYarn(args: string[], production: boolean, state: ScanState, build: NodeBuild): boolean {
  if (args.some((arg) => /^(--cwd|--modules-folder)(=|$)/.test(arg))) {
    return refuse(state, 'Yarn installs into another directory (--cwd, --modules-folder); split by hand.');
  }
  const words = args.filter((arg) => !arg.startsWith('-'));
  const verb = words[0] ?? 'install';
  if (verb === 'cache' && words[1] === 'clean') {
    build.caches.delete('yarn');
  }
  if (verb === 'install' || verb === 'add' || verb === 'global') {
    build.caches.add('yarn');
  }
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
    return refuse(state, 'pnpm works on another directory or the packages of a workspace (--dir, --filter, -r); split by hand.');
  }
  const verb = args.find((arg) => !arg.startsWith('-')) ?? 'install';
  if (['install', 'i', 'add'].includes(verb)) {
    build.caches.add('pnpm');
    if (args.some((arg) => /^(-g|--global)$/.test(arg))) {
      toolInstall(['pnpm', ...args], build);
      return true;
    }
    if (args.some((arg) => /^(-D|--dev)$/.test(arg))) {
      return refuse(state, '`pnpm add --dev` changes package.json during the build; add the package in the project, then split.');
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
    return refuse(state, `Both ${build.manager} and ${manager} install the project's dependencies; keep one package manager, then split.`);
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

/*
 * The devDependencies leave after the build: `npm prune --omit=dev` (docs.npmjs.com/cli/commands/npm-prune),
 * `pnpm prune --prod` (pnpm.io/cli/prune), and for Yarn 1, which has no prune, a production
 * install over the existing node_modules (yarnpkg/yarn#696). Appended at the end of the builder,
 * so the build step keeps its devDependencies and the runtime copies production ones only.
 * npm and pnpm prune offline: they remove packages and fetch none (pnpm may fetch without
 * --offline: pnpm/pnpm#4058), so registry settings of the install are not needed again; Yarn
 * takes what it needs from its cache (--prefer-offline), and the lock file the install wrote.
 */

/** The builder's last lines that leave production dependencies only in node_modules, or why it cannot. */
export function productionPrune(build: NodeBuild, context: NodeContext | undefined, nodeMajor?: number): string[] | Declined {
  const asRoot = build.user !== undefined && !/^(root|0)(:.*)?$/.test(build.user) ? ['USER root'] : [];
  const lines = (command: string) => [
    '',
    `# Production dependencies only, for the runtime: ${build.builds ? 'the build above needed the devDependencies' : 'the install above took the devDependencies too'}.`,
    ...asRoot,
    // The install ran in a folder above the app, where package.json and node_modules are.
    ...(build.appRoot !== build.appDir ? [`WORKDIR ${build.appRoot}`] : []),
    `RUN ${command}`,
  ];
  // Yarn 1's production install and pnpm's prune run the project's install scripts again, after
  // the devDependencies they often call (husky, patch-package) are gone (GoGovSG#2531). Yarn
  // keeps them: with --ignore-scripts, a native module it relinks from its cache stays unbuilt.
  const rerunsScripts = context && build.manager !== 'npm' ? INSTALL_SCRIPTS.find((name) => name in context.scripts) : undefined;
  if (rerunsScripts) {
    return decline(`package.json has a "${rerunsScripts}" script, which ${build.manager === 'yarn' ? 'Yarn\'s production install' : '`pnpm prune --prod`'} runs again without the devDependencies; split by hand.`);
  }
  switch (build.manager) {
    case 'yarn':
      if (build.usesCorepack || (context?.yarnClassic === false && context.lockFiles.has('yarn.lock')) || /^yarn@[2-9]/.test(context?.packageManager ?? '')) {
        return decline('The build uses Yarn 2 or later, whose production install depends on its .yarnrc.yml and plugins; split by hand (yarn workspaces focus --production).');
      }
      return lines('yarn install --production --prefer-offline');
    case 'pnpm':
      return lines('pnpm prune --prod --offline');
    default:
      // npm 6 (Node 14) has no --omit; it takes --production, which later npm versions deprecate.
      return lines(nodeMajor !== undefined && nodeMajor < 16 ? 'npm prune --production' : 'npm prune --omit=dev');
  }
}
