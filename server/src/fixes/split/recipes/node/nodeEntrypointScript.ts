// An ENTRYPOINT shell script that prepares the environment and ends with `exec "$@"`, running the
// CMD (`node ./bin/www`): distroless has no shell, but the node image's slim variant has one, so
// the script stays the ENTRYPOINT there and the CMD is the node command the split starts anyway.
// The shared check (shared/shellStart.ts) reads the script and finds every command it runs on
// the runtime. The script must not run the app's own commands itself (the split starts node with
// the app's script and prunes devDependencies, so `npm run migrate` there may not run): those,
// and other shell starts (`sh -c "node server.js | tee ..."`), make the split decline.
import { shellToExecForm } from '../../../../core/commands';
import { Stage } from '../../../../core/stages';
import { SHELLS } from '../../../../rules/shellCommands';
import { BuildContext } from '../../../fix';
import { rootOnlyStart } from '../../rootOnlyStart';
import { Declined, decline, isDeclined } from '../../recipe';
import { ShellStart, shellStart, startTexts } from '../shared/shellStart';
import { StageScan } from '../shared/stageScan';

const APP_PROGRAM = /^((\/usr\/local\/bin\/)?node(js)?|npm|yarn|pnpm)$/;
const VARIABLE = /\$\{?[A-Za-z_]\w*\}?/g;

/** The ENTRYPOINT script checked for the node image's slim variant; undefined when the start needs no shell. */
export function nodeEntrypointScript(stage: Stage, scan: StageScan, aptPackages: string[], buildContext: BuildContext | undefined): ShellStart | Declined | undefined {
  if (rootOnlyStart(stage, buildContext)) {
    return undefined; // the split's own check says which service needs root
  }
  const starts = startTexts(stage);
  const shell = shellStart({
    ...starts,
    workdir: scan.workdir,
    copies: scan.copies,
    buildContext,
    distro: 'debian',
    installed: aptPackages,
    runtimeImage: 'the node -slim image',
    isAppProgram: (program) => APP_PROGRAM.test(program),
    // Plain words, and words with variables the ENVs set (nodeShellStart.ts): the recipe's own.
    handlesShellForm: (text) => {
      const words = shellToExecForm(text.replace(VARIABLE, 'x'));
      return words !== undefined && !SHELLS.test(words[0] ?? '') && !/\.(sh|bash)$/.test(words[0] ?? '');
    },
  });
  if (!shell || isDeclined(shell)) {
    return shell;
  }
  const cmd = starts.cmd && ('words' in starts.cmd ? starts.cmd.words : shellToExecForm(starts.cmd.shellForm));
  if (shell.keyword !== 'ENTRYPOINT' || !('words' in shell.start) || !shell.passesArguments || !cmd) {
    return decline(`The start runs ${shell.what}, and the split keeps a shell start on the node image's slim variant only as an ENTRYPOINT script that ends with \`exec "$@"\` and a CMD that starts node (\`CMD ["node", "server.js"]\`); start the app that way, or with node itself, then split.`);
  }
  const own = shell.appCommands.find((words) => words.join('\0') !== cmd.join('\0'));
  if (own) {
    return decline(`The ENTRYPOINT script runs \`${own.join(' ')}\` itself, which the split does not keep (it starts node with the app's script and prunes devDependencies); do that in the build or in the app, then split.`);
  }
  return shell;
}
