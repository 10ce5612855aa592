// Tag rewrites the rules offer as quick fixes (`debug` → `latest`, `latest` → `nonroot`), each
// checked against the catalog: a rewrite is only proposed when the catalog says the new tag is
// what we want (not a debug variant; a non-root default user).
import { ImageLookup, lookupImage } from '../catalog/catalog';
import { ImageReference } from '../core/imageReference';

/** Architecture suffixes distroless publishes (`:nonroot-arm64`). */
const ARCH = '(?:-(?:amd64|arm64|arm|s390x|ppc64le|riscv64))?';
const DISTROLESS_DEBUG_TAG = new RegExp(`^debug(-nonroot)?(${ARCH})$`);

/**
 * The release tag for a debug or `-dev` variant, or undefined when there is no sure one.
 * Distroless: `debug` → `latest` (both run as root), `debug-nonroot` → `nonroot` (both 65532), an
 * architecture suffix is kept. Chainguard and Docker Hardened: `latest-dev` → `latest`,
 * `3.13-debian13-dev` → `3.13-debian13`. `-sdk` images have no same-name runtime tag.
 */
export function releaseTag(image: ImageReference, lookup: ImageLookup): string | undefined {
  if (!lookup.isDebugVariant || image.tag === undefined) {
    return undefined;
  }
  let candidate: string | undefined;
  const distroless = DISTROLESS_DEBUG_TAG.exec(image.tag);
  if (lookup.entry?.distrolessTags && distroless) {
    candidate = (distroless[1] ? 'nonroot' : 'latest') + distroless[2];
  } else if (/.-dev$/.test(image.tag)) {
    candidate = image.tag.slice(0, -'-dev'.length);
  } else if (image.tag === 'dev') {
    candidate = 'latest';
  }
  if (candidate === undefined) {
    return undefined;
  }
  const after = lookupImage({ ...image, tag: candidate });
  return !after.isDebugVariant && after.kind === 'distroless' ? candidate : undefined;
}

/**
 * The `nonroot` tag for a distroless image on a root tag (`latest`, no tag, `latest-arm64`), when
 * the catalog says that tag runs as a non-root user; undefined otherwise.
 */
export function nonRootTag(image: ImageReference, lookup: ImageLookup): string | undefined {
  if (!lookup.entry?.distrolessTags || lookup.isDebugVariant || image.digest !== undefined) {
    return undefined;
  }
  const match = new RegExp(`^(?:latest)?(${ARCH})$`).exec(image.tag ?? '');
  if (!match) {
    return undefined;
  }
  const candidate = `nonroot${match[1]}`;
  const uid = lookupImage({ ...image, tag: candidate }).facts.defaultUser;
  return uid !== undefined && uid !== 0 ? candidate : undefined;
}

/**
 * Images published without version tags, where a tag can never pin a version: distroless (only
 * `latest`, `nonroot`, `debug`...) and Chainguard's free tier (only `latest` and `latest-dev`).
 * A catalog fact (`versionTags: false`) would say this without looking at entry ids.
 */
export function hasNoVersionTags(lookup: ImageLookup): boolean {
  const entry = lookup.entry;
  return entry !== undefined && (entry.distrolessTags === true || /^chainguard(-|$)/.test(entry.id));
}

/**
 * False for a reference that still holds a variable (an ARG default naming another ARG) or a
 * template placeholder (`{{baseImageTag}}` in .j2 and .template files): not a real image name.
 */
export function isConcreteReference(image: ImageReference): boolean {
  return !/[${}%]/.test(image.text);
}
