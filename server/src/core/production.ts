// Not every Dockerfile builds a production image. Dev containers, files the user excludes, and
// files marked `# stagecraft: not-production` get none of the production rules; the reason is
// shown as one information line so the silence is never a mystery.
import { matchesAny } from './glob';
import { StageModel, baseImageOf } from './stages';
import { Range, rangeOf } from './types';

export interface NotProduction {
  reason: string;
  range: Range;
}

const MARKER = /^\s*#\s*stagecraft:\s*not-production\b/;

export function notProductionReason(
  model: StageModel,
  lines: readonly string[],
  documentPath: string | undefined,
  excludePatterns: readonly string[],
): NotProduction | undefined {
  const markerLine = lines.findIndex((line) => MARKER.test(line));
  if (markerLine >= 0) {
    return { reason: 'it is marked `# stagecraft: not-production`', range: rangeOf(markerLine, 0, markerLine, lines[markerLine].length) };
  }
  const firstFrom = model.stages[0]?.from.getRange() ?? rangeOf(0, 0, 0, 0);
  const onFirstFrom = rangeOf(firstFrom.start.line, firstFrom.start.character, firstFrom.start.line, firstFrom.start.character + 4);
  if (documentPath !== undefined) {
    const normalized = documentPath.replace(/\\/g, '/');
    if (/(^|\/)\.devcontainer\//.test(normalized)) {
      return { reason: 'it is in a `.devcontainer/` folder', range: onFirstFrom };
    }
    if (excludePatterns.length > 0 && (matchesAny(normalized, excludePatterns) || matchesAny(normalized.split('/').pop() ?? '', excludePatterns))) {
      return { reason: 'its path matches the `exclude` setting', range: onFirstFrom };
    }
  }
  const devcontainerBase = model.stages.some((stage) => {
    const base = baseImageOf(stage);
    return base.kind === 'image' && isDevcontainerImage(base.image.registry, base.image.repository);
  });
  if (devcontainerBase) {
    return { reason: 'it builds on a dev container base image', range: onFirstFrom };
  }
  return undefined;
}

function isDevcontainerImage(registry: string | undefined, repository: string): boolean {
  return registry === 'mcr.microsoft.com' && /^(devcontainers|vscode\/devcontainers)\//.test(repository);
}
