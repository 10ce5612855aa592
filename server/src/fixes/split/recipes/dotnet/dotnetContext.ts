// What a .csproj says that decides the .NET runtime image: web app or not (aspnet or runtime
// image), the target framework, the assembly name, globalization (the chiseled images run
// invariant, `-extra` adds ICU and tzdata) and the publish mode (self-contained, native AOT).
import { BuildContext } from '../../../fix';

export interface DotnetProject {
  /** The context path of the .csproj. */
  path: string;
  web: boolean;
  /** `net10.0`; undefined when the project multi-targets or names none. */
  targetFramework?: string;
  assemblyName: string;
  /** `<InvariantGlobalization>`: true, false, or undefined when absent. */
  invariantGlobalization?: boolean;
  /** Packages that need ICU or the time-zone database at run time. */
  needsGlobalization: boolean;
  /** Self-contained, single-file or trimmed publishing: the output brings its runtime (runtime-deps image). */
  selfContained: boolean;
  /** Native AOT: a native executable the split does not build. */
  publishAot: boolean;
  /** `<RuntimeIdentifier>` (`linux-x64`), when the project sets one. */
  runtimeIdentifier?: string;
  /**
   * The project, or a Directory.Build.props the split found, sets something that ties the output
   * to the machine that builds it (a runtime identifier, the current runtime, AOT, self-contained).
   */
  platformSpecific: boolean;
}

/** MSBuild properties that make `dotnet publish` write output for one platform. */
const PLATFORM_PROPERTIES = /<(RuntimeIdentifiers?|UseCurrentRuntimeIdentifier|PublishAot|SelfContained|PublishSingleFile|PublishReadyToRun)>/;

/** Packages that load ICU or tzdata (SqlClient's culture handling, time-zone conversion). */
const GLOBALIZATION_PACKAGES = /^(Microsoft\.Data\.SqlClient|System\.Data\.SqlClient|TimeZoneConverter|Microsoft\.EntityFrameworkCore\.SqlServer)$/i;

/** A Directory.Build.props in the project's folder or above it (MSBuild imports the nearest) that sets a platform property. */
function buildPropsSetPlatform(context: BuildContext, csproj: string): boolean {
  const parts = csproj.split('/').slice(0, -1);
  for (let depth = parts.length; depth >= 0; depth--) {
    const props = context.readFile([...parts.slice(0, depth), 'Directory.Build.props'].join('/'));
    if (props !== undefined) {
      return PLATFORM_PROPERTIES.test(props.replace(/<!--[\s\S]*?-->/g, ''));
    }
  }
  return false;
}

export function readCsproj(context: BuildContext, candidates: string[]): DotnetProject | undefined {
  for (const path of candidates) {
    const text = context.readFile(path);
    if (text === undefined) {
      continue;
    }
    const xml = text.replace(/<!--[\s\S]*?-->/g, '');
    const property = (name: string) => new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(xml)?.[1];
    const sdk = /<Project\s+Sdk="([^"]+)"/.exec(xml)?.[1] ?? '';
    const packages = [...xml.matchAll(/<PackageReference\s+Include="([^"]+)"/g)].map((match) => match[1]);
    const invariant = property('InvariantGlobalization');
    return {
      path,
      web: sdk === 'Microsoft.NET.Sdk.Web' || /<FrameworkReference\s+Include="Microsoft\.AspNetCore\.App"/.test(xml),
      targetFramework: property('TargetFrameworks') === undefined ? property('TargetFramework') : undefined,
      assemblyName: property('AssemblyName') ?? path.slice(path.lastIndexOf('/') + 1).replace(/\.csproj$/, ''),
      invariantGlobalization: invariant === undefined ? undefined : invariant.toLowerCase() === 'true',
      needsGlobalization: packages.some((name) => GLOBALIZATION_PACKAGES.test(name)),
      selfContained: ['SelfContained', 'PublishSingleFile', 'PublishTrimmed'].some((name) => property(name)?.toLowerCase() === 'true'),
      publishAot: property('PublishAot')?.toLowerCase() === 'true',
      runtimeIdentifier: property('RuntimeIdentifier'),
      platformSpecific: PLATFORM_PROPERTIES.test(xml) || buildPropsSetPlatform(context, path),
    };
  }
  return undefined;
}
