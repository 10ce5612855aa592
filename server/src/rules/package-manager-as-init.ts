import { isDevelopmentStageName } from './buildTools';
import { packageManagerStartOf } from './packageManagerStarts';
import { Rule, RuleResult } from './rule';
import { documentText } from './shellCommands';
import { startCommand } from './shellless';
import { startCommands } from './startCommands';

/**
 * The shipped stage starts the app through its package manager (`npm start`, `yarn start`,
 * `npm run serve`): the package manager is the container's main process, an extra process
 * between Docker and the app that does not reliably pass `docker stop`'s SIGTERM on, and images
 * without npm (distroless, `node` copied alone) cannot run it at all. Only the shipped stage counts.
 */
export const packageManagerAsInit: Rule = {
  id: 'package-manager-as-init',
  description: 'The shipped stage starts the app through npm, yarn or pnpm instead of running node directly.',
  defaultSeverity: 'warning',
  productionOnly: true,
  check({ model, runtimeStage, text }) {
    if (!runtimeStage || isDevelopmentStageName(runtimeStage.name)) {
      return [];
    }
    const { entrypoint, cmd } = startCommand(runtimeStage);
    if (!entrypoint && !cmd) {
      return [];
    }
    const doc = documentText(text);
    const results: RuleResult[] = [];
    for (const command of startCommands(entrypoint, cmd, doc, model.dockerfile.getEscapeCharacter())) {
      const hit = packageManagerStartOf(command);
      if (!hit || results.some((r) => doc.offsetAt(r.range.start) === hit.first.start)) continue;
      results.push({
        range: doc.rangeOf(hit.first.start, hit.last.end),
        message:
          `The shipped image starts the app with ${hit.what}: ${hit.manager} becomes the main process, an extra process that does not reliably pass ` +
          "`docker stop`'s SIGTERM on to the app (so it is killed after the timeout instead of shutting down cleanly), and images without " +
          `${hit.manager} (distroless) cannot run it. Run the \`${hit.script}\` script's command directly, e.g. \`CMD ["node", "server.js"]\`.`,
      });
    }
    return results;
  },
};
