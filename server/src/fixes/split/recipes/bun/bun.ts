// Bun on oven/bun's own distroless variant (`oven/bun:<release>-distroless`): base-nossl-debian13
// with bun at /usr/local/bin/bun as the ENTRYPOINT, no shell, root unless told (catalog/jsRuntimes.ts).
// The builder keeps everything as written (bun install, bun build); the runtime copies the app
// folder whole, owned by the runtime's user, and starts the same file with bun. A package.json
// script becomes the `bun <file>` it runs (bun would need /bin/sh for it). Declined: a build that
// runs other programs (apt-get, curl), native addons and install scripts, dev servers (--watch,
// --hot), scripts that need a shell, Alpine builds (the distroless variant is glibc).
import { SplitPlan, SplitRecipe, StartCommand, decline, isDeclined } from '../../recipe';
import { scanStage } from '../shared/stageScan';
import { copyFillsFromContext, otherProgramDecline, runtimeUserFor, toolStart, wholeAppArtifacts } from '../shared/scriptRuntime';
import { BUN_IMAGE_UID } from '../../../../catalog/jsRuntimes';
import { lookupImage } from '../../../../catalog/catalog';
import { parseImageReference } from '../../../../core/imageReference';
import { recogniseBunImage } from './bunImage';
import { BUN_BIN, bunStart } from './bunStart';
import { readBunContext } from './bunContext';

/** oven/bun's Debian images work in /home/bun/app (dockerhub/debian/Dockerfile WORKDIR). */
const IMAGE_WORKDIR = '/home/bun/app';
const BUN_PROGRAMS = new Set(['bun', BUN_BIN]);

export const bunRecipe: SplitRecipe = {
  ecosystem: 'bun',
  plan({ stage, model, text, buildContext }) {
    const builder = recogniseBunImage(stage);
    if (!builder || isDeclined(builder)) {
      return builder ?? [];
    }
    const image = builder.runtimeImage;
    const scan = scanStage(stage, model, text, IMAGE_WORKDIR);
    const appDir = scan.workdir;
    if (appDir === '' || appDir === '/') {
      return decline('The split copies the app folder whole, and the build works in / (or a WORKDIR it cannot read); set a WORKDIR for the app, then split.');
    }
    const other = otherProgramDecline(scan, ['bun', 'bunx'], image);
    if (other) {
      return other;
    }
    const global = scan.commands.find(({ args }) => BUN_PROGRAMS.has(args[0] ?? '') && (args.includes('-g') || args.includes('--global')));
    if (global) {
      return decline(`The build installs a global tool (\`${global.args.join(' ')}\`) into /usr/local/bin, outside the app folder the split copies; add it as a dependency of the app instead, then split.`);
    }
    const started = toolStart(scan, BUN_PROGRAMS, {
      shellForm: 'The start command is a shell form with shell features (variables, &&), and oven/bun\'s distroless image has no shell; write it in exec form (`CMD ["bun", "src/index.ts"]`), then split.',
      noStart: 'There is no CMD or ENTRYPOINT, so the image would start bun\'s REPL; add the command that starts the app, then split.',
      splitStart: 'The start is split over ENTRYPOINT and CMD; write it as one CMD (`CMD ["bun", "src/index.ts"]`), then split.',
    });
    if (isDeclined(started)) {
      return started;
    }
    const { words: startWords, bareEntrypoint } = started;
    const context = copyFillsFromContext(scan, appDir, 'package.json') ? readBunContext(buildContext) : undefined;
    if (context && context.unknowns.length > 0) {
      return decline(`The install runs or loads code the split cannot reason about (${context.unknowns.join('; ')}), and ${image} has glibc but no libstdc++ or OpenSSL; keep one stage with USER bun, or split by hand onto a slim image that has what they need.`);
    }
    const scripts = context?.scripts;
    const bunWords = bareEntrypoint ? startWords : asBunWords(startWords);
    if (!bunWords) {
      return decline(`The start runs \`${startWords[0] ?? ''}\`, which ${image} does not have (only bun, no shell); start the app with bun (\`CMD ["bun", "src/index.ts"]\`), then split.`);
    }
    const start = bunStart(bunWords, scripts);
    if (isDeclined(start)) {
      return start;
    }
    const user = runtimeUserFor(stage, { name: 'bun', uid: BUN_IMAGE_UID });
    if (typeof user !== 'string') {
      return user;
    }
    const app = wholeAppArtifacts(scan, appDir, user);
    const adapt = (command: StartCommand): StartCommand | undefined => {
      const words = command.keyword === 'CMD' && bareEntrypoint ? command.words : asBunWords(command.words);
      if (command.keyword === 'ENTRYPOINT' && command.words.length === 1 && BUN_PROGRAMS.has(command.words[0])) {
        return { keyword: 'ENTRYPOINT', words: [BUN_BIN] };
      }
      const adapted = words && bunStart(words, scripts);
      if (!adapted || isDeclined(adapted)) {
        return undefined;
      }
      return command.keyword === 'ENTRYPOINT' ? { keyword: 'ENTRYPOINT', words: [BUN_BIN, ...adapted.args] } : { keyword: 'CMD', words: adapted.args };
    };
    const uid = user.split(':')[0];
    const notes = [
      `Runtime: ${image}, oven/bun's distroless variant of the build's release (no shell, no package manager), as uid ${uid}${uid === String(BUN_IMAGE_UID) ? ' (the bun user the original ran as, which has no /etc/passwd entry there: HOME is /)' : ''}; its entrypoint is ${BUN_BIN}, so CMD holds bun's arguments.`,
      ...(builder.floating ? [`${builder.text} and ${image} both float: a rebuild may take a newer release in one stage than in the other; rebuild with --pull so both take the same.`] : []),
      ...(start.fromScript ? [`\`${start.fromScript.call}\` runs \`${start.fromScript.command}\` (package.json): bun runs scripts with /bin/sh, which distroless lacks, so bun runs the file directly (no npm_package_* variables).`] : []),
      ...(context ? [] : [`Without package.json beside the Dockerfile the split cannot see native addons or install scripts and assumes none: ${image} has glibc but no libstdc++ or OpenSSL.`]),
      ...app.notes,
      ...(scan.privilegedPort ? [`Port ${scan.privilegedPort} as uid ${uid}: Docker 20.10+ allows it, Kubernetes needs a port above 1023.`] : []),
    ];
    const plan: SplitPlan = {
      label: image,
      builderSetup: [],
      runtimeImage: image,
      runtimeNotes: notes,
      artifacts: app.artifacts,
      workdir: appDir,
      runtimeEnv: [],
      runtimeEntrypoint: runtimeEntrypoint(image),
      runtimeUser: user,
      adaptStart: adapt,
    };
    return [plan];
  },
};

/** bun's arguments in a start command: after `bun`, or the whole CMD when oven/bun's entrypoint would put bun before it (a flag, `run`, a .ts/.js file). */
function asBunWords(words: string[]): string[] | undefined {
  const [first, ...rest] = words;
  if (first === undefined) {
    return undefined;
  }
  if (BUN_PROGRAMS.has(first)) {
    return rest;
  }
  // dockerhub/*/docker-entrypoint.sh: bun goes first when the word is a flag, not a command on PATH, or a file that is not executable.
  return first.startsWith('-') || first === 'run' || /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(first) ? words : undefined;
}

/** The entrypoint the catalog records for the runtime image. */
function runtimeEntrypoint(image: string): string[] {
  const reference = parseImageReference(image);
  return (reference && lookupImage(reference).facts.entrypoint) ?? [BUN_BIN];
}
