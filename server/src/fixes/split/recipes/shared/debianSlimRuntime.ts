// The runtime for a native binary (Go with cgo, Rust) that needs packages distroless lacks: the
// libraries behind the -dev packages the build installs, or programs the binary runs. Distroless
// has no package manager, so the binary goes on bare debian:trixie-slim with those packages, and
// with the CA certificates and time zones distroless would have given it. Only for builds on
// Debian 13: the library versions the binary links must be the ones the runtime installs.
import { Declined, decline } from '../../recipe';
import { TrixieSlimPackages, installLines, nonRootUserLines, trixieSlimPackages } from './osPackages';
import { StageScan } from './stageScan';

export const DEBIAN_SLIM_RUNTIME = 'debian:trixie-slim';
/** What distroless base and cc have and debian:trixie-slim lacks: TLS roots and time zones. */
const DISTROLESS_EXTRAS = ['ca-certificates', 'tzdata'];

export interface DebianSlimRuntime {
  packages: TrixieSlimPackages;
  /** The runtime's first lines: the packages, then the non-root user 65532. */
  setup: string[];
  notes: string[];
}

/**
 * debian:trixie-slim for `libraries` (the build's apt packages that are not build-only), or why
 * not: packages from Alpine, a build on another Debian release, or a header whose library the
 * split does not know. `subject` names the binary in messages (`The cgo build`).
 */
export function debianSlimRuntime(options: { subject: string; libraries: string[]; scan: StageScan; debian: number | undefined; buildOnly: RegExp; trixieBuilder: string }): DebianSlimRuntime | Declined {
  const { subject, libraries, scan, debian, buildOnly, trixieBuilder } = options;
  if (scan.apkPackages.length > 0 || debian !== 13) {
    return decline(`${subject} installs ${libraries.join(', ')}, which the binary needs at run time and distroless does not have; the split installs ${them(libraries)} on ${DEBIAN_SLIM_RUNTIME} for a build on Debian 13 only, so library versions match. Build on ${trixieBuilder}, then split.`);
  }
  const packages = trixieSlimPackages(scan.aptPackages, (name) => (buildOnly.test(name) ? 'build' : undefined));
  if (packages.unknownHeaders.length > 0) {
    return decline(`${subject} installs ${packages.unknownHeaders.join(', ')}, and the split does not know which library the binary then loads at run time. Link it statically, or split by hand onto ${DEBIAN_SLIM_RUNTIME}, installing that library there.`);
  }
  const needed = [...packages.needed.keys()];
  const installed = [...needed, ...DISTROLESS_EXTRAS.filter((name) => !needed.includes(name))];
  return {
    packages,
    setup: [...installLines('debian', installed), ...nonRootUserLines('debian')],
    notes: [
      `Runtime: ${DEBIAN_SLIM_RUNTIME} as non-root, not distroless: the binary needs ${needed.join(', ')} at run time, and distroless has no package manager to add ${them(needed)}. ca-certificates and tzdata, which distroless has, are installed too.`,
      ...(packages.dropped.length > 0 ? [`Leaves out ${packages.dropped.join(', ')}: ${packages.dropped.length > 1 ? 'they only build' : 'it only builds'}.`] : []),
    ],
  };
}

function them(names: string[]): string {
  return names.length > 1 ? 'them' : 'it';
}
