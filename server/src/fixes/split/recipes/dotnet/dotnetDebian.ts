// .NET Core 3.1 and .NET 5.0, out of support and without chiseled images: the app runs on the
// same release's aspnet (or runtime) image, Debian -slim like the SDK it was built on. Those
// images run as root and have no ENTRYPOINT (catalog/dotnetReleases.ts), so the runtime stage
// makes a non-root user and the start command keeps `dotnet`.
import { DEBIAN_DOTNET_RELEASES, DebianDotnetRelease } from '../../../../catalog/dotnetReleases';
import { CODENAME_OF } from '../../../../catalog/builders/tags';
import { DEBIAN_RELEASES } from '../../../../catalog/debianReleases';
import { Artifact, SplitPlan, StartCommand } from '../../recipe';
import { nonRootUserLines } from '../shared/osPackages';
import { DISTROLESS_NONROOT } from '../shared/splitHelpers';
import { DotnetImage } from './dotnetImage';
import { ListenPlan } from './dotnetListen';

export interface DebianRuntime {
  release: DebianDotnetRelease;
  /** The runtime tag of the SDK's Debian release (`3.1`, `3.1-bullseye-slim`). */
  tag: string;
  debian: number;
}

/** The release's Debian runtime for an SDK tag, `undefined` for another release, or why the tag has none. */
export function debianRuntime(version: string | undefined, sdkTag: string): DebianRuntime | string | undefined {
  const release = DEBIAN_DOTNET_RELEASES.find((candidate) => candidate.version === version);
  if (!release) {
    return undefined;
  }
  const rest = sdkTag.replace(/^\d+\.\d+(\.\d+)*/, '').replace(/^-/, '');
  if (rest === '') {
    return { release, tag: release.version, debian: release.defaultDebian };
  }
  const codename = /^(\w+)(-slim)?$/.exec(rest)?.[1];
  if (codename && release.debianTags.includes(codename)) {
    const debian = Number(Object.entries(CODENAME_OF).find(([, name]) => name === codename)?.[0]);
    return { release, tag: `${release.version}-${codename}-slim`, debian };
  }
  return `The SDK image's tag (${sdkTag}) is not a Debian one; the split runs .NET ${release.version} on its Debian aspnet image (${release.version}-buster-slim, ${release.version}-bullseye-slim). Build on mcr.microsoft.com/dotnet/sdk:${release.version}, then split.`;
}

export interface DebianPlanParts {
  image: DotnetImage;
  /** `aspnet` or `runtime`. */
  variant: string;
  artifacts: Artifact[];
  appName: string;
  /** A .csproj was read (else the app is assumed to be a web app). */
  known: boolean;
  /** The SDK runs on the build machine's platform (`--platform=$BUILDPLATFORM`). */
  platform: boolean;
  /** Notes that hold on any runtime image (files copied, written, left behind). */
  notes: string[];
  listen: ListenPlan;
  adaptStart: (command: StartCommand) => StartCommand | undefined;
  builderSetup: string[];
  builderFinish?: string[];
}

/** The split onto the release's own Debian image: same SDK, same runtime, a non-root user made for it. */
export function debianPlan(runtime: DebianRuntime, parts: DebianPlanParts): SplitPlan {
  const { release, tag, debian } = runtime;
  const image = `mcr.microsoft.com/dotnet/${parts.variant}:${tag}`;
  const debianEnd = DEBIAN_RELEASES.find((candidate) => candidate.version === debian)?.endOfLts;
  return {
    builderImage: parts.platform ? `--platform=$BUILDPLATFORM ${parts.image.text}` : undefined,
    builderSetup: parts.builderSetup,
    builderFinish: parts.builderFinish,
    runtimeImage: image,
    runtimeNotes: [
      `Runtime: ${image} (Debian ${debian} -slim), the same .NET ${release.version} without the SDK, as a non-root user made for it (the image runs as root).`,
      `.NET ${release.version} gets no updates since ${release.ended}${debianEnd ? ` and Debian ${debian} none since ${debianEnd}` : ''}: move the project to net10.0 and build on mcr.microsoft.com/dotnet/sdk:10.0, then split again for the chiseled runtime.`,
      'The image has no ENTRYPOINT: the start command runs dotnet.',
      ...(parts.known ? [] : [`Assumes an ASP.NET Core app (no .csproj read); a console app needs only mcr.microsoft.com/dotnet/runtime:${tag}.`]),
      ...(parts.platform ? [`The SDK runs natively (--platform=$BUILDPLATFORM): ${parts.appName} is portable (no runtime identifier), so it runs on every platform of the runtime image.`] : []),
      ...parts.notes.filter((note) => !note.startsWith('Assumes an ASP.NET Core app') && !note.startsWith('The SDK runs natively')),
      ...parts.listen.notes,
    ],
    runtimeSetup: nonRootUserLines('debian'),
    artifacts: parts.artifacts,
    workdir: '/app',
    runtimeEnv: parts.listen.env,
    runtimeEntrypoint: [],
    runtimeUser: DISTROLESS_NONROOT,
    adaptStart: parts.adaptStart,
    defaultStart: { keyword: 'ENTRYPOINT', words: ['dotnet', parts.appName] },
  };
}
