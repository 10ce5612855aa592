// What the mcr.microsoft.com/dotnet images of each release set that decides how an app runs once
// split: where Kestrel listens (the SDK image's setting and the runtime image's), and, for the
// releases without a chiseled image, the runtime image's OS, user and ENTRYPOINT. Read from
// dotnet/dotnet-docker's Dockerfiles and manifest.json at the last commit before each release's
// images were removed from the repository (the images stay published on MCR).
import { Source } from './facts';

/** An environment variable the image sets for Kestrel. */
export interface KestrelListen {
  variable: 'ASPNETCORE_URLS' | 'ASPNETCORE_HTTP_PORTS';
  value: string;
}

export interface DotnetRelease extends Source {
  /** `3.1`, `6.0`. */
  version: string;
  /**
   * What the SDK image gives an app it runs: undefined for nothing, so the app listens on its
   * own URLs, else on Kestrel's default http://localhost:5000 (3.1's SDK never sets it; 5.0 to
   * 7.0 unset the aspnet image's `ASPNETCORE_URLS=`); 8.0 and later inherit `ASPNETCORE_HTTP_PORTS=8080`.
   */
  sdkListen?: KestrelListen;
  /** What the runtime image the split uses for this release sets. */
  runtimeListen: KestrelListen;
}

/** The releases before 6.0 have no chiseled image: the split runs them on Debian's aspnet/runtime image. */
export interface DebianDotnetRelease extends DotnetRelease {
  /** The Debian release of the runtime tag without an OS suffix (`aspnet:3.1` is `3.1-buster-slim`). */
  defaultDebian: number;
  /** The runtime images run as root and have no ENTRYPOINT: the start command runs `dotnet`. */
  runtimeUser: 0;
  runtimeEntrypoint: [];
  /** The Debian releases the version has `-<codename>-slim` runtime tags for. */
  debianTags: string[];
  /** The end of the release's support (dotnet/core release-notes/releases-index.json, eol-date). */
  ended: string;
}

const BEFORE_3_1_REMOVAL = 'dotnet/dotnet-docker@5b3461863a^ (2023-01-09): src/runtime-deps/3.1/buster-slim/amd64/Dockerfile (ENV ASPNETCORE_URLS=http://+:80, no USER), src/runtime/3.1/buster-slim (no ENTRYPOINT), src/sdk/3.1/buster (FROM buildpack-deps, no ASPNETCORE_URLS), manifest.json (tag 3.1 = buster-slim)';
const BEFORE_5_0_REMOVAL = 'dotnet/dotnet-docker@f87fbd0b02^ (2022-06-10): manifest.json (5.0 runtime images on src/runtime-deps/3.1/buster-slim, tag 5.0 = buster-slim), src/sdk/5.0/buster-slim/amd64/Dockerfile (ENV ASPNETCORE_URLS= unsets the aspnet image\'s)';
const BEFORE_6_0_REMOVAL = 'dotnet/dotnet-docker@123e444ec6^ (2025-01-07): src/runtime-deps/6.0/jammy-chiseled/amd64/Dockerfile (APP_UID=1654, ASPNETCORE_URLS=http://+:8080), src/sdk/6.0/jammy/amd64/Dockerfile (ASPNETCORE_URLS= unsets it)';
const BEFORE_7_0_REMOVAL = 'dotnet/dotnet-docker@f62d9e4992^ (2024-05-30): manifest.json (7.0 chiseled on src/runtime-deps/6.0/jammy-chiseled: ASPNETCORE_URLS=http://+:8080), src/sdk/7.0/bookworm-slim/amd64/Dockerfile (ASPNETCORE_URLS= unsets it)';
const CURRENT = 'dotnet/dotnet-docker@3ed00b611c (2026-08-21): src/runtime-deps/10.0/noble-chiseled/amd64/Dockerfile (ASPNETCORE_HTTP_PORTS=8080), src/sdk/8.0/noble/amd64/Dockerfile (FROM the aspnet image, does not unset it)';
const CHECKED = '2026-12-08';

const PORT_80: KestrelListen = { variable: 'ASPNETCORE_URLS', value: 'http://+:80' };
const CHISELED_6_7: KestrelListen = { variable: 'ASPNETCORE_URLS', value: 'http://+:8080' };
const HTTP_PORTS: KestrelListen = { variable: 'ASPNETCORE_HTTP_PORTS', value: '8080' };

export const DEBIAN_DOTNET_RELEASES: DebianDotnetRelease[] = [
  { version: '3.1', runtimeListen: PORT_80, defaultDebian: 10, runtimeUser: 0, runtimeEntrypoint: [], debianTags: ['buster', 'bullseye'], ended: '2022-12-13', source: BEFORE_3_1_REMOVAL, checked: CHECKED },
  { version: '5.0', runtimeListen: PORT_80, defaultDebian: 10, runtimeUser: 0, runtimeEntrypoint: [], debianTags: ['buster', 'bullseye'], ended: '2022-05-10', source: BEFORE_5_0_REMOVAL, checked: CHECKED },
];

export const DOTNET_RELEASES: DotnetRelease[] = [
  ...DEBIAN_DOTNET_RELEASES,
  { version: '6.0', runtimeListen: CHISELED_6_7, source: BEFORE_6_0_REMOVAL, checked: CHECKED },
  { version: '7.0', runtimeListen: CHISELED_6_7, source: BEFORE_7_0_REMOVAL, checked: CHECKED },
  ...['8.0', '9.0', '10.0'].map((version) => ({ version, sdkListen: HTTP_PORTS, runtimeListen: HTTP_PORTS, source: CURRENT, checked: CHECKED })),
];

export function dotnetRelease(version: string | undefined): DotnetRelease | undefined {
  return DOTNET_RELEASES.find((release) => release.version === version);
}
