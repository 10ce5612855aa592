// Quarkus's generated Dockerfile.native* files copy in the native executable that
// `./mvnw package -Dnative` wrote on the host (target/<name>-runner; Gradle: build/). The base is
// a runtime for it (UBI minimal, Quarkus's micro or distroless image), not a Java image, so these
// are recognised by that COPY: the split has nothing to build and says what to do instead.
// Facts: quarkusio/quarkus docs building-native-image.adoc ("Using a multi-stage Docker build",
// "Using a Distroless base image"), quarkus-runtime-base-image.adoc (the micro image holds glibc,
// libstdc++ and zlib), quarkusio/quarkus-images quarkus-distroless-base-image (gcr.io/distroless/cc
// plus libz.so.1 from Debian). Checked 2026-12-08.
import { imageName } from '../../../../core/imageReference';
import { Stage, resolveBaseImage } from '../../../../core/stages';
import { Declined, declineNothingToBuild } from '../../recipe';
import { StageScan } from '../shared/stageScan';

/** A Quarkus native executable in the build output (`target/*-runner`); `-runner.jar` is the JVM mode's jar. */
const NATIVE_RUNNER = /(^|\/)(target|build)\/[^/]*-runner$/;
/** Quarkus's own runtime images for native executables: already the smallest it publishes. */
const QUARKUS_RUNTIME = /^quay\.io\/quarkus\/(ubi9-)?quarkus-(micro|distroless)-image$/;
/**
 * Quarkus's Mandrel builder (a GraalVM distribution) for the runtime's UBI release: the executable
 * links the builder's glibc, which the runtime's must be at least as new as (quarkus-micro-image:2.0
 * is UBI 8, the ubi9- images UBI 9; quarkus-distroless-image is Debian's, newer than UBI 9's).
 */
function nativeBuilder(image: string): string {
  const ubi8 = /(^|\/)ubi8\/|\/quarkus-micro-image(:|@|$)/.test(image);
  return `quay.io/quarkus/${ubi8 ? 'ubi' : 'ubi9'}-quarkus-mandrel-builder-image:jdk-21`;
}

/** Why a stage that copies in a Quarkus native executable built outside Docker is not split, or undefined. */
export function quarkusNativeDecline(stage: Stage, scan: StageScan): Declined | undefined {
  const runner = scan.copies.find((copy) => copy.from === undefined && copy.sources.some((source) => NATIVE_RUNNER.test(source)));
  if (!runner) {
    return undefined;
  }
  const { base } = resolveBaseImage(stage);
  const image = base.kind === 'image' ? base.image.text : stage.baseText;
  const runtime = base.kind === 'image' && QUARKUS_RUNTIME.test(imageName(base.image))
    ? `\`${image}\` is already one of Quarkus's own runtime images for it`
    : `\`${image}\` already runs it; for a smaller runtime, quay.io/quarkus/quarkus-micro-image:2.0 holds what it links (glibc, libstdc++, zlib), while gcr.io/distroless/cc lacks zlib (Quarkus's quarkus-distroless-image adds it)`;
  return declineNothingToBuild(`The Dockerfile copies in a Quarkus native executable (${runner.sources.find((source) => NATIVE_RUNNER.test(source)) ?? '*-runner'}) built outside Docker (\`./mvnw package -Dnative\`), so a builder stage would have nothing to build, and ${runtime}. To build it in Docker as well, add a stage on ${nativeBuilder(image)} (its glibc no newer than the runtime's) that runs \`./mvnw package -Dnative\` and copy the runner from it (Quarkus's guide "Building a native executable", multi-stage build).`);
}
