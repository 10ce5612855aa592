// An Alpine build that adds packages with apk (graphviz, tini, build-base for native modules): apk
// has no Debian equivalent the split could write for it, and modules built on musl do not load on
// distroless's glibc. So, as the Python recipe does for its Alpine builds, the runtime is the same
// node Alpine tag (the Node release and musl the build used), without the compilers, headers and
// tools the build added (shared/osPackages.ts says which apk packages only build, and which
// library a header package needs), with the packages the app runs installed again, as the image's
// own non-root user node (uid 1000, made by nodejs/docker-node's Alpine Dockerfile).
import { Stage } from '../../../../core/stages';
import { isInside } from '../../../../rules/buildArtifacts';
import { Declined, SplitPlan, StartCommand, StartKeyword, decline, isDeclined } from '../../recipe';
import { installLines, runtimePackages } from '../shared/osPackages';
import { NODE_ALPINE_IMAGE_PACKAGES } from '../../../../catalog/nodeImageTools';
import { fromArgumentsNote, pinnedBuilderImage } from './nodeImage';
import { KeptScript, NODE_ENV_UNSET_NOTE, keepScript, keepShellScript, keptScriptNotes, keptToolSetup, leftBehind } from './nodeKeptScript';
import { NodeInputs, foldersToCreate, runtimeLayout, wholeApp } from './nodeLayout';
import { NODE_IMAGE_USER } from './nodeSlim';
import { NODE_IMAGE_LAUNCHER, NodeLauncher, adaptStart, startArgs } from './nodeStart';
import { globalToolsNote, globalToolsSetup, runTimeGlobalTools } from './nodeGlobalTools';

/** apk packages only a Node build uses: node-gyp's Python, and Alpine's own Node.js and npm beside the image's. */
const NODE_BUILD_ONLY = /^(python[23]?|py3-(pip|setuptools)|nodejs|nodejs-current|npm|yarn)$/;

/** The words of the stage's start commands and health checks: a package they name is run at run time. */
function runTimeWords(stage: Stage): Set<string> {
  const words = stage.instructions
    .filter((instruction) => ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(instruction.getKeyword()))
    .flatMap((instruction) => (instruction.getArgumentsContent() ?? '').split(/[\s"',[\]]+/));
  return new Set(words.map((word) => word.replace(/^.*\//, '')).filter((word) => word !== ''));
}

/** `tini --` or `/sbin/tini -s --` (Alpine's tini is in /sbin): an init that runs the CMD. */
function isAlpineTini(words: string[] | undefined): boolean {
  return words !== undefined && /^(\/sbin\/)?tini$/.test(words[0] ?? '') && words[words.length - 1] === '--' && words.slice(1).every((word) => /^-[a-z-]*$/.test(word));
}

export function alpinePlan(inputs: NodeInputs, kept: KeptScript | undefined): SplitPlan | Declined {
  const { stage, build, builder, context } = inputs;
  const image = `${builder.name}:${builder.tag}`;
  if (inputs.entrypointScript) {
    return decline(`The ENTRYPOINT runs a shell script on an Alpine build that installs packages with apk; the split keeps such scripts only on Debian images. Split by hand onto ${image}.`);
  }
  if (build.aptPackages.length > 0) {
    return decline(`The build runs apt-get on ${image}, an Alpine image; fix the build, then split.`);
  }
  const runs = runTimeWords(stage);
  const installed = build.apkPackages.filter((name) => !NODE_BUILD_ONLY.test(name) || runs.has(name));
  const needed = runtimePackages('alpine', installed, (name) => runs.has(name));
  if (!needed) {
    const headers = installed.filter((name) => name.endsWith('-dev'));
    return decline(`The build installs ${headers.join(', ')} with apk, and the split does not know which library the app's native modules then load at run time; split by hand onto ${image}, installing that library there.`);
  }
  const dropped = build.apkPackages.filter((name) => !needed.includes(name));
  // What the node Alpine image already has (libstdc++, libgcc) is not installed again.
  const runtime = needed.filter((name) => !NODE_ALPINE_IMAGE_PACKAGES.includes(name));
  const behind = leftBehind(build, dropped, false);
  if (behind.length === 0 && !context) {
    // Nothing would stay behind in the builder (and without package.json there is no prune).
    return decline(`The build on ${image} leaves nothing a builder stage would keep back: ${runtime.length > 0 ? `${runtime.join(', ')} ${runtime.length > 1 ? 'are' : 'is'} needed at run time, ` : ''}no build package, no package manager cache${build.manager ? ' (the install cleans it)' : ''}, so the runtime would be this same image again. Keep one stage${build.user ? '' : ' and run it as a non-root user (USER node)'}, or build on node:22-trixie-slim with apt-get for the distroless split.`);
  }
  const init = runtime.includes('tini') && isAlpineTini(build.entrypoint) ? build.entrypoint : undefined;
  const cmd = stage.instructions.filter((instruction) => instruction.getKeyword() === 'CMD').pop();
  const tiniCmd = (cmd?.getArgumentsContent() ?? '').match(/^\[?\s*"?((?:\/sbin\/)?tini)"?[\s,]/)?.[1];
  if (tiniCmd && !build.entrypoint) {
    return decline(`The CMD runs ${tiniCmd} in front of the app; on the Alpine runtime the split keeps tini as the ENTRYPOINT. Write ENTRYPOINT ["/sbin/tini", "--"] and the app's command alone in CMD (["node", "app.js"]), then split.`);
  }
  const launcher: NodeLauncher = { ...NODE_IMAGE_LAUNCHER, init };
  const major = builder.major;
  const app = kept ? wholeApp(build, NODE_IMAGE_USER, inputs.writes) : undefined;
  let adapt: (command: StartCommand) => StartCommand | undefined;
  let layout: { finish: string[]; artifacts: SplitPlan['artifacts']; notes: string[]; create: string[]; env: string[] };
  if (kept && app) {
    adapt = (command) => keepScript(command, kept);
    layout = { finish: [], artifacts: app.artifacts, notes: app.notes, create: app.create, env: [] };
  } else {
    const start = startArgs(stage, build, context, launcher);
    if (isDeclined(start)) {
      return start;
    }
    if (!start.script || !isInside(start.script, build.appDir)) {
      return decline(`The app's script ${start.script ?? ''} is outside its directory ${build.appDir}, and the split copies that directory; move the script into it, then split.`);
    }
    const planned = runtimeLayout(inputs, start, NODE_IMAGE_USER, major ?? 26);
    if (isDeclined(planned)) {
      return planned;
    }
    if (behind.length === 0 && planned.finish.length === 0) {
      return decline(`The build on ${image} leaves nothing a builder stage would keep back (no build package, no package manager cache, no devDependencies to prune), so the runtime would be this same image again. Keep one stage and run it as a non-root user (USER node).`);
    }
    layout = planned;
    adapt = (command) => adaptStart(command, build, context, launcher);
  }
  const tools = runTimeGlobalTools(build.toolInstalls, build.ran);
  const floating = major === undefined;
  const loaded = runtime.filter((name) => !/^(libstdc\+\+|libgcc)$/.test(name));
  const notes = [
    ...(kept
      ? keptScriptNotes(image, kept, build, behind, !build.env.has('NODE_ENV'), major)
      : [`Runtime: ${image}, run as its non-root user node (uid 1000), not distroless: the build installs packages with apk (${build.apkPackages.join(', ')}), and the builder is Alpine (musl) while distroless is glibc. Build on node:22-trixie-slim with apt-get to split onto Debian (distroless when the app needs no system package at run time).`, ...(behind.length > 0 ? [`Left in the builder: ${behind.join(', ')}.`] : [])]),
    `The runtime is the build's own image, ${image}: the same Node release and musl${kept ? '' : ' (native modules built in the builder load there)'}, without ${dropped.length > 0 ? dropped.join(', ') : 'the build\'s caches'}.`,
    ...(floating ? [`Both stages name ${image}, which pins no Node version: one build resolves the tag to one image, so the runtime runs the Node the modules were installed for. Write the version (node:22-alpine) so that rebuilds do not move to a new Node unannounced.`] : []),
    ...(loaded.length > 0 ? [`It installs ${loaded.join(', ')} again, which the app runs or loads at run time.`] : []),
    ...(needed.includes('libstdc++') ? ['Modules compiled with the C++ compiler link libstdc++ and libgcc: the node Alpine image has both.'] : []),
    ...(init ? [`The ENTRYPOINT ${init.join(' ')} stays: the runtime installs tini too, so it forwards signals to the app and reaps zombies as in the original.`] : []),
    ...(tools ? [globalToolsNote(tools)] : []),
    ...fromArgumentsNote(builder),
    ...(builder.digest ? [`${image} is the builder's image without its digest; pin it by digest again.`] : []),
    ...layout.notes,
    ...(build.privilegedPort ? [`Port ${build.privilegedPort} as uid 1000: Docker 20.10+ allows it, Kubernetes needs a port above 1023.`] : []),
    ...(!kept && !context && !build.env.has('NODE_ENV') ? [NODE_ENV_UNSET_NOTE] : []),
  ];
  return {
    label: `${image} runtime`,
    builderImage: pinnedBuilderImage(builder, undefined),
    builderSetup: foldersToCreate(build, layout.create),
    builderFinish: layout.finish,
    runtimeImage: image,
    runtimeNotes: notes,
    runtimeSetup: [...installLines('alpine', runtime), ...globalToolsSetup(tools), ...(kept ? keptToolSetup(kept) : [])],
    artifacts: layout.artifacts,
    workdir: build.appDir,
    // Without package.json the original's environment stays (NODE_ENV_UNSET_NOTE).
    runtimeEnv: [...(kept || !context || build.env.has('NODE_ENV') ? [] : ['ENV NODE_ENV=production']), ...layout.env],
    runtimeEntrypoint: ['docker-entrypoint.sh'],
    runtimeUser: NODE_IMAGE_USER,
    adaptStart: adapt,
    ...(kept ? { adaptShellStart: (keyword: StartKeyword, shellForm: string) => keepShellScript(keyword, shellForm, kept) } : {}),
  };
}
