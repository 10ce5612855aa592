import { baseImageOf } from '../core/stages';
import { isDevelopmentStageName } from './buildTools';
import { Rule } from './rule';
import { basename, documentText, programIndex } from './shellCommands';
import { lastInChain, startCommand } from './shellless';
import { startCommands } from './startCommands';

/**
 * nginx shuts down gracefully (finishing the requests in flight) on SIGQUIT, and fast (dropping
 * them) on SIGTERM, Docker's default stop signal. The official nginx images set `STOPSIGNAL
 * SIGQUIT` (nginxinc/docker-nginx, and nginx-unprivileged built from the same templates): this
 * notes a shipped stage that overrides it with another signal, or that starts nginx itself on
 * another base without it.
 */
export const nginxStopSignal: Rule = {
  id: 'nginx-stop-signal',
  description: 'The shipped stage runs nginx without STOPSIGNAL SIGQUIT, so docker stop drops the requests in flight.',
  defaultSeverity: 'information',
  productionOnly: true,
  check({ model, runtimeStage, text }) {
    if (!runtimeStage || isDevelopmentStageName(runtimeStage.name)) {
      return [];
    }
    const base = baseImageOf(runtimeStage);
    const officialNginx = base.kind === 'image' && base.image.registry === undefined && /^(library\/)?nginx$|^nginxinc\/nginx-unprivileged$/.test(base.image.repository);
    const { entrypoint, cmd } = startCommand(runtimeStage);
    const doc = documentText(text);
    const commands = startCommands(entrypoint, cmd, doc, model.dockerfile.getEscapeCharacter());
    const nginx = commands.map((c) => c.words[programIndex(c)]).find((word) => word !== undefined && basename(word.value) === 'nginx');
    const stopSignal = lastInChain(runtimeStage, 'STOPSIGNAL');
    const signal = stopSignal?.getArguments()[0]?.getValue().toUpperCase();
    const quits = signal === 'SIGQUIT' || signal === 'QUIT' || signal === '3';
    if (officialNginx) {
      // The image's own start (inherited CMD) or nginx itself: an override to another signal.
      const runsNginx = (!entrypoint && !cmd) || nginx !== undefined || commands.some((c) => c.words.some((w) => /docker-entrypoint\.sh$/.test(w.value)));
      if (!stopSignal || quits || !runsNginx || signal?.includes('$')) return [];
      return [{
        range: stopSignal.getRange(),
        message: `\`STOPSIGNAL ${stopSignal.getArguments()[0].getValue()}\` replaces the nginx image's \`STOPSIGNAL SIGQUIT\`: nginx stops at once on it and drops the requests in flight. Remove the line to keep the graceful shutdown.`,
      }];
    }
    if (!nginx || quits || signal?.includes('$')) return [];
    // The fix goes before the stage's own start instruction (the first, if it has both).
    const ownStart = runtimeStage.instructions.find((i) => i === entrypoint || i === cmd);
    const startLine = ownStart?.getRange().start.line;
    return [{
      range: doc.rangeOf(nginx.start, nginx.end),
      message: stopSignal
        ? `nginx stops gracefully (finishing the requests in flight) on SIGQUIT; \`STOPSIGNAL ${stopSignal.getArguments()[0].getValue()}\` makes \`docker stop\` drop them. Use \`STOPSIGNAL SIGQUIT\`, as the official nginx image does.`
        : 'nginx stops gracefully (finishing the requests in flight) on SIGQUIT, but `docker stop` sends SIGTERM, which makes it drop them: add `STOPSIGNAL SIGQUIT`, as the official nginx image does.',
      fixes:
        !stopSignal && startLine !== undefined
          ? [{ title: 'Add STOPSIGNAL SIGQUIT', edits: [{ range: { start: { line: startLine, character: 0 }, end: { line: startLine, character: 0 } }, newText: 'STOPSIGNAL SIGQUIT\n' }] }]
          : undefined,
    }];
  },
};
