// Which denoland/deno image the build is on, and the distroless tag of the same Deno release.
// deno_docker's CI pushes `<kind>-<git tag>` and `<kind>` for alpine, debian, distroless and
// ubuntu, and `<git tag>` (Debian); git tags are `X.Y.Z` (catalog/jsRuntimes.ts, DENO_SOURCE).
// The distroless Dockerfile was read at 2.0.0, 2.5.0 and 2.9.1 (the same layout), so only Deno 2
// releases are split.
import { lookupImage } from '../../../../catalog/catalog';
import { resolveBaseImage, Stage } from '../../../../core/stages';
import { Declined, decline } from '../../recipe';

export interface DenoBuilder {
  text: string;
  runtimeImage: string;
  floating: boolean;
}

/** `X.Y.Z`, `<kind>-X.Y.Z` or a bare kind. */
const TAG = /^(?:(?:(debian|ubuntu|alpine)-)?(\d+\.\d+\.\d+)|(latest|debian|ubuntu|alpine))$/;

export function recogniseDenoImage(stage: Stage): DenoBuilder | Declined | undefined {
  const { base } = resolveBaseImage(stage);
  if (base.kind !== 'image') {
    return /(^|\/)denoland\/deno([:@\s]|$)/.test(stage.from.getArgumentsContent() ?? '') ? decline('The denoland/deno tag comes from a build argument without a default; give the ARG a default, then split.') : undefined;
  }
  const image = base.image;
  if (lookupImage(image).entry?.id !== 'deno') {
    return undefined; // not Deno, or already its distroless variant
  }
  const tag = image.tag ?? '';
  const match = TAG.exec(tag === '' ? 'latest' : tag);
  if (!match) {
    return decline(`The tag denoland/deno:${tag} is not one deno_docker publishes for a runtime (X.Y.Z, debian-X.Y.Z, ubuntu-X.Y.Z, or latest), so the split cannot name its distroless tag; use denoland/deno:2.x.y, then split.`);
  }
  const kind = match[1] ?? match[3];
  const version = match[2];
  if (kind === 'alpine') {
    return decline(`The build is on ${image.text} (Alpine) and denoland/deno's distroless image is Debian (glibc): npm packages with platform builds in the cache would not match. Build on denoland/deno:${version ?? 'latest'} (Debian), then split.`);
  }
  if (version !== undefined && Number(version.split('.')[0]) < 2) {
    return decline(`The split knows the layout of denoland/deno's distroless image for Deno 2 (deno_docker's distroless.dockerfile at 2.0.0 and later); move the build to denoland/deno:2.x.y, then split.`);
  }
  const registry = image.registry === 'ghcr.io' ? 'ghcr.io/' : '';
  return { text: image.text, runtimeImage: `${registry}denoland/deno:${version === undefined ? 'distroless' : `distroless-${version}`}`, floating: version === undefined };
}
