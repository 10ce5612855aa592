// Which oven/bun image the build is on, and the distroless tag of the same Bun release. The
// release workflow publishes `X.Y.Z`, `X.Y` and `X` with the suffixes `-debian`, `-slim`,
// `-alpine` and `-distroless`, and the bare variant names (`distroless`) for the latest release
// (catalog/jsRuntimes.ts, BUN_SOURCE): `oven/bun:1.3` becomes `oven/bun:1.3-distroless`. But the
// distroless build failed from after 1.1.45 until late 2025 (oven-sh/bun#16666, #20414, fixed by
// #24055): Bun 1.2 has no distroless tag, and which 1.3 patch releases have one is not recorded,
// so only tags known to exist are used (BUN_DISTROLESS_GAP).
import { lookupImage } from '../../../../catalog/catalog';
import { resolveBaseImage, Stage } from '../../../../core/stages';
import { Declined, decline } from '../../recipe';

export interface BunBuilder {
  /** The image as written (`oven/bun:1.2-slim`). */
  text: string;
  /** The runtime image: the same release's distroless tag. */
  runtimeImage: string;
  /** The build's tag floats (`latest`, `1`, `slim`): the runtime's tag floats the same way. */
  floating: boolean;
}

/** `X`, `X.Y`, `X.Y.Z` or `canary`, then an optional variant suffix. */
const TAG = /^(?:(\d+(?:\.\d+){0,2}|canary)(?:-(debian|slim|alpine|distroless))?|(latest|debian|slim|alpine|distroless))$/;

/** The build's oven/bun image, undefined when the build is not on one, or why it cannot be split. */
export function recogniseBunImage(stage: Stage): BunBuilder | Declined | undefined {
  const { base } = resolveBaseImage(stage);
  if (base.kind !== 'image') {
    return /(^|\/)oven\/bun[:@\s]|(^|\/)oven\/bun$/.test(stage.from.getArgumentsContent() ?? '') ? decline('The oven/bun tag comes from a build argument without a default; give the ARG a default, then split.') : undefined;
  }
  const image = base.image;
  const entry = lookupImage(image).entry?.id;
  // Already the distroless variant (it cannot RUN anything), or not Bun: not this recipe's build.
  if (entry !== 'bun') {
    return undefined;
  }
  const tag = image.tag ?? '';
  const match = TAG.exec(tag === '' ? 'latest' : tag);
  if (!match) {
    return decline(`The tag oven/bun:${tag} is not one the Bun release workflow publishes (X.Y.Z, X.Y, X, with -debian, -slim or -alpine), so the split cannot name its distroless tag; use oven/bun:1.2 or another published tag, then split.`);
  }
  const [, version, , bare] = match;
  const variant = match[2] ?? (bare === 'latest' ? undefined : bare);
  if (variant === 'alpine') {
    // Packages installed on Alpine were resolved for musl; the distroless runtime is Debian (glibc).
    return decline(`The build is on ${image.text} (Alpine, musl) and oven/bun's distroless image is Debian (glibc): packages with platform builds would not match. Build on oven/bun:${version ?? 'latest'} (Debian), then split.`);
  }
  const missing = version === undefined ? undefined : missingDistroless(version);
  if (missing) {
    return decline(missing);
  }
  const runtimeTag = version !== undefined ? `${version}-distroless` : 'distroless';
  const floating = version === undefined || version === 'canary' || !/^\d+\.\d+\.\d+$/.test(version);
  return { text: image.text, runtimeImage: `oven/bun:${runtimeTag}`, floating };
}

/**
 * Why oven/bun has no (known) distroless tag for this release, or undefined. Published: 1.0.x
 * from 1.0.3 (oven-sh/bun#6166 builds on 1.0.3-distroless) to 1.1.45 (#16666: "the last official
 * image with distroless support was 1.1.45"); none for 1.2; the floating tags again since #24055.
 */
export function missingDistroless(version: string): string | undefined {
  if (version === 'canary') {
    return undefined;
  }
  const [major, minor, patch] = version.split('.').map(Number);
  const gap = 'its distroless image was not built from after 1.1.45 until late 2025 (oven-sh/bun#16666, #20414)';
  if (major === 1 && minor === 2) {
    return `oven/bun publishes no distroless image for Bun 1.2: ${gap}. Move the build to oven/bun:1.3 (its distroless tag is 1.3-distroless), then split.`;
  }
  if (patch === undefined) {
    return undefined; // 1, 1.0, 1.1, 1.3, ...: the floating tag is published
  }
  const pinnedKnown = major === 1 && ((minor === 0 && patch >= 3) || (minor === 1 && patch <= 45));
  return pinnedKnown
    ? undefined
    : `No source the split has shows that oven/bun:${version}-distroless exists (${gap}, and which releases since have one is not recorded). Check with \`docker manifest inspect oven/bun:${version}-distroless\`, or build on oven/bun:${major}.${minor} (whose ${major}.${minor}-distroless is published), then split.`;
}
