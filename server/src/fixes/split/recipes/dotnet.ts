// .NET: `dotnet publish -o <dir>` (framework-dependent) onto the Ubuntu chiseled image of the
// current release, 10.0: `aspnet` for web apps, `runtime` otherwise, `-extra` when the app needs
// ICU or time zones. The images are non-root already (`USER $APP_UID`, uid 1654) and their
// ENTRYPOINT is /usr/bin/dotnet. .NET 8 and 9 got no updates after 2026-11-10, so an 8.0 or 9.0
// SDK moves to 10.0, labelled: the project must target net10.0 for the runtime to start it.
// Sources: dotnet/dotnet-docker samples/aspnetapp/Dockerfile.chiseled (`FROM --platform=
// $BUILDPLATFORM ... sdk:10.0-noble`, publish to /app, WORKDIR /app), src/runtime/10.0/
// noble-chiseled/amd64/Dockerfile (ENTRYPOINT, CMD ["--info"]), src/runtime-deps/.../Dockerfile
// (APP_UID, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true), documentation/image-variants.md (extra).
import { From } from 'dockerfile-ast';
import { resolveBaseImage } from '../../../core/stages';
import { isInside, resolvePath } from '../../../rules/buildArtifacts';
import { Artifact, SplitRecipe, StartCommand } from '../recipe';
import { DotnetProject, readCsproj } from './dotnetContext';
import { contextDirOf, mergeWritable, privilegedPortNote, runsOnPinnedPlatform, writableDirs, writableVolumes } from './splitHelpers';
import { ScannedCommand, StageScan, lastStarts, scanStage } from './stageScan';

const APP_DIR = '/app';
/** The chiseled images' architectures (dotnet/dotnet-docker documentation/supported-platforms.md). */
const CHISELED_ARCHITECTURES = ['amd64', 'arm64', 'arm'];
const DOTNET = /^(dotnet|\/usr\/bin\/dotnet|\/usr\/share\/dotnet\/dotnet)$/;
/** `dotnet publish` options whose value is the next word. */
const VALUE_OPTIONS = new Set(['-o', '--output', '-c', '--configuration', '-r', '--runtime', '-a', '--arch', '--os', '-f', '--framework', '-v', '--verbosity', '--version-suffix', '-s', '--source', '--artifacts-path', '-bl']);
/** Packages whose presence means the app uses ICU or time zones. */
const GLOBALIZATION_PACKAGES = /^(tzdata|libicu\d*|icu-libs|icu-data-full|icu-devtools)$/;

interface Publish {
  output: string;
  cwd: string;
  /** A runtime identifier was chosen (-r, -a, --os, --ucr): the output is for one platform. */
  ridSpecific: boolean;
  /** The project argument, if any (a .csproj or a folder). */
  project?: string;
}

export const dotnetRecipe: SplitRecipe = {
  ecosystem: 'dotnet',
  plan({ stage, model, text, buildContext }) {
    const { base } = resolveBaseImage(stage);
    if (base.kind !== 'image' || base.image.registry !== 'mcr.microsoft.com' || base.image.repository !== 'dotnet/sdk' || stage.baseText.includes('$')) {
      return [];
    }
    const tag = base.image.tag ?? '';
    const release = Number(/^(\d+)\.0(?:[.-]|$)/.exec(tag)?.[1]);
    const scan = scanStage(stage, model, text);
    const publish = findPublish(scan.commands);
    if (![8, 9, 10].includes(release) || !publish || scan.workdir === '' || scan.envFromArg || scan.onbuild) {
      return []; // older releases need a project migration first; no publish, nothing to copy
    }
    const starts = lastStarts(scan);
    if (starts.entrypoint === null || starts.cmd === null) {
      return [];
    }
    const main = starts.entrypoint ?? starts.cmd;
    const dll = main && dllOf(main.words, scan.workdir, publish.output);
    if (main && !dll) {
      return []; // `dotnet run`, a script, or a dll the publish did not write
    }
    const project = buildContext && readCsproj(buildContext, csprojCandidates(scan, publish, dll));
    const tfm = project?.targetFramework;
    if (project && (!tfm || !/^net(8|9|10)\.0$/.test(tfm) || project.nativePublish)) {
      return []; // multi-targeting, an older framework, or self-contained/AOT output
    }
    const appDll = dll ?? (project ? `${project.assemblyName}.dll` : undefined);
    const volumes = writableVolumes(scan, '$APP_UID');
    if (!appDll || !volumes || !runsOnPinnedPlatform(stage, CHISELED_ARCHITECTURES)) {
      return [];
    }
    const extra = needsGlobalization(scan, project);
    const web = project?.web ?? true;
    const runtimeImage = `mcr.microsoft.com/dotnet/${web ? 'aspnet' : 'runtime'}:10.0-noble-chiseled${extra ? '-extra' : ''}`;
    const moves = tfm !== undefined ? tfm !== 'net10.0' : release !== 10;
    const platform = !publish.ridSpecific && !hasPlatformFlag(stage.from);
    const notes = [
      `Runtime: ${runtimeImage} (Ubuntu chiseled: no shell, no package manager), as its non-root user $APP_UID.`,
      ...(release !== 10 ? [`.NET ${release}.0 gets no updates since 2026-11-10: the SDK moves to 10.0.`] : []),
      ...(moves ? [tfm ? `${project?.path} targets ${tfm}: set <TargetFramework>net10.0</TargetFramework>, the runtime only has .NET 10.` : 'The project must target net10.0 (<TargetFramework>net10.0</TargetFramework>): the runtime only has .NET 10.'] : []),
      ...(project ? [] : ['Assumes an ASP.NET Core app (no .csproj read); a console app needs only mcr.microsoft.com/dotnet/runtime.']),
      extra
        ? 'The -extra variant has ICU and tzdata, which the app uses (cultures or time zones).'
        : 'Without ICU and tzdata the app runs in invariant globalization mode; use the -extra variant if it needs cultures or time zones.',
      ...(platform ? ['The SDK runs natively (--platform=$BUILDPLATFORM); the portable publish output (no -r) runs on every platform of the runtime image.'] : []),
      ...(!starts.entrypoint && starts.cmd ? ['The image\'s ENTRYPOINT is /usr/bin/dotnet: CMD names the app\'s dll.'] : []),
      ...privilegedPortNote(scan, 'uid 1654'),
    ];
    const sdk = release === 10 ? base.image.text : `mcr.microsoft.com/dotnet/sdk:10.0${sdkSuffix(tag)}`;
    const artifacts: Artifact[] = [{ source: publish.output, target: APP_DIR }, ...mergeWritable(volumes.artifacts, writableDirs(scan, [publish.cwd, publish.output], '$APP_UID'))];
    const entrypointRunsDotnet = starts.entrypoint !== undefined;
    return [{
      label: moves ? 'moves to .NET 10' : undefined,
      builderImage: platform || release !== 10 ? `${platform ? '--platform=$BUILDPLATFORM ' : ''}${sdk}` : undefined,
      builderSetup: volumes.setup,
      runtimeImage,
      runtimeNotes: notes,
      artifacts,
      workdir: APP_DIR,
      runtimeEnv: [],
      runtimeEntrypoint: ['/usr/bin/dotnet'],
      runtimeUser: '$APP_UID',
      adaptStart: (command) => adaptStart(command, scan.workdir, publish.output, entrypointRunsDotnet),
      defaultStart: { keyword: 'ENTRYPOINT', words: ['dotnet', appDll] },
    }];
  },
};

/** The last `dotnet publish` with an output folder; undefined for self-contained, AOT or single-file publishing. */
function findPublish(commands: ScannedCommand[]): Publish | undefined {
  let found: Publish | undefined;
  for (const { args, cwd } of commands) {
    if (args[0] !== 'dotnet' || args[1] !== 'publish') {
      continue;
    }
    let output: string | undefined;
    let project: string | undefined;
    let ridSpecific = false;
    for (let i = 2; i < args.length; i++) {
      const [option, inline] = (args[i] ?? '').split(/=(.*)/s);
      const value = inline ?? args[i + 1];
      const selfContained = (/^(--self-contained|--sc)$/.test(option) && !/^false$/i.test(value ?? '')) || /^[-/]p:(PublishAot|SelfContained|PublishSingleFile|PublishTrimmed)=true$/i.test(args[i] ?? '');
      if (args[i] === undefined || selfContained) {
        return undefined; // an unknown word, or native/self-contained output (runtime-deps and an apphost)
      }
      if (/^(-f|--framework)$/.test(option) && value !== 'net10.0') {
        return undefined; // the command line pins another framework than the runtime's
      }
      ridSpecific ||= /^(-r|--runtime|-a|--arch|--os|--ucr|--use-current-runtime)$/.test(option);
      if (option === '-o' || option === '--output') {
        output = value;
      }
      if (VALUE_OPTIONS.has(option) && inline === undefined) {
        i++; // the value may be unknown (`-a $TARGETARCH`); only -o and -f must be known
        if (value === undefined && /^(-o|--output|-f|--framework)$/.test(option)) {
          return undefined;
        }
      } else if (!option.startsWith('-') && !option.startsWith('/')) {
        project ??= option;
      }
    }
    if (output === undefined || cwd === '') {
      return undefined; // without -o the output folder depends on the framework and configuration
    }
    found = { output: resolvePath(cwd, output), cwd, ridSpecific, project };
  }
  return found;
}

/** The dll a `dotnet <app>.dll` command runs, relative to the publish folder. */
function dllOf(words: string[], workdir: string, output: string): string | undefined {
  if (!DOTNET.test(words[0] ?? '') || !/\.dll$/i.test(words[1] ?? '')) {
    return undefined;
  }
  const path = resolvePath(workdir, words[1]);
  return isInside(path, output) && path !== output ? path.slice(output.length + 1) : undefined;
}

function adaptStart(command: StartCommand, workdir: string, output: string, entrypointRunsDotnet: boolean): StartCommand | undefined {
  const dll = dllOf(command.words, workdir, output);
  if (command.keyword === 'ENTRYPOINT') {
    return dll ? { keyword: 'ENTRYPOINT', words: ['dotnet', dll, ...command.words.slice(2)] } : undefined;
  }
  if (entrypointRunsDotnet) {
    return dll ? undefined : command; // arguments to the app
  }
  // The image's ENTRYPOINT is /usr/bin/dotnet: a CMD names the dll and its arguments.
  return dll ? { keyword: 'CMD', words: [dll, ...command.words.slice(2)] } : undefined;
}

/** Where the .csproj may be in the build context: COPY sources, the publish argument, the dll's name. */
function csprojCandidates(scan: StageScan, publish: Publish, dll: string | undefined): string[] {
  const candidates = scan.copies.flatMap((copy) => copy.from === undefined ? copy.sources.filter((source) => /^[^*?[$]+\.csproj$/.test(source)) : []).map((source) => source.replace(/^(\.\/)+/, ''));
  const names = [publish.project && /\.csproj$/.test(publish.project) ? publish.project : undefined, publish.project && !/\.\w+$/.test(publish.project) ? `${publish.project}/${publish.project.split('/').pop()}.csproj` : undefined];
  const assembly = dll?.replace(/^.*\//, '').replace(/\.dll$/i, '');
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
