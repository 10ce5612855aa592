// .NET: `dotnet publish` onto the Ubuntu chiseled image of the current release, 10.0: `aspnet`
// for web apps, `runtime` otherwise, `runtime-deps` for self-contained output, `-extra` when the
// app needs ICU or time zones. The images are non-root already (`USER $APP_UID`, uid 1654);
// aspnet's and runtime's ENTRYPOINT is /usr/bin/dotnet, runtime-deps has none. .NET 8 and 9
// got no updates after 2026-11-10, so an 8.0 or 9.0 SDK moves to 10.0, labelled, and an app
// that still targets net8.0/net9.0 runs on the 10.0 runtime with DOTNET_ROLL_FORWARD=Major.
// The SDK runs natively (`--platform=$BUILDPLATFORM`, no QEMU in a multi-platform build) when the
// publish already targets `$TARGETARCH`, or when its output runs on any platform: a portable,
// framework-dependent dll (no runtime identifier in the command, the .csproj or a
// Directory.Build.props) started with `dotnet`. Otherwise the SDK would publish for the build
// machine, and the build stays on the target platform.
// Sources: dotnet/dotnet-docker samples/aspnetapp/Dockerfile.chiseled, src/runtime/10.0/
// noble-chiseled/amd64/Dockerfile (ENTRYPOINT, CMD ["--info"]), src/runtime-deps/.../Dockerfile
// (APP_UID, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true), documentation/image-variants.md (extra);
// learn.microsoft.com "Select the .NET version to use" (DOTNET_ROLL_FORWARD).
import { From } from 'dockerfile-ast';
import { Stage } from '../../../../core/stages';
import { BuildContext } from '../../../fix';
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { Artifact, Declined, SplitPlan, SplitRecipe, StartCommand, decline, declineNothingToBuild, isDeclined } from '../../recipe';
import { DotnetProject, readCsproj } from './dotnetContext';
import { DotnetImage, dotnetImage } from './dotnetImage';
import { debianPlan, debianRuntime } from './dotnetDebian';
import { keepListening } from './dotnetListen';
import { Publish, findPublish, outputOf } from './dotnetPublish';
import { DotnetRun, readDotnetRun } from './dotnetRun';
import { APP_DIR, DOTNET, adaptDebianStart, adaptSelfContained, adaptStart, appStart, startPath } from './dotnetStart';
import { DISTROLESS_NONROOT, contextDirOf, copiedOutsideNote, copiedOutsideSources, leftBehindNotes, mergeWritable, privilegedPortNote, runsOnPinnedPlatform, runtimePackagesOf, writableDirs, writableVolumes } from '../shared/splitHelpers';
import { runTimeFiles, runTimeFilesNotes } from '../shared/runTimeFiles';
import { ownedWriteFolders } from '../shared/runTimeWrites';
import { findSourceWrites, sourceWritePlan } from '../shared/sourceWrites';
import { StageScan, lastStarts, scanStage } from '../shared/stageScan';
import { buildsWithBuildKit, nativeBuilderNote } from '../shared/nativeBuilder';

/** The chiseled images' architectures (dotnet/dotnet-docker documentation/supported-platforms.md). */
const CHISELED_ARCHITECTURES = ['amd64', 'arm64', 'arm'];
/** Runtime identifiers of glibc Linux, by Docker architecture. */
const GLIBC_RIDS: Record<string, string> = { 'linux-x64': 'amd64', 'linux-arm64': 'arm64', 'linux-arm': 'arm' };
/** Packages whose presence means the app uses ICU or time zones. */
const GLOBALIZATION_PACKAGES = /^(tzdata|libicu\d*|icu-libs|icu-data-full|icu-devtools)$/;
/** Packages a .NET build installs for itself: ICU and tzdata (the -extra variant has them), front-end and native build tooling. */
const DOTNET_BUILD_ONLY = /^(tzdata|libicu\d*|libicu-dev|icu-libs|icu-data-full|icu-devtools|nodejs|npm|yarn|python3|bash|tar|procps|locales|zlib1g-dev|zlib-dev|libkrb5-dev)$/;
const SUPPORTED_FRAMEWORK = /^net(6|7|8|9|10)\.0$/;
/** The framework of a .NET Core 3.1 or .NET 5.0 SDK's own release, which its Debian runtime image runs. */
const DEBIAN_FRAMEWORK: Record<string, string> = { '3.1': 'netcoreapp3.1', '5.0': 'net5.0' };
/**
 * Releases past their support that still have chiseled images of their own (non-root `app`,
 * ENTRYPOINT /usr/bin/dotnet: dotnet/dotnet-docker src/runtime/6.0/jammy-chiseled,
 * src/runtime-deps/6.0/jammy-chiseled, src/runtime/8.0/noble-chiseled): the app runs on its own
 * release there, as before; the move to 10 is the second variant.
 */
const OWN_CHISELED: Record<number, { tag: string; ubuntu: string; ended: string }> = {
  6: { tag: 'jammy-chiseled', ubuntu: '22.04', ended: '2024-11-12' },
  7: { tag: 'jammy-chiseled', ubuntu: '22.04', ended: '2024-05-14' },
  8: { tag: 'noble-chiseled', ubuntu: '24.04', ended: '2026-11-10' },
  9: { tag: 'noble-chiseled', ubuntu: '24.04', ended: '2026-11-10' },
};

export const dotnetRecipe: SplitRecipe = {
  ecosystem: 'dotnet',
  plan({ stage, model, text, buildContext }) {
    const image = dotnetImage(stage);
    if (!image) {
      return [];
    }
    const unsupported = imageDecline(image, stage.baseText);
    if (unsupported) {
      return unsupported;
    }
    const debian = debianRuntime(image.version, image.tag);
    if (typeof debian === 'string') {
      return decline(debian);
    }
    const scan = scanStage(stage, model, text);
    const buildKit = buildsWithBuildKit(model, text);
    if (scan.onbuild) {
      return decline('ONBUILD instructions run in the images built FROM this one, which a split would change; remove them, then split.');
    }
    const starts = lastStarts(scan);
    if (starts.entrypoint === null || starts.cmd === null) {
      return decline('The start command needs a shell (variables, &&, pipes), and the chiseled images have none; write it in exec form (`ENTRYPOINT ["dotnet", "/app/App.dll"]`), then split.');
    }
    const devStart = [starts.entrypoint, starts.cmd].find((start) => start && DOTNET.test(start.words[0] ?? '') && /^(run|watch)$/.test(start.words[1] ?? ''));
    // `dotnet run`: the builder publishes the project and the runtime starts the dll (dotnetRun.ts).
    const run = devStart?.words[1] === 'run' && !(starts.entrypoint && starts.cmd) && scan.workdir !== '' && !findPublish(scan.commands)
      ? readDotnetRun(devStart.words, scan.workdir, contextDirOf(scan, scan.workdir, []), buildContext)
      : undefined;
    if (typeof run === 'string') {
      return decline(run);
    }
    if (run) {
      const project = buildContext && readCsproj(buildContext, [run.csproj]);
      if (!project) {
        return decline(`The split cannot read ${run.csproj}, which \`dotnet run\` builds; split by hand.`);
      }
      // The profile's URLs or a --urls argument decide where the app listens, not the images' defaults.
      if (run.env.some((line) => line.startsWith('ENV ASPNETCORE_URLS=')) || run.appArgs.some((arg) => /^--urls(=|$)/.test(arg))) {
        scan.env.set('ASPNETCORE_URLS', 'dotnet run');
      }
      const main: StartCommand = { keyword: devStart?.keyword ?? 'CMD', words: ['dotnet', `${run.publish.output ?? ''}/${project.assemblyName}.dll`, ...run.appArgs] };
      const planned = planPublished({ stage, scan, image, debian, buildContext, publish: run.publish, main, run, buildKit });
      return isDeclined(planned) ? planned : planned.map((plan) => ({
        ...plan,
        // After a non-root USER the publish could not write /publish: it runs as root again.
        builderFinish: ['', '# `dotnet run` compiled the app at start: publish it for the runtime.', ...(endsAsNonRoot(stage) ? ['USER root'] : []), run.publishLine, ...(plan.builderFinish ?? [])],
        runtimeNotes: [plan.runtimeNotes[0], ...run.notes, ...plan.runtimeNotes.slice(1)],
        runtimeEnv: [...plan.runtimeEnv, ...run.env],
        adaptStart: (command) => plan.adaptStart?.(readDotnetRunWords(command.words) ? { keyword: command.keyword, words: main.words } : command),
      }));
    }
    if (devStart) {
      return decline(`The container starts the app with \`dotnet ${devStart.words[1]}\`, which compiles at start and needs the SDK: a development setup. Publish it (\`RUN dotnet publish -c Release -o /app/publish\`) and start the dll (\`ENTRYPOINT ["dotnet", "/app/publish/App.dll"]\`), then split.`);
    }
    const publish = findPublish(scan.commands);
    if (publish && 'declined' in publish) {
      return publish;
    }
    if (!publish) {
      return decline('The Dockerfile does not run `dotnet publish`, so there is no output to copy; publish into a folder (`RUN dotnet publish -c Release -o /app/publish`), then split.');
    }
    if (scan.workdir === '') {
      return decline('A WORKDIR uses a variable that has no value here, so the split cannot tell where the app is published; write the path, then split.');
    }
    return planPublished({ stage, scan, image, debian, buildContext, publish, main: starts.entrypoint ?? starts.cmd, buildKit });
  },
};

interface PublishedInput {
  stage: Stage;
  scan: StageScan;
  image: DotnetImage;
  debian: Exclude<ReturnType<typeof debianRuntime>, string>;
  buildContext?: BuildContext;
  publish: Publish;
  /** The start command (the last ENTRYPOINT, else the last CMD), as it runs the published app. */
  main?: StartCommand;
  /** The `dotnet run` the publish replaces. */
  run?: DotnetRun;
  /** The Dockerfile already needs BuildKit (shared/nativeBuilder.ts). */
  buildKit: boolean;
}

/** The plans for an app the builder publishes. */
function planPublished({ stage, scan, image, debian, buildContext, publish, main, run, buildKit }: PublishedInput): SplitPlan[] | Declined {
  const output = outputOf(publish, main && startPath(main.words, scan.workdir));
  if (output === undefined) {
    return decline('The `dotnet publish` has no `-o <folder>`, so the split cannot tell where its output is; publish with `-o /app/publish`, then split.');
  }
  const app = appStart(main, scan.workdir, output);
  if (main && !app.app) {
    return decline(`The start command runs \`${main.words.join(' ')}\`, not the app \`dotnet publish\` writes to ${output}; start that (\`ENTRYPOINT ["dotnet", "${output}/App.dll"]\`), then split.`);
  }
  const project = buildContext && readCsproj(buildContext, run ? [run.csproj] : csprojCandidates(scan, publish, app.app));
  const framework = publish.framework ?? project?.targetFramework ?? /\/(net\d+\.\d+)(?:\/[^/]+)?\/publish$/.exec(output)?.[1];
  if (project && !framework) {
    return decline(`${project.path} targets several frameworks, so the split cannot tell which one runs; publish one with \`-f net10.0\`, then split.`);
  }
  const sdkCannotBuild = framework !== undefined && image.version !== undefined && frameworkNewerThan(framework, image.version);
  if (sdkCannotBuild) {
    return decline(`${project ? project.path : 'The app'} targets ${framework}, which the .NET ${image.version} SDK cannot build (error NETSDK1045), so this Dockerfile fails as it is; build on mcr.microsoft.com/dotnet/sdk:10.0 (it builds ${framework} too), then split.`);
  }
  if (debian && framework !== undefined && framework !== DEBIAN_FRAMEWORK[debian.release.version]) {
    return decline(`The app targets ${framework}, and the split runs a .NET ${debian.release.version} build on the ${debian.release.version} runtime image only; target ${DEBIAN_FRAMEWORK[debian.release.version]}, or move to net10.0 and build on mcr.microsoft.com/dotnet/sdk:10.0, then split.`);
  }
  if (!debian && framework && !SUPPORTED_FRAMEWORK.test(framework)) {
    return decline(`The app targets ${framework}, which no supported runtime image runs; move it to net10.0, then split.`);
  }
  if (debian && (publish.aot || project?.publishAot || publish.selfContained || project?.selfContained)) {
    return decline(`The app is published self-contained or native, and the split runs a .NET ${debian.release.version} build as a framework-dependent dll on the aspnet image only; split by hand onto mcr.microsoft.com/dotnet/runtime-deps:${debian.tag}.`);
  }
  if (publish.aot || project?.publishAot) {
    return decline('The app is published with native AOT, which needs a native toolchain in the builder and the runtime-deps image; the split handles framework-dependent and self-contained publishing only.');
  }
  // The chiseled images have a non-root user (APP_UID); the Debian ones of 3.1 and 5.0 run as root.
  const user = debian ? DISTROLESS_NONROOT : '$APP_UID';
  const volumes = writableVolumes(scan, user);
  if (!volumes) {
    return decline('A VOLUME uses a variable that has no value here, so the split cannot create it for the non-root user; write the path, then split.');
  }
  if (!runsOnPinnedPlatform(stage, CHISELED_ARCHITECTURES)) {
    return decline('The build pins a platform the chiseled images are not published for; they run on amd64, arm64 and arm.');
  }
  const selfContained = publish.selfContained || (project?.selfContained ?? false);
  const variant = selfContained ? selfContainedRuntime(publish, project, image) : { repository: project?.web === false ? 'runtime' : 'aspnet', notes: [] };
  if ('declined' in variant) {
    return variant;
  }
  const appName = app.app ?? (project ? (selfContained ? project.assemblyName : `${project.assemblyName}.dll`) : undefined);
  if (!appName) {
    return decline('Neither the start command nor a .csproj the split can read names the app\'s dll; add `ENTRYPOINT ["dotnet", "<publish folder>/App.dll"]`, then split.');
  }
  const leftOut = runtimePackagesOf(scan, DOTNET_BUILD_ONLY);
  if (leftOut.length > 0) {
    const them = leftOut.length > 1 ? 'them' : 'it';
    return decline(`The build installs ${leftOut.join(', ')}, which the app may use at run time, and the chiseled images have no package manager to add ${them}. Split by hand onto mcr.microsoft.com/dotnet/aspnet:10.0 (Ubuntu) with ${them} installed, or drop ${them} if only the build needs ${them}.`);
  }
  const extra = needsGlobalization(scan, project);
  const runtimeImage = `mcr.microsoft.com/dotnet/${variant.repository}:10.0-noble-chiseled${extra ? '-extra' : ''}`;
  const rollForward = !selfContained && (framework !== undefined ? framework !== 'net10.0' : image.major !== 10);
  // A portable dll runs wherever the runtime does, so the SDK may run on the build machine's platform.
  const portable = !publish.ridSpecific && !selfContained && project !== undefined && !project.platformSpecific && /\.dll$/i.test(appName);
  // Publishing for $TARGETARCH already needs BuildKit's automatic platform arguments.
  const platform = !hasPlatformFlag(stage.from) && (publish.targetArch || (portable && buildKit));
  const notes = [
    `Runtime: ${runtimeImage} (Ubuntu chiseled: no shell, no package manager), as its non-root user $APP_UID.`,
    ...(image.major !== 10 ? [`.NET ${image.version} gets no updates since 2026-11-10: the SDK moves to 10.0.`] : []),
    ...(rollForward
      ? [`${framework ? `The app targets ${framework}` : 'The app may target an older .NET'}: DOTNET_ROLL_FORWARD=Major runs it on .NET 10; set <TargetFramework>net10.0</TargetFramework> and drop it.`]
      : []),
    ...(selfContained && (framework ? framework !== 'net10.0' : image.major !== 10) ? ['Self-contained: the app brings the .NET runtime of its target framework; target net10.0 for a supported one.'] : []),
    ...variant.notes,
    ...(project || selfContained ? [] : ['Assumes an ASP.NET Core app (no .csproj read); a console app needs only mcr.microsoft.com/dotnet/runtime.']),
    extra
      ? 'The -extra variant has ICU and tzdata, which the app uses (cultures or time zones).'
      : 'Without ICU and tzdata the app runs in invariant globalization mode; use the -extra variant if it needs cultures or time zones.',
    ...(platform
      ? [publish.targetArch
        ? 'The SDK runs natively (--platform=$BUILDPLATFORM) and publishes for $TARGETARCH.'
        : `The SDK runs natively (--platform=$BUILDPLATFORM): ${appName} is portable (no runtime identifier), so it runs on every platform of the runtime image.`]
      : []),
    ...(portable && !platform && !hasPlatformFlag(stage.from) ? [nativeBuilderNote('The SDK', `\`FROM --platform=$BUILDPLATFORM\`: ${appName} is portable, no runtime identifier`)] : []),
    ...(!selfContained && main?.keyword === 'CMD' ? ['The image\'s ENTRYPOINT is /usr/bin/dotnet: CMD names the app\'s dll.'] : []),
    ...leftBehindNotes(scan),
    ...privilegedPortNote(scan, 'uid 1654'),
  ];
  // A web app listens where it did on the SDK image (an empty address there, before 8.0).
  const web = project?.web !== false;
  const listenOn = (runtimeVersion: string) => (web ? keepListening(image.version, runtimeVersion, scan.env) : { env: [], notes: [] });
  const sdk = image.major === 10 ? image.text : `mcr.microsoft.com/dotnet/sdk:10.0${sdkSuffix(image.tag)}`;
  const outside = copiedOutsideSources(scan, [scan.workdir, publish.cwd, output]);
  notes.push(...copiedOutsideNote(outside));
  // Files the app opens relative to the folder it ran in (the sources' folder), which the
  // publish output does not hold: they move to /app, where the runtime runs it.
  const readAtRunTime = runTimeFiles(scan, buildContext, scan.workdir);
  const dataFiles = readAtRunTime.paths.filter((path) => !isInside(path, output) && !isInside(output, path)).map((path) => ({ source: path, target: resolvePath(APP_DIR, path.slice(scan.workdir.replace(/\/$/, '').length + 1)) }));
  notes.push(...runTimeFilesNotes({ ...readAtRunTime, paths: dataFiles.map((artifact) => artifact.source) }, scan.workdir, `into ${APP_DIR}, where the app runs`));
  const writes = ownedWriteFolders(buildContext, scan.copies, scan.workdir, APP_DIR, user);
  notes.push(...writes.notes);
  const copied: Artifact[] = [{ source: output, target: APP_DIR }, ...dataFiles, ...writes.artifacts, ...outside, ...mergeWritable(volumes.artifacts, writableDirs(scan, [publish.cwd, output], user))];
  // Folders the sources write files to (File.WriteAllText("data/x.json"), Serilog's
  // WriteTo.File("logs/app.log")), relative to the folder the app ran in: writable in /app.
  const sourceWrites = findSourceWrites(buildContext, contextDirOf(scan, scan.workdir, []), scan.workdir, 'dotnet');
  sourceWrites.folders = sourceWrites.folders.filter((folder) => !writes.artifacts.some((artifact) => isInside(folder, artifact.source)));
  const toApp = (path: string) => (isInside(path, scan.workdir) ? resolvePath(APP_DIR, path.slice(scan.workdir.replace(/\/$/, '').length + 1)) : path);
  const writePlan = sourceWritePlan(sourceWrites, copied, APP_DIR, toApp, user, undefined);
  notes.push(...writePlan.notes);
  const artifacts: Artifact[] = [...writePlan.first, ...copied, ...writePlan.last];
  if (debian) {
    return [debianPlan(debian, {
      image, variant: variant.repository, artifacts, appName, known: project !== undefined, platform,
      // The notes that hold for any runtime; not those about the chiseled images and .NET 10.
      notes: [...notes.filter((note) => !/^Runtime:|gets no updates|DOTNET_ROLL_FORWARD|invariant globalization|-extra variant|ENTRYPOINT is \/usr\/bin\/dotnet|^Port \d+ as/.test(note)), ...privilegedPortNote(scan)],
      listen: listenOn(debian.release.version),
      adaptStart: (command) => adaptDebianStart(command, scan.workdir, output, app.entrypoint),
      builderSetup: volumes.setup,
      builderFinish: writePlan.builderLines.length > 0 ? ['', ...writePlan.builderLines] : undefined,
    })];
  }
  const listen10 = listenOn('10.0');
  const plan: SplitPlan = {
    label: image.major !== 10 ? 'moves to .NET 10' : undefined,
    builderImage: platform || image.major !== 10 ? `${platform ? '--platform=$BUILDPLATFORM ' : ''}${sdk}` : undefined,
    builderSetup: volumes.setup,
    builderFinish: writePlan.builderLines.length > 0 ? ['', ...writePlan.builderLines] : undefined,
    runtimeImage,
    runtimeNotes: [...notes, ...listen10.notes],
    artifacts,
    workdir: APP_DIR,
    runtimeEnv: [...(rollForward ? ['ENV DOTNET_ROLL_FORWARD=Major'] : []), ...listen10.env],
    runtimeEntrypoint: selfContained ? [] : ['/usr/bin/dotnet'],
    runtimeUser: '$APP_UID',
    adaptStart: (command) => (selfContained ? adaptSelfContained(command, scan.workdir, output) : adaptStart(command, scan.workdir, output, app.entrypoint)),
    defaultStart: selfContained ? { keyword: 'ENTRYPOINT', words: [`${APP_DIR}/${appName}`] } : { keyword: 'ENTRYPOINT', words: ['dotnet', appName] },
  };
  const own = image.major !== undefined ? OWN_CHISELED[image.major] : undefined;
  if (!own) {
    return [plan];
  }
  // The same release on its own chiseled image first: it runs as before; moving to 10 is a migration.
  const ownImage = `mcr.microsoft.com/dotnet/${variant.repository}:${image.version}-${own.tag}${extra ? '-extra' : ''}`;
  const ownListen = listenOn(image.version ?? '');
  const ownPlan: SplitPlan = {
    ...plan,
    label: `.NET ${image.version} on its own chiseled image`,
    builderImage: platform ? `--platform=$BUILDPLATFORM ${image.text}` : undefined,
    runtimeImage: ownImage,
    runtimeEnv: ownListen.env,
    runtimeNotes: [
      `Runtime: ${ownImage} (Ubuntu ${own.ubuntu} chiseled: no shell, no package manager), as its non-root user $APP_UID.`,
      `.NET ${image.version} gets no updates since ${own.ended}: the other action moves the app to .NET 10.`,
      ...notes.slice(1).filter((note) => !/DOTNET_ROLL_FORWARD|gets no updates since|the SDK moves to 10/.test(note)),
      ...ownListen.notes,
    ],
  };
  return [ownPlan, plan];
}

/** Whether the stage's last USER is not root: RUN lines added at its end would run as that user. */
function endsAsNonRoot(stage: Stage): boolean {
  const user = stage.instructions.filter((instruction) => instruction.getKeyword() === 'USER').pop()?.getArgumentsContent()?.trim().split(':')[0];
  return user !== undefined && user !== 'root' && user !== '0';
}

/**
 * Which chiseled image to build on instead, for an app published outside Docker. An app published
 * for an older .NET does not start on the 10.0 runtime (the host rolls forward within a major
 * release only): its own release's chiseled image runs it as before, or it is published again for 10.
 */
function chiseledAdvice(image: DotnetImage): string {
  const current = 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled (runtime:10.0-noble-chiseled for a console app)';
  const own = image.major !== undefined ? OWN_CHISELED[image.major] : undefined;
  if (image.major === 10 || image.major === undefined) {
    return `use ${current} as the base image instead: it runs as non-root, with \`ENTRYPOINT ["dotnet", "App.dll"]\`.`;
  }
  const repository = /\/dotnet\/(?:core\/)?runtime:/.test(image.text) ? 'runtime' : 'aspnet';
  const onOwn = own ? `mcr.microsoft.com/dotnet/${repository}:${image.version}-${own.tag} runs it as before (out of support since ${own.ended}); ` : '';
  return `the image runs it on .NET ${image.version}, and the 10.0 runtime does not start an app published for an older release: ${onOwn}for ${current}, retarget it to net10.0 and publish it again. The chiseled images run as non-root; start with \`ENTRYPOINT ["dotnet", "App.dll"]\`.`;
}

/** Whether start words are `dotnet run ...`. */
function readDotnetRunWords(words: string[]): boolean {
  return DOTNET.test(words[0] ?? '') && words[1] === 'run';
}

/** Why the base image cannot be split: a runtime image (nothing to build), an unsupported release, a variable. */
function imageDecline(image: DotnetImage, baseText: string): Declined | undefined {
  if (baseText.includes('$')) {
    return decline('The base image comes from a build argument, so the split cannot tell which .NET the app needs; write the image, then split.');
  }
  if (image.hub) {
    const reason = `${image.text} comes from Docker Hub's retired microsoft/ repositories (.NET Core 2.x and older, long out of support); move the project to net10.0 and build on mcr.microsoft.com/dotnet/sdk:10.0, then split.`;
    // A runtime tag copies in an app published outside Docker: nothing to build on any image.
    return image.sdk ? decline(reason) : declineNothingToBuild(reason);
  }
  if (!image.sdk) {
    return declineNothingToBuild(`The Dockerfile copies in an app published outside Docker, so a builder stage would have nothing to build; ${chiseledAdvice(image)}`);
  }
  const debian = image.version === '3.1' || image.version === '5.0';
  if (image.hub || image.major === undefined || (image.major < 8 && !OWN_CHISELED[image.major] && !debian) || (image.retired && image.version !== '3.1')) {
    return decline(`${image.version ? `.NET ${image.version}` : 'This .NET SDK image'} is out of support, and the split runs .NET Core 3.1 and later only, each on its own release's runtime image; move the project to net10.0 and build on mcr.microsoft.com/dotnet/sdk:10.0, then split.`);
  }
  if (image.major > 10) {
    return decline(`.NET ${image.version} is newer than the current release the split targets (10.0); split by hand on the matching chiseled image.`);
  }
  return undefined;
}

/** The runtime-deps image for self-contained output, or why the output would not run there. */
function selfContainedRuntime(publish: Publish, project: DotnetProject | undefined, image: DotnetImage): { repository: string; notes: string[] } | Declined {
  const rid = publish.runtimeIdentifier ?? project?.runtimeIdentifier;
  if ((rid && /musl|alpine/.test(rid)) || (!rid && /alpine/.test(image.tag))) {
    return decline('The self-contained output is for Alpine (musl), and the chiseled images are Ubuntu (glibc); publish with `-r linux-x64` (or build on mcr.microsoft.com/dotnet/sdk:10.0), then split.');
  }
  if (rid && !(rid in GLIBC_RIDS)) {
    return decline(`The self-contained output is for ${rid}, which the chiseled images (linux-x64, linux-arm64, linux-arm) do not run; publish for one of those, then split.`);
  }
  return {
    repository: 'runtime-deps',
    notes: [rid ? `Self-contained for ${rid}: the image runs on ${GLIBC_RIDS[rid]} only, like the original.` : 'Self-contained for the build machine\'s architecture (the original\'s too).'],
  };
}

/** Whether a target framework (`net8.0`, `netcoreapp3.1`) is newer than an SDK's release (`3.1`). */
function frameworkNewerThan(framework: string, sdkVersion: string): boolean {
  const target = /^net(?:coreapp)?(\d+)\.(\d+)$/.exec(framework);
  const [major, minor] = sdkVersion.split('.').map(Number);
  return target !== null && (Number(target[1]) > major || (Number(target[1]) === major && Number(target[2]) > minor));
}

/** Where the .csproj may be in the build context: COPY sources, the publish argument, the app's name. */
function csprojCandidates(scan: StageScan, publish: Publish, app: string | undefined): string[] {
  const candidates = scan.copies.flatMap((copy) => copy.from === undefined ? copy.sources.filter((source) => /^[^*?[$]+\.csproj$/.test(source)) : []).map((source) => source.replace(/^(\.\/)+/, ''));
  const names = [publish.project && /\.csproj$/.test(publish.project) ? publish.project : undefined, publish.project && !/\.\w+$/.test(publish.project) ? `${publish.project}/${publish.project.split('/').pop()}.csproj` : undefined];
  const assembly = app?.replace(/^.*\//, '').replace(/\.dll$/i, '');
  if (assembly) {
    names.push(`${assembly}.csproj`, `${assembly}/${assembly}.csproj`, `src/${assembly}/${assembly}.csproj`);
  }
  const contextDir = contextDirOf(scan, publish.cwd, []);
  for (const name of names) {
    if (name && contextDir !== undefined && !name.startsWith('/')) {
      candidates.push((contextDir === '' ? name : `${contextDir}/${name}`).replace(/^(\.\/)+/, ''));
    }
  }
  return [...new Set(candidates)];
}

/** ICU or tzdata: the project says so, the original configures it, or installs it. */
function needsGlobalization(scan: StageScan, project: DotnetProject | undefined): boolean {
  const invariantEnv = scan.env.get('DOTNET_SYSTEM_GLOBALIZATION_INVARIANT');
  const installed = [...scan.aptPackages, ...scan.apkPackages].some((name) => GLOBALIZATION_PACKAGES.test(name));
  const cultures = project?.invariantGlobalization === false || (project?.invariantGlobalization !== true && (project?.needsGlobalization || /^(false|0)$/i.test(invariantEnv ?? '')));
  return cultures || installed || scan.env.has('TZ');
}

/** The 10.0 SDK tag of the same family: Alpine, Azure Linux, else the default (Ubuntu 24.04). */
function sdkSuffix(tag: string): string {
  return /alpine/.test(tag) ? '-alpine' : /azurelinux/.test(tag) ? '-azurelinux3.0' : /noble/.test(tag) ? '-noble' : '';
}

function hasPlatformFlag(from: From): boolean {
  return from.getFlags().some((flag) => flag.getName().toLowerCase() === 'platform');
}
