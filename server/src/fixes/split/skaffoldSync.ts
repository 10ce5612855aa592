// skaffold's file sync (`sync:` on an artifact, used by `skaffold dev`) copies changed files into
// the running container as the container's user (`kubectl exec ... tar xmf - --no-same-owner`, in
// skaffold's pkg/skaffold/sync/kubectl.go). The original container ran as root and could replace
// any file; the split's runtime user cannot replace the files it copies root-owned, and skaffold
// reports "Sync failed" (review round 15: skaffold's examples/ruby/backend). Read as plain YAML
// text, like the compose files (composeServices.ts).
import { Instruction } from 'dockerfile-ast';
import { BuildContext } from '../fix';
import { SplitPlan } from './recipe';
import { ranAsNonRoot } from './userChange';

const SKAFFOLD_FILES = ['skaffold.yaml', 'skaffold.yml'];
/** A repository's skaffold.yaml builds `app/` or `services/web/` from one or two folders up. */
const LEVELS_UP = 2;

/** A note for each skaffold.yaml whose artifact built from this folder syncs files into the container. */
export function skaffoldSyncNotes(context: BuildContext | undefined, instructions: Instruction[], plan: SplitPlan): string[] {
  if (!context || ranAsNonRoot(instructions) || plan.runtimeUser === '') {
    return []; // the original's user had no more rights than the runtime's
  }
  const user = /^\d+/.exec(plan.runtimeUser)?.[0];
  const who = user ? `uid ${user}` : plan.runtimeUser;
  return skaffoldFiles(context)
    .filter(({ text, pathBelow }) => artifactsOf(text).some((artifact) => artifact.syncs && samePath(artifact.context, pathBelow)))
    .map(({ file }) => `${file} syncs files into the running container for \`skaffold dev\` (sync:), as the container's user: ${who} cannot replace the files the runtime copies root-owned, where the original ran as root. For \`skaffold dev\`, set the artifact's docker target to the build stage, or copy the synced folder with --chown=${plan.runtimeUser}.`);
}

function skaffoldFiles(context: BuildContext): { file: string; text: string; pathBelow: string }[] {
  const found: { file: string; text: string; pathBelow: string }[] = [];
  for (const file of SKAFFOLD_FILES) {
    const text = context.readFile(file);
    if (text !== undefined) {
      found.push({ file, text, pathBelow: '' });
    }
    for (let levelsUp = 1; levelsUp <= LEVELS_UP; levelsUp++) {
      const above = context.readAbove?.(levelsUp, file);
      if (above) {
        found.push({ file: `${'../'.repeat(levelsUp)}${file}`, text: above.text, pathBelow: above.pathBelow });
      }
    }
  }
  return found;
}

/** The artifacts of `build.artifacts` (in every document of the file): their context folder and whether they sync. */
function artifactsOf(text: string): { context: string; syncs: boolean }[] {
  const lines = text.split(/\r?\n/).map((line) => line.replace(/\s+#.*$/, '')).filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  const indentOf = (line: string) => line.length - line.trimStart().length;
  const artifacts: { context: string; syncs: boolean }[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!/^\s*artifacts:\s*$/.test(lines[index])) {
      continue;
    }
    const listIndent = indentOf(lines[index]);
    let current: { context: string; syncs: boolean; indent: number } | undefined;
    for (index++; index < lines.length && (indentOf(lines[index]) > listIndent || (indentOf(lines[index]) === listIndent && lines[index].trimStart().startsWith('- '))); index++) {
      const line = lines[index];
      if (line.trimStart().startsWith('- ') && (current === undefined || indentOf(line) <= current.indent)) {
        current = { context: '.', syncs: false, indent: indentOf(line) };
        artifacts.push(current);
      }
      if (!current) {
        continue;
      }
      // The artifact's own keys only (`context:` under `docker:` or `kaniko:` is another thing).
      const ownKey = line.trimStart().startsWith('- ') ? indentOf(line) === current.indent : indentOf(line) === current.indent + 2;
      const key = ownKey ? /^\s*(?:-\s+)?([\w-]+):\s*(.*)$/.exec(line) : null;
      if (key?.[1] === 'context' && key[2] !== '') {
        current.context = key[2].replace(/^["']|["']$/g, '');
      } else if (key?.[1] === 'sync') {
        current.syncs = true;
      }
    }
    index--;
  }
  return artifacts.map(({ context, syncs }) => ({ context, syncs }));
}

/** `./app/` and `app` are the same folder; `.` and `` are the file's own. */
function samePath(a: string, b: string): boolean {
  const normal = (path: string) => path.replace(/^\.\/?/, '').replace(/\/+$/, '');
  return normal(a) === normal(b);
}
