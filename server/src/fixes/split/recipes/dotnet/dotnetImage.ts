// Whether a single stage is .NET's: the SDK image (it builds), a runtime image (aspnet, runtime,
// runtime-deps: it only runs an app published elsewhere), or the retired Docker Hub
// `microsoft/dotnet` and `microsoft/aspnetcore` repositories. Its release is the tag's
// `major.minor` (`8.0`, `3.1`).
import { Stage, resolveBaseImage } from '../../../../core/stages';

const MCR_SDK = /^dotnet\/(core\/)?sdk$/;
const MCR_RUNTIME = /^dotnet\/(core\/)?(aspnet|runtime|runtime-deps)$/;
const RETIRED = /^microsoft\/(dotnet|aspnetcore|aspnetcore-build)$/;

export interface DotnetImage {
  /** The SDK (it can publish); false for the runtime images. */
  sdk: boolean;
  /** `mcr.microsoft.com/dotnet/core/...` or `microsoft/dotnet`: .NET Core 3.1 and older, long out of support. */
  retired: boolean;
  /** Docker Hub's `microsoft/dotnet` or `microsoft/aspnetcore`, which stopped before .NET Core 3.0. */
  hub: boolean;
  /** The major release (`8` for `8.0`, `3` for `3.1`); undefined when the tag names none. */
  major?: number;
  /** `8.0`, `3.1`. */
  version?: string;
  tag: string;
  /** The full image reference as written. */
  text: string;
}

export function dotnetImage(stage: Stage): DotnetImage | undefined {
  const { base } = resolveBaseImage(stage);
  if (base.kind !== 'image') {
    return undefined;
  }
  const { registry, repository } = base.image;
  const tag = base.image.tag ?? '';
  const mcr = registry === 'mcr.microsoft.com';
  if (!(mcr && (MCR_SDK.test(repository) || MCR_RUNTIME.test(repository))) && !(registry === undefined && RETIRED.test(repository))) {
    return undefined;
  }
  const version = /^(\d+)\.(\d+)/.exec(tag);
  return {
    // Docker Hub's microsoft/dotnet tagged its runtime images `-runtime`; `latest` was the SDK.
    sdk: MCR_SDK.test(repository) || /sdk|build/.test(`${repository}:${tag}`) || (repository === 'microsoft/dotnet' && !/runtime/.test(tag)),
    retired: !mcr || repository.startsWith('dotnet/core/'),
    hub: !mcr,
    major: version ? Number(version[1]) : undefined,
    version: version ? `${version[1]}.${version[2]}` : undefined,
    tag,
    text: base.image.text,
  };
}
