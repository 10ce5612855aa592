// `npm start` (or `npm run <script>`) with no package.json to read: the split cannot tell what
// the script runs, so it cannot start node directly on distroless. The runtime is then the node
// image's slim variant, which has npm, and the start command stays as written. node_modules is
// copied as the build left it: without package.json the split cannot tell whether the script
// needs devDependencies (ts-node, a CLI), so it prunes nothing. What the split still gains: the
// build tools stay in the builder, and the app runs as the image's non-root user.
import { execFormWords, isExecForm, shellToExecForm } from '../../../../core/commands';
import { Stage } from '../../../../core/stages';
import { StartCommand } from '../../recipe';
import { NodeBuild } from './nodeBuild';
import { DEV_SCRIPTS } from './nodeStart';

/** npm's quiet flags, which change nothing the split cares about. */
const QUIET = /^(-s|--silent|-q|--quiet)$/;

/**
 * The words of a CMD that runs a production npm script (`npm start`, `npm run serve:prod`), when
 * the stage has no ENTRYPOINT; undefined otherwise (yarn and pnpm are not in the runtime image).
 */
export function keptNpmScript(stage: Stage, build: NodeBuild): string[] | undefined {
  if (build.entrypoint) {
    return undefined;
  }
  const cmd = stage.instructions.filter((i) => i.getKeyword() === 'CMD').pop();
  const words = cmd && (isExecForm(cmd) ? execFormWords(cmd) : shellToExecForm(cmd.getArgumentsContent() ?? ''));
  if (!words || words[0] !== 'npm') {
    return undefined;
  }
  const [verb, name] = words.slice(1).filter((word) => !QUIET.test(word));
  const script = verb === 'start' ? 'start' : verb === 'run' || verb === 'run-script' ? name : undefined;
  return script !== undefined && !DEV_SCRIPTS.test(script) && !words.some((word) => word.includes('$')) ? words : undefined;
}

/** The start command on the slim runtime: the npm script as it is, in exec form. */
export function keepNpmScript(command: StartCommand, kept: string[]): StartCommand | undefined {
  return command.keyword === 'CMD' && command.words.join('\0') === kept.join('\0') ? command : undefined;
}

export function keptScriptNotes(image: string, kept: string[], build: NodeBuild): string[] {
  const call = `\`${kept.join(' ')}\``;
  return [
    `Runtime: ${image} as its own non-root user node (uid 1000), not distroless: the CMD runs ${call}, distroless has no npm, and without package.json beside the Dockerfile the split cannot read what the script runs. With package.json beside the Dockerfile (or the node command in CMD), the split gives distroless instead.`,
    'npm (and the shell it runs the script in) stays between the app and the stop signal, as in the original.',
    ...(build.deps === 'all'
      ? ['node_modules is copied as the build installed it, devDependencies included: the start script may use them. Add `RUN npm prune --omit=dev` at the end of the build stage if it does not.']
      : []),
  ];
}
