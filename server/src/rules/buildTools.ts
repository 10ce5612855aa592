// Recognising build work in shell commands: compilers and dev packages installed by a system
// package manager, package managers that build or keep dev dependencies, compile commands.
// Used by `build-tools-in-runtime` (in the runtime stage) and `sources-in-runtime` (in builders).
import { ShellWord, SimpleCommand, basename, programIndex } from './shellCommands';

export interface BuildToolHit {
  /** Document offsets of the offending word(s). */
  start: number;
  end: number;
  message: string;
}

/** Facts around a command that make an install a production install. */
export interface InstallContext {
  /** `NODE_ENV=production` is set (ENV or ARG in the stage or its chain, or `export`). */
  nodeEnvProduction: boolean;
  /** The other commands of the same RUN. */
  siblings: readonly SimpleCommand[];
}

const BUILD_PACKAGE =
  /^(gcc|g\+\+|gcc-c\+\+|c\+\+|cpp|clang|clang\+\+|llvm|make|cmake|ninja|ninja-build|meson|build-essential|build-base|alpine-sdk|autoconf|automake|libtool|pkg-config|pkgconf|pkgconfig|bison|flex|swig|nasm|yasm|golang|golang-go|rustc|cargo|maven|gradle|linux-headers|kernel-headers|kernel-devel)$|^(gcc|g\+\+|clang|cpp)-\d+(\.\d+)*$|-(dev|devel)$/;

/** Options that take a value in the next word, per package manager. */
const OPTION_WITH_VALUE: Record<string, RegExp> = {
  apt: /^(-o|-t|-c|--target-release|--option|--config-file)$/,
  apk: /^(-t|--virtual|-X|--repository|--root|-p|--arch|--cache-dir|--keys-dir)$/,
  rpm: /^(--setopt|--enablerepo|--disablerepo|--repo|--releasever|--installroot|-c|--config|-x|--exclude)$/,
};

const INSTALLERS: Record<string, { verbs: string[]; options: RegExp }> = {
  'apt-get': { verbs: ['install'], options: OPTION_WITH_VALUE.apt },
  apt: { verbs: ['install'], options: OPTION_WITH_VALUE.apt },
  aptitude: { verbs: ['install'], options: OPTION_WITH_VALUE.apt },
  apk: { verbs: ['add'], options: OPTION_WITH_VALUE.apk },
  dnf: { verbs: ['install'], options: OPTION_WITH_VALUE.rpm },
  yum: { verbs: ['install'], options: OPTION_WITH_VALUE.rpm },
  microdnf: { verbs: ['install'], options: OPTION_WITH_VALUE.rpm },
  tdnf: { verbs: ['install'], options: OPTION_WITH_VALUE.rpm },
  zypper: { verbs: ['install', 'in'], options: OPTION_WITH_VALUE.rpm },
};

/** Which package manager family a program belongs to, or undefined for other programs. */
export function packageManagerFamily(program: string): 'apt' | 'apk' | 'rpm' | undefined {
  if (program === 'apt-get' || program === 'apt' || program === 'aptitude') return 'apt';
  if (program === 'apk') return 'apk';
  return program in INSTALLERS ? 'rpm' : undefined;
}

export function isBuildPackage(name: string): boolean {
  return BUILD_PACKAGE.test(name);
}

/**
 * What one package-manager command does: its program's family, its verb (`install`, `update`,
 * `clean`, ...) and the packages it installs. Undefined for other commands.
 */
export function packageCommand(command: SimpleCommand): { family: 'apt' | 'apk' | 'rpm'; verb: string | undefined; packages: string[] } | undefined {
  const words = command.words.slice(programIndex(command));
  const program = words[0] ? basename(words[0].value) : '';
  const family = packageManagerFamily(program);
  if (!family) {
    return undefined;
  }
  const installer = INSTALLERS[program];
  const verbAt = words.findIndex((w, i) => i > 0 && !w.value.startsWith('-') && !installer.options.test(words[i - 1].value));
  const verb = verbAt < 0 ? undefined : words[verbAt].value;
  const packages: string[] = [];
  if (verb && installer.verbs.includes(verb)) {
    for (let i = verbAt + 1; i < words.length; i++) {
      const word = words[i].value;
      if (word.startsWith('-')) {
        if (installer.options.test(word)) i++;
        continue;
      }
      packages.push(word.replace(/[:=<>~].*$/, ''));
    }
  }
  return { family, verb, packages };
}

/** Removing packages in the same RUN (`apk del .build-deps`, `apt-get purge`): they do not ship. */
const REMOVAL = /^(del|purge|remove|autoremove|erase)$/;

export function buildToolHits(command: SimpleCommand, context: InstallContext): BuildToolHit[] {
  const index = programIndex(command);
  const words = command.words.slice(index);
  const program = words[0] ? basename(words[0].value) : '';
  const installer = INSTALLERS[program];
  if (installer) {
    return installedBuildPackages(words, installer, context);
  }
  const hit = buildCommand(program, words, command, context);
  return hit ? [hit] : [];
}

function installedBuildPackages(words: ShellWord[], installer: { verbs: string[]; options: RegExp }, context: InstallContext): BuildToolHit[] {
  const verbAt = words.findIndex((w, i) => i > 0 && installer.verbs.includes(w.value));
  if (verbAt < 0 || context.siblings.some(removesPackages)) {
    return [];
  }
  const hits: BuildToolHit[] = [];
  for (let i = verbAt + 1; i < words.length; i++) {
    const word = words[i];
    if (word.value.startsWith('-')) {
      if (installer.options.test(word.value)) i++;
      continue;
    }
    const name = word.value.replace(/[:=<>~].*$/, '');
    if (!/[$`]/.test(name) && BUILD_PACKAGE.test(name)) {
      const message = /-(dev|devel)$/.test(name)
        ? `${name} is a development package (headers for compiling) installed in the runtime stage: compile in the builder stage, and install only the runtime library here.`
        : `${name} is a build tool installed in the runtime stage: install it in the builder stage and COPY --from only what the build produces.`;
      hits.push({ start: word.start, end: word.end, message });
    }
  }
  return hits;
}

function removesPackages(command: SimpleCommand): boolean {
  const words = command.words.slice(programIndex(command));
  return words.length > 1 && basename(words[0].value) in INSTALLERS && words.some((w, i) => i > 0 && REMOVAL.test(w.value));
}

function buildCommand(program: string, words: ShellWord[], command: SimpleCommand, context: InstallContext): BuildToolHit | undefined {
  const args = words.slice(1).map((w) => w.value);
  const verbWord = words.slice(1).find((w) => !w.value.startsWith('-'));
  const verb = verbWord?.value;
  // The range covers the program and its verb (`npm ci`, `go build`), or the program alone.
  const span = (text: string, hint: string, withVerb = true): BuildToolHit => ({
    start: words[0].start,
    end: withVerb && verbWord ? verbWord.end : words[0].end,
    message: `${text} in the runtime stage: ${hint}`,
  });
  const inBuilder = 'do it in the builder stage and COPY --from only the result.';
  switch (program) {
    case 'go':
      return verb === 'build' || verb === 'install' ? span(`go ${verb} compiles`, inBuilder) : undefined;
    case 'cargo':
      return verb === 'build' || verb === 'install' ? span(`cargo ${verb} compiles`, inBuilder) : undefined;
    case 'dotnet':
      return verb === 'build' || verb === 'publish' ? span(`dotnet ${verb} compiles`, inBuilder) : undefined;
    case 'mvn':
    case 'mvnw':
    case 'gradle':
    case 'gradlew':
      return args.some((a) => /^(-v|--version|-version)$/.test(a)) ? undefined : span(`${program} builds`, inBuilder, false);
    case 'make':
    case 'cmake':
    case 'gcc':
    case 'g++':
    case 'javac':
    case 'rustc':
      return span(`${program} compiles`, inBuilder, false);
    case 'bundle':
      return verb === 'install' ? span('bundle install builds gems', 'install them in the builder stage and COPY --from the bundle directory.') : undefined;
    case 'pip':
    case 'pip3':
      return pipFromSources(words, span);
    case 'python':
    case 'python3':
      return args[0] === '-m' && /^pip3?$/.test(args[1] ?? '') ? pipFromSources(words.slice(2), span) : undefined;
    case 'npm':
    case 'yarn':
    case 'pnpm':
      return nodeInstallOrBuild(program, verb, args, command, context, span);
  }
  return undefined;
}

function pipFromSources(words: ShellWord[], span: (text: string, hint: string, withVerb?: boolean) => BuildToolHit): BuildToolHit | undefined {
  const args = words.slice(1).map((w) => w.value);
  if (args[0] !== 'install' || args.some((a) => a === '--no-index' || a.startsWith('--only-binary'))) {
    return undefined;
  }
  // Requirement files, local projects, VCS and source archives build; a named package or a
  // wheel file usually does not.
  const fromSources = args.some((a, i) => /^(-r|--requirement|-e|--editable|--no-binary)(=|$)/.test(a) || (i > 0 && /^(\.|\.\/.*|\/.*|git\+.*|.*\.(tar\.gz|zip|tgz))$/.test(a) && !/\.whl$/.test(a) && !/^(-c|--constraint)$/.test(args[i - 1])));
  return fromSources
    ? span('pip install builds and resolves packages', 'install them into a venv in the builder stage and COPY it, or install prebuilt wheels with pip install --no-index --find-links /wheels.')
    : undefined;
}

function nodeInstallOrBuild(
  program: string,
  verb: string | undefined,
  args: string[],
  command: SimpleCommand,
  context: InstallContext,
  span: (text: string, hint: string, withVerb?: boolean) => BuildToolHit,
): BuildToolHit | undefined {
  const scriptAt = args.indexOf(verb ?? '');
  const script = verb === 'run' || verb === 'run-script' ? args.slice(scriptAt + 1).find((a) => !a.startsWith('-')) : program !== 'npm' ? verb : undefined;
  if (script && /^build(:|$)/.test(script)) {
    return span(`${program} ${verb === script ? '' : verb + ' '}${script} builds`, 'build in the builder stage and COPY --from only the build output.');
  }
  const install = program === 'yarn' ? verb === undefined || verb === 'install' || (verb === 'workspaces' && args.includes('focus')) : ['install', 'i', 'ci'].includes(verb ?? '');
  if (!install) {
    return undefined;
  }
  const packages = args.slice(scriptAt + 1).filter((a) => !a.startsWith('-'));
  if (program !== 'yarn' && verb !== 'ci' && packages.length > 0) {
    return undefined; // `npm install -g pm2`: installs a named tool, not the project's dependencies
  }
  const production =
    args.some((a) => /^--(omit=dev|only=prod(uction)?|prod(uction)?(=true)?|omit)$/.test(a) || a === '-P') ||
    context.nodeEnvProduction ||
    command.assignments.some((a) => /^(NODE_ENV=production|NPM_CONFIG_PRODUCTION=true|npm_config_omit=dev)$/i.test(a.value)) ||
    context.siblings.some((c) => c.words.some((w) => w.value === 'prune') && c.words.some((w) => /^--(omit=dev|production|prod)$/.test(w.value)));
  if (production) {
    return undefined;
  }
  const advice: Record<string, string> = { npm: 'npm ci --omit=dev', yarn: 'yarn install --production', pnpm: 'pnpm install --prod' };
  return span(
    `${program} ${verb ?? 'install'} installs devDependencies`,
    `install them in the builder stage and COPY --from node_modules, or use ${advice[program]} here (or ENV NODE_ENV=production).`,
  );
}

/**
 * A final stage named for development or tests (`dev`, `dev-envs`, `test`, `debug`) is a target
 * for people, not the production image: the production-only rules leave it alone.
 */
export function isDevelopmentStageName(name: string | undefined): boolean {
  return name !== undefined && /(^|[-_.])(dev|devel|develop|development|dev-?envs?|debug|test|tests|testing)([-_.]|$)/i.test(name);
}

export type BuildKind = 'native' | 'js';

/** What a builder's command compiles: a native language (Go, Rust, Java, .NET, C) or JavaScript. */
export function compileKind(command: SimpleCommand): BuildKind | undefined {
  let words = command.words.slice(programIndex(command)).map((w) => w.value);
  if (words[0] === 'npx' || words[0] === 'pnpx') {
    words = words.slice(1).filter((w, i) => i > 0 || !w.startsWith('-'));
  }
  const program = basename(words[0] ?? '');
  const verb = words.slice(1).find((w) => !w.startsWith('-'));
  if (/^(go|cargo)$/.test(program) && (verb === 'build' || verb === 'install')) return 'native';
  if (program === 'dotnet' && (verb === 'build' || verb === 'publish')) return 'native';
  if (/^(mvn|mvnw|gradle|gradlew)$/.test(program) && /^(package|install|verify|build|assemble|bootJar|jar|shadowJar|installDist|compile|clean|-)/.test(verb ?? '-')) return 'native';
  if (/^(javac|gcc|g\+\+|cc|c\+\+|clang|clang\+\+|make|cmake|ninja|rustc)$/.test(program)) return 'native';
  if (/^(npm|yarn|pnpm|bun)$/.test(program)) {
    const script = verb === 'run' || verb === 'run-script' ? words[words.indexOf(verb) + 1] : program === 'npm' ? undefined : verb;
    return script && /^build(:|$)/.test(script) ? 'js' : undefined;
  }
  if (program === 'tsc' || program === 'webpack' || (/^(ng|next|vite|nuxt|react-scripts)$/.test(program) && verb === 'build')) return 'js';
  return undefined;
}

const SCRIPT_RUNTIME = /^(python[\d.]*|gunicorn|uvicorn|hypercorn|daphne|celery|flask|django-admin|streamlit|ruby|bundle|rails|rake|puma|unicorn|php|php-fpm[\d.]*|apache2-foreground|frankenphp|perl|Rscript)$/;
const JS_RUNTIME = /^(node|nodejs|npm|npx|yarn|pnpm|bun|deno|pm2|pm2-runtime)$/;

/** The language a start command runs sources of: `script` (Python, Ruby, PHP...), `js`, or undefined. */
export function interpreterOf(command: SimpleCommand): 'script' | 'js' | undefined {
  const words = command.words.slice(programIndex(command));
  const program = basename(words[0]?.value ?? '');
  if (SCRIPT_RUNTIME.test(program)) return 'script';
  if (JS_RUNTIME.test(program)) return 'js';
  if (/^(pip3?|composer)$/.test(program) && words[1]?.value === 'install') return 'script';
  return undefined;
}
