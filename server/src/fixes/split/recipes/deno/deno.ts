// Deno on denoland/deno's own distroless variant (`denoland/deno:distroless-<release>`):
// gcr.io/distroless/cc with deno at /bin/deno behind tini as the ENTRYPOINT, no shell, root unless
// told (catalog/jsRuntimes.ts). The builder keeps everything as written (deno cache, deno install);
// the runtime copies the app folder and the module cache (DENO_DIR) whole, owned by the runtime's
// user, so deno runs the cached modules without downloading them at start, and starts with the
// same deno arguments (permission flags as written). Declined: a build that runs other programs,
// install scripts (--allow-scripts), global installs, `deno task`, --watch, Alpine and Deno 1.
import { isInside } from '../../../../rules/buildArtifacts';
import { DENO_DISTROLESS_ENTRYPOINT, DENO_IMAGE_UID } from '../../../../catalog/jsRuntimes';
import { SplitPlan, SplitRecipe, StartCommand, decline, isDeclined } from '../../recipe';
import { scanStage } from '../shared/stageScan';
import { otherProgramDecline, runtimeUserFor, toolStart, wholeAppArtifacts } from '../shared/scriptRuntime';
import { recogniseDenoImage } from './denoImage';
import { DENO_PROGRAMS, asDenoWords, denoStart } from './denoStart';

/** deno_docker's images set DENO_DIR=/deno-dir/ (debian.dockerfile, distroless.dockerfile). */
const IMAGE_DENO_DIR = '/deno-dir';

export const denoRecipe: SplitRecipe = {
  ecosystem: 'deno',
  plan({ stage, model, text }) {
    const builder = recogniseDenoImage(stage);
    if (!builder || isDeclined(builder)) {
      return builder ?? [];
    }
    const image = builder.runtimeImage;
    const scan = scanStage(stage, model, text, '/', { DENO_DIR: IMAGE_DENO_DIR });
    const appDir = scan.workdir;
    if (appDir === '' || appDir === '/') {
      return decline('The split copies the app folder whole, and the build works in / (or a WORKDIR it cannot read); set a WORKDIR for the app (`WORKDIR /app`), then split.');
    }
    const other = otherProgramDecline(scan, ['deno'], image);
    if (other) {
      return other;
    }
    const denoRuns = scan.commands.filter(({ args }) => DENO_PROGRAMS.has(args[0] ?? ''));
    const global = denoRuns.find(({ args }) => args.includes('-g') || args.includes('--global'));
    if (global) {
      return decline(`The build installs a global command (\`${global.args.join(' ')}\`) into /usr/local/bin, outside what the split copies; run it with deno run in the CMD instead, then split.`);
    }
    const scripts = denoRuns.find(({ args }) => args.some((word) => word !== undefined && /^--allow-scripts(=|$)/.test(word)));
    if (scripts) {
      return decline(`The build runs npm install scripts (\`${scripts.args.join(' ')}\`), which may build native code or write outside the app folder, and the split cannot tell what they leave; keep one stage, or split by hand.`);
    }
    const started = toolStart(scan, DENO_PROGRAMS, {
      shellForm: 'The start command is a shell form with shell features (variables, &&), and denoland/deno\'s distroless image has no shell; write it in exec form (`CMD ["run", "--allow-net", "main.ts"]`), then split.',
      noStart: 'There is no CMD or ENTRYPOINT, so the image would only print a welcome; add the command that starts the app, then split.',
      splitStart: 'The start is split over ENTRYPOINT and CMD; write it as one CMD (`CMD ["run", "--allow-net", "main.ts"]`), then split.',
    });
    if (isDeclined(started)) {
      return started;
    }
    const { words: startWords, bareEntrypoint } = started;
    const denoWords = bareEntrypoint ? startWords : asDenoWords(startWords);
    if (!denoWords) {
      return decline(`The start runs \`${startWords[0] ?? ''}\`, which ${image} does not have (only deno, no shell); start the app with deno run, then split.`);
    }
    const start = denoStart(denoWords);
    if (isDeclined(start)) {
      return start;
    }
    const user = runtimeUserFor(stage, { name: 'deno', uid: DENO_IMAGE_UID });
    if (typeof user !== 'string') {
      return user;
    }
    const uid = user.split(':')[0];
    const denoDir = (scan.env.get('DENO_DIR') ?? IMAGE_DENO_DIR).replace(/(.)\/+$/, '$1');
    if (!denoDir.startsWith('/')) {
      return decline(`DENO_DIR is ${denoDir}, not an absolute path the split can copy; set it to an absolute folder, then split.`);
    }
    const app = wholeAppArtifacts(scan, appDir, user);
    const cacheInApp = isInside(denoDir, appDir);
    const caches = denoRuns.some(({ args }) => args[1] === 'cache' || args[1] === 'install' || args[1] === 'i');
    const adapt = (command: StartCommand): StartCommand | undefined => {
      if (command.keyword === 'ENTRYPOINT' && command.words.length === 1 && DENO_PROGRAMS.has(command.words[0])) {
        return { keyword: 'ENTRYPOINT', words: DENO_DISTROLESS_ENTRYPOINT };
      }
      const words = command.keyword === 'CMD' && bareEntrypoint ? command.words : asDenoWords(command.words);
      const adapted = words && denoStart(words);
      if (!adapted || isDeclined(adapted)) {
        return undefined;
      }
      return command.keyword === 'ENTRYPOINT' ? { keyword: 'ENTRYPOINT', words: [...DENO_DISTROLESS_ENTRYPOINT, ...adapted] } : { keyword: 'CMD', words: adapted };
    };
    const notes = [
      `Runtime: ${image}, denoland/deno's distroless variant of the build's release (gcr.io/distroless/cc: no shell), as uid ${uid}${uid === String(DENO_IMAGE_UID) ? ' (the deno user the original ran as, which has no /etc/passwd entry there: HOME is /)' : ''}; its entrypoint is ${DENO_DISTROLESS_ENTRYPOINT.join(' ')}, so CMD holds deno's arguments, the permission flags as written.`,
      ...(builder.floating ? [`${builder.text} and ${image} both float: a rebuild may take a newer release in one stage than in the other; rebuild with --pull so both take the same.`] : []),
      caches
        ? `Copies the module cache DENO_DIR (${denoDir}) owned by uid ${uid}: deno runs the modules the build cached without downloading them at start, and can add to the cache.`
        : `The build caches no module (no deno cache or deno install): deno downloads them at start into DENO_DIR (${denoDir}), as the original did; the runtime copies it owned by uid ${uid} so deno can write there.`,
      ...app.notes,
      ...(scan.privilegedPort ? [`Port ${scan.privilegedPort} as uid ${uid}: Docker 20.10+ allows it, Kubernetes needs a port above 1023.`] : []),
    ];
    const plan: SplitPlan = {
      label: image,
      builderSetup: [],
      runtimeImage: image,
      runtimeNotes: notes,
      artifacts: [...(cacheInApp ? [] : [{ source: denoDir, target: denoDir, chown: user }]), ...app.artifacts],
      workdir: appDir,
      runtimeEnv: [],
      runtimeEntrypoint: DENO_DISTROLESS_ENTRYPOINT,
      runtimeUser: user,
      adaptStart: adapt,
    };
    return [plan];
  },
};
