// Development dependencies and tools installed into a shipped image: Composer's require-dev,
// Xdebug, Bundler's development/test groups, npm devDependencies, pip's dev requirement files,
// Poetry's and uv's dev groups. What `dev-dependencies-in-runtime` looks for in a RUN.
import { compileKind } from './buildTools';
import { ShellWord, SimpleCommand, basename, programIndex } from './shellCommands';

export interface DevDependencyHit {
  /** The words to report on. */
  first: ShellWord;
  last: ShellWord;
  message: string;
  /** Text to insert after `last` that makes it a production install, where that is safe. */
  insertAfter?: string;
  /** Which tool the finding is about: npm and bundle installs are also build-tools-in-runtime's. */
  ecosystem: 'composer' | 'xdebug' | 'bundle' | 'node' | 'python';
}

/** The environment and the rest of the stage around a command. */
export interface InstallSurroundings {
  /** ENV, ARG defaults and `export`s in effect, later ones winning. */
  env: ReadonlyMap<string, string>;
  /** The commands after this one in the shipped stage (same RUN first). */
  later: readonly SimpleCommand[];
}

const PYTHON = /^python[\d.]*$/;
const DEV_GROUP = /(^|[\s,:])(development|dev|test)([\s,:]|$)/;
const DEV_REQUIREMENTS = /(^|\/)((requirements|reqs)[-_.]?(dev|develop|development|test|tests|testing|local)|(dev|develop|development|test|tests|testing)[-_.]?requirements)\.(txt|in)$|(^|\/)requirements\/(dev|develop|development|test|tests|testing|local)\.(txt|in)$/;
const XDEBUG_PACKAGE = /^php[\d.]*-(pecl-)?xdebug([=~<>].*)?$/;

/** Every program devDependencyOf looks at (after `php` and `python -m`). */
const MAY_INSTALL_DEV = /^(composer(\.phar)?|pecl|docker-php-ext-enable|install-php-extensions|apt-get|apt|apk|dnf|yum|microdnf|bundle|npm|yarn|pnpm|pip[\d.]*|poetry|uv)$/;

const TEST_RUNNERS = /^(pytest|py\.test|tox|nox|jest|mocha|vitest|ava|rspec|phpunit|pest|behat|cucumber(-js)?)$/;

/** A start command that runs tests: a test runner image needs the dev dependencies. */
export function runsTests(command: SimpleCommand): boolean {
  const values = command.words.slice(programIndex(command)).map((w) => basename(w.value));
  return values.some((v) => TEST_RUNNERS.test(v)) || (/^(npm|yarn|pnpm|bun|npx|playwright|php|artisan)$/.test(values[0] ?? '') && values.some((v, i) => i > 0 && /^test(:|$)/.test(v)));
}

export function devDependencyOf(command: SimpleCommand, around: InstallSurroundings): DevDependencyHit | undefined {
  let words = command.words.slice(programIndex(command));
  if (words.length === 0) return undefined;
  let program = basename(words[0].value);
  if ((program === 'php' || PYTHON.test(program)) && words[1]) {
    // `php composer.phar install`, `python -m pip install`
    const at = program === 'php' ? 1 : words[1].value === '-m' ? 2 : -1;
    if (at > 0 && words[at]) {
      words = words.slice(at);
      program = basename(words[0].value);
    }
  }
  // Cheap first: most commands run none of the tools below (the checks build lists and closures).
  if (!MAY_INSTALL_DEV.test(program)) return undefined;
  const values = words.map((w) => w.value);
  // `yarn --version`, `bundle --help`: no verb, and no install either.
  if (values.some((v) => /^(-v|-V|--version|-h|--help)$/.test(v))) return undefined;
  const verbAt = values.findIndex((v, i) => i > 0 && !v.startsWith('-'));
  const verb = verbAt > 0 ? values[verbAt] : undefined;
  const verbWord = verbAt > 0 ? words[verbAt] : words[0];
  const envOn = (name: string) => /^(1|true|yes|on)$/i.test(around.env.get(name) ?? '') || command.assignments.some((a) => new RegExp(`^${name}=(1|true|yes|on)$`, 'i').test(a.value));
  const envValue = (name: string) => command.assignments.find((a) => a.value.startsWith(`${name}=`))?.value.slice(name.length + 1) ?? around.env.get(name);

  if (/^composer(\.phar)?$/.test(program) && verb === 'install') {
    if (values.includes('--no-dev') || envOn('COMPOSER_NO_DEV')) return undefined;
    return {
      first: words[0],
      last: verbWord,
      message: '`composer install` without `--no-dev` installs the require-dev packages (test frameworks, debug bars, code generators) into the shipped image: add `--no-dev` (and `--optimize-autoloader`).',
      insertAfter: ' --no-dev',
      ecosystem: 'composer',
    };
  }
  const xdebug = xdebugInstall(program, words, values);
  if (xdebug) {
    return {
      first: xdebug,
      last: xdebug,
      message: 'Xdebug in the shipped image slows every request and, once its debugger is switched on, lets a client step through the app: install it only in a development stage (build that with `--target dev`).',
      ecosystem: 'xdebug',
    };
  }
  if (program === 'bundle' && (verb === undefined || verb === 'install')) {
    const without = [...values.filter((_, i) => values[i - 1] === '--without'), ...values.filter((v) => v.startsWith('--without=')).map((v) => v.slice('--without='.length)), envValue('BUNDLE_WITHOUT') ?? ''].join(' ');
    if (DEV_GROUP.test(without) || envOn('BUNDLE_DEPLOYMENT') || values.includes('--deployment') || envValue('BUNDLE_ONLY') !== undefined) return undefined;
    return {
      first: words[0],
      last: verbAt > 0 ? verbWord : words[0],
      message: '`bundle install` without excluding the development and test groups installs them into the shipped image: set `ENV BUNDLE_WITHOUT="development:test"` (or `BUNDLE_DEPLOYMENT=1`) before it.',
      ecosystem: 'bundle',
    };
  }
  if (/^(npm|yarn|pnpm)$/.test(program)) {
    return nodeInstall(program, verb, words, values, verbWord, around, envValue);
  }
  if (/^(pip|pip3|pip[\d.]+)$/.test(program) && verb === 'install') {
    const file = values.find((v, i) => (values[i - 1] === '-r' || values[i - 1] === '--requirement') && DEV_REQUIREMENTS.test(v)) ?? values.map((v) => v.replace(/^(-r|--requirement=)/, '')).find((v) => DEV_REQUIREMENTS.test(v) && v !== values[0]);
    const extra = values.find((v) => /^[^-].*\[[^\]]*\b(dev|test|tests|testing)\b[^\]]*\]$/.test(v));
    const found = file ?? extra;
    if (!found) return undefined;
    const word = words[values.indexOf(found)] ?? words[values.findIndex((v) => v.endsWith(found))] ?? verbWord;
    return {
      first: word,
      last: word,
      message: `\`pip install ${found}\` installs development or test requirements into the shipped image: install only the production requirements here (\`-r requirements.txt\`), and the dev ones in a development stage.`,
      ecosystem: 'python',
    };
  }
  if (program === 'poetry' && verb === 'install') {
    const excluded = values.some((v, i) => v === '--no-dev' || v === '--only=main' || (v === '--only' && values[i + 1] === 'main') || (/^--without(=|$)/.test(v) && DEV_GROUP.test(v.startsWith('--without=') ? v.slice(10) : (values[i + 1] ?? ''))));
    return excluded ? undefined : { first: words[0], last: verbWord, message: '`poetry install` installs the dev group into the shipped image: add `--without dev` (or `--only main`).', ecosystem: 'python' };
  }
  if (program === 'uv' && verb === 'sync') {
    const excluded = values.some((v) => v === '--no-dev' || v === '--only-group' || v === '--no-default-groups' || v.startsWith('--only-group=')) || envOn('UV_NO_DEV');
    return excluded ? undefined : { first: words[0], last: verbWord, message: '`uv sync` installs the dev dependency group into the shipped image: add `--no-dev`.', ecosystem: 'python' };
  }
  return undefined;
}

function xdebugInstall(program: string, words: ShellWord[], values: string[]): ShellWord | undefined {
  // Every form below names a word with `xdebug` in it; most installs have none.
  if (!values.some((v) => v.includes('xdebug'))) return undefined;
  const at = (test: (v: string) => boolean) => words.find((w, i) => i > 0 && test(w.value));
  if (program === 'pecl' && values.includes('install')) return at((v) => /^xdebug(-[\d.]+.*)?$/.test(v));
  if (program === 'docker-php-ext-enable' || program === 'install-php-extensions') return at((v) => /^xdebug(-[\d.]+.*|@.*)?$/.test(v));
  if (/^(apt-get|apt|apk|dnf|yum|microdnf)$/.test(program) && values.some((v) => v === 'install' || v === 'add')) return at((v) => XDEBUG_PACKAGE.test(v));
  return undefined;
}

function nodeInstall(
  program: string,
  verb: string | undefined,
  words: ShellWord[],
  values: string[],
  verbWord: ShellWord,
  around: InstallSurroundings,
  envValue: (name: string) => string | undefined,
): DevDependencyHit | undefined {
  const install = program === 'yarn' ? verb === undefined || verb === 'install' : verb === 'ci' || ((verb === 'install' || verb === 'i') && values.slice(values.indexOf(verb) + 1).every((v) => v.startsWith('-')));
  if (!install) return undefined;
  const production =
    values.some((v) => /^--(omit=dev|only=prod(uction)?|prod(uction)?(=true)?)$/.test(v) || v === '-P') ||
    envValue('NODE_ENV') === 'production' ||
    /^dev$/i.test(envValue('NPM_CONFIG_OMIT') ?? envValue('npm_config_omit') ?? '') ||
    /^true$/i.test(envValue('NPM_CONFIG_PRODUCTION') ?? envValue('npm_config_production') ?? '');
  // A later prune, or a later install that replaces this one with production dependencies.
  const prunedLater = around.later.some((c) => {
    const later = c.words.slice(programIndex(c)).map((w) => w.value);
    // Only an install takes the flag as a production install (`npm cache clean --omit=dev` is none).
    const reinstall = /^(install|i|ci)$/.test(later[1] ?? '') || (later[0] === 'yarn' && (later[1] === undefined || later[1].startsWith('-')));
    return /^(npm|pnpm|yarn)$/.test(basename(later[0] ?? '')) && (later.includes('prune') || (reinstall && later.some((v) => /^--(omit=dev|prod(uction)?(=true)?)$/.test(v))));
  });
  if (production || prunedLater) return undefined;
  const command = `${program} ${verb ?? 'install'}`;
  const productionCommand: Record<string, string> = { npm: 'npm ci --omit=dev', yarn: 'yarn install --production', pnpm: 'pnpm install --prod' };
  const prune: Record<string, string> = { npm: 'npm prune --omit=dev', yarn: 'yarn install --production (Yarn 1) or yarn workspaces focus --production', pnpm: 'pnpm prune --prod' };
  const builds = around.later.some((c) => compileKind(c) === 'js');
  if (builds) {
    return {
      first: words[0],
      last: verbWord,
      message: `\`${command}\` keeps the devDependencies in the shipped image: the build after it needs them, so prune them once it is done (\`${prune[program]}\` after the build), or build in a builder stage and copy only the output.`,
      ecosystem: 'node',
    };
  }
  return {
    first: words[0],
    last: verbWord,
    message: `\`${command}\` installs the devDependencies into the shipped image, and nothing here builds with them: use \`${productionCommand[program]}\` (or \`ENV NODE_ENV=production\` before it).`,
    insertAfter: program === 'npm' ? ' --omit=dev' : undefined,
    ecosystem: 'node',
  };
}
