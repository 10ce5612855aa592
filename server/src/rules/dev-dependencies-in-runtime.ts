import { Arg, Env, Run } from 'dockerfile-ast';
import { inheritedInstructions } from '../core/stages';
import { checksRuntimeInstalls } from './build-tools-in-runtime';
import { isDevelopmentStageName } from './buildTools';
import { devDependencyOf, runsTests } from './devDependencies';
import { devServerOf } from './devServers';
import { Rule, RuleResult } from './rule';
import { SimpleCommand, commandsOf, documentText } from './shellCommands';
import { startCommand } from './shellless';
import { startCommands } from './startCommands';

/**
 * The shipped stage installs development dependencies or tools: `composer install` without
 * `--no-dev`, Xdebug, `bundle install` with the development and test groups, npm devDependencies
 * that nothing builds with, pip's dev requirement files, Poetry's and uv's dev groups. Only the
 * shipped stage counts: builders and `dev` targets need them.
 */
export const devDependenciesInRuntime: Rule = {
  id: 'dev-dependencies-in-runtime',
  description: 'The shipped stage installs development dependencies or tools (require-dev, Xdebug, devDependencies, dev groups).',
  defaultSeverity: 'warning',
  productionOnly: true,
  check({ model, runtimeStage, text }) {
    if (!runtimeStage || isDevelopmentStageName(runtimeStage.name) || !inheritedInstructions(runtimeStage).some((i) => i instanceof Run)) {
      return [];
    }
    const doc = documentText(text);
    const escape = model.dockerfile.getEscapeCharacter();
    const { entrypoint, cmd } = startCommand(runtimeStage);
    const starts = startCommands(entrypoint, cmd, doc, escape);
    if (starts.some(runsTests)) {
      return []; // a test-runner image: the dev dependencies are what it runs
    }
    // Under a development server (nodemon, `php artisan serve`) the image may well be a development
    // image that needs them: the fix is offered, not applied by Fix all.
    const startsDevServer = starts.some((command) => devServerOf(command) !== undefined);
    // build-tools-in-runtime already reports npm and bundle installs in a multi-stage runtime.
    const reportedElsewhere = checksRuntimeInstalls(model, runtimeStage);
    const steps: { command: SimpleCommand; env: Map<string, string>; own: boolean; run: Run }[] = [];
    const env = new Map<string, string>();
    // The environment each step sees, copied only after it changed: most steps set nothing.
    let snapshot: Map<string, string> | undefined;
    // The stage's own instructions come last (after those of the stages it is built FROM).
    const inherited = inheritedInstructions(runtimeStage);
    const ownFrom = inherited.length - runtimeStage.instructions.length;
    for (let index = 0; index < inherited.length; index++) {
      const instruction = inherited[index];
      if (instruction instanceof Env || instruction instanceof Arg) {
        const properties = instruction instanceof Env ? instruction.getProperties() : [instruction.getProperty()];
        for (const property of properties) {
          const value = property?.getValue();
          if (property && value !== null && value !== undefined) {
            env.set(property.getName(), value);
            snapshot = undefined;
          }
        }
      } else if (instruction instanceof Run) {
        for (const command of commandsOf(instruction, doc, escape)) {
          snapshot ??= new Map(env);
          steps.push({ command, env: snapshot, own: index >= ownFrom, run: instruction });
          if (rememberSettings(command, env)) snapshot = undefined;
        }
      }
    }
    const results: RuleResult[] = [];
    const xdebugReported = new Set<Run>(); // `pecl install xdebug && docker-php-ext-enable xdebug` is one finding
    // One cursor moved from step to step: devDependencyOf keeps nothing of it.
    const surroundings = new StepSurroundings(steps);
    for (let index = 0; index < steps.length; index++) {
      const step = steps[index];
      const hit = devDependencyOf(step.command, surroundings.at(index));
      if (!hit || (reportedElsewhere && step.own && (hit.ecosystem === 'node' || hit.ecosystem === 'bundle'))) continue;
      if (hit.ecosystem === 'xdebug') {
        if (xdebugReported.has(step.run)) continue;
        xdebugReported.add(step.run);
      }
      const range = doc.rangeOf(hit.first.start, hit.last.end);
      const at = doc.positionAt(hit.last.end);
      const preferred = !startsDevServer && !modeFromVariable(step.env);
      results.push({
        range,
        message: hit.message,
        fixes: hit.insertAfter ? [{ title: `Add ${hit.insertAfter.trim()}`, edits: [{ range: { start: at, end: at }, newText: hit.insertAfter }], isPreferred: preferred }] : undefined,
      });
    }
    return results;
  },
};

const NO_ENV: ReadonlyMap<string, string> = new Map();

/** Settings that choose development or production installs. */
const INSTALL_MODE = /^(NODE_ENV|NPM_CONFIG_\w+|npm_config_\w+|COMPOSER_NO_DEV|APP_ENV|RAILS_ENV|BUNDLE_\w+)$/;

/**
 * Whether such a setting comes from a variable (`ENV NODE_ENV=$ENV` after `ARG ENV=production`):
 * a build argument may make this a development build, where the fix would remove what it runs
 * (skaffold's hot-reload example builds `--build-arg ENV=development` and starts nodemon).
 */
function modeFromVariable(env: ReadonlyMap<string, string>): boolean {
  for (const [name, value] of env) {
    if (INSTALL_MODE.test(name) && value.includes('$')) return true;
  }
  return false;
}

/**
 * What a step sees around it. A class, not an object literal with a getter: V8 keeps a literal's
 * per-object accessor (a closure over the steps) where its young-generation collector treats it as
 * alive, so each analysis' tree was copied to the old generation.
 */
class StepSurroundings {
  env: ReadonlyMap<string, string> = NO_ENV;
  private index = 0;

  constructor(private readonly steps: readonly { command: SimpleCommand; env: Map<string, string> }[]) {}

  /** Moves to the step at `index`. */
  at(index: number): this {
    this.index = index;
    this.env = this.steps[index].env;
    return this;
  }

  /** The commands after this one, built only when an install asks (copying them for every step made a 12,000-line RUN file quadratic). */
  get later(): SimpleCommand[] {
    return this.steps.slice(this.index + 1).map((s) => s.command);
  }
}

/**
 * `export NAME=value` and `bundle config [set] [--local|--global] without|deployment ...`, for the
 * commands after it. True when `env` changed.
 */
function rememberSettings(command: SimpleCommand, env: Map<string, string>): boolean {
  const program = command.words[0]?.value;
  if (program !== 'export' && program !== 'bundle') return false;
  const values = command.words.map((w) => w.value);
  let changed = false;
  if (values[0] === 'export') {
    for (const value of values.slice(1)) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(value);
      if (m) {
        env.set(m[1], m[2]);
        changed = true;
      }
    }
  }
  if (values[0] === 'bundle' && values[1] === 'config') {
    const rest = values.slice(2).filter((v) => v !== 'set' && !v.startsWith('--'));
    const key = rest[0]?.toLowerCase();
    if (key === 'without' || key === 'deployment' || key === 'only') {
      env.set(`BUNDLE_${key.toUpperCase()}`, rest.slice(1).join(' '));
      changed = true;
    }
  }
  return changed;
}
