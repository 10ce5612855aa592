import { Env } from 'dockerfile-ast';
import { inheritedInstructions } from '../core/stages';
import { interpreterOf, isDevelopmentStageName } from './buildTools';
import { devServerOf, developmentSetting } from './devServers';
import { missingProductionSettings } from './productionSettings';
import { Rule, RuleResult } from './rule';
import { documentText } from './shellCommands';
import { startCommand } from './shellless';
import { startCommands } from './startCommands';

/**
 * The shipped stage starts a development server (`manage.py runserver`, `flask run`,
 * `uvicorn --reload`, `nodemon`, `npm run dev`, `ng serve`...) or sets a development or debug
 * mode (`FLASK_DEBUG=1`, `NODE_ENV=development`). Only the shipped stage counts: a `dev` stage
 * that is built with `--target dev` is where these belong.
 */
export const developmentServerInRuntime: Rule = {
  id: 'development-server-in-runtime',
  description: 'The shipped stage starts a development server or sets a development or debug mode (or lacks NODE_ENV=production / PYTHONUNBUFFERED=1).',
  defaultSeverity: 'warning',
  productionOnly: true,
  check({ model, runtimeStage, text }) {
    if (!runtimeStage || isDevelopmentStageName(runtimeStage.name)) {
      return [];
    }
    const doc = documentText(text);
    const escape = model.dockerfile.getEscapeCharacter();
    const results: RuleResult[] = [];
    const { entrypoint, cmd, imageEntrypoint } = startCommand(runtimeStage);
    const commands = startCommands(entrypoint, cmd, doc, escape);
    // A bare `DEBUG=1` also means debug symbols to a C build; count it only for web apps' interpreters.
    const interpreted = commands.some((command) => interpreterOf(command) !== undefined);
    for (const command of commands) {
      const hit = devServerOf(command);
      if (hit && !results.some((r) => doc.offsetAt(r.range.start) === hit.word.start)) {
        results.push({
          range: doc.rangeOf(hit.word.start, hit.word.end),
          message: `The shipped image starts ${hit.what}, a development server (reloads on file changes, single process, not hardened): run ${hit.instead}.`,
        });
      }
    }
    for (const instruction of inheritedInstructions(runtimeStage)) {
      if (!(instruction instanceof Env)) continue;
      for (const property of instruction.getProperties()) {
        const value = property.getValue();
        const setting = value === null ? undefined : developmentSetting(property.getName(), value, interpreted);
        if (setting) {
          results.push({
            range: property.getNameRange(),
            message: `ENV ${property.getName()}=${value} puts the shipped image in ${setting}: set the production value, or set it only in a development stage or at \`docker run -e\` for debugging.`,
          });
        }
      }
    }
    if (results.length === 0) {
      // Missing production settings only matter once nothing puts the image in development.
      results.push(...missingProductionSettings(runtimeStage, commands, imageEntrypoint, doc));
    }
    return results;
  },
};

