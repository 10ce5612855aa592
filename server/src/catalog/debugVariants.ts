// How to get a shell into a shell-less runtime image, per image family: the variant of the same
// image that carries one (distroless `:debug`, Chainguard `-dev`), or, where the family has none
// (.NET chiseled, scratch, Chainguard static), what to do instead. The hover and the "Make the
// runtime debuggable" action ask `debugVariantOf`; neither matches image names itself.
import { ImageReference } from '../core/imageReference';
import { ImageLookup } from './catalog';
import { Source } from './facts';

export type DebugVariant =
  | {
      kind: 'tag';
      /** The tag with a shell, e.g. `debug-nonroot` for `nonroot`. */
      tag: string;
      /** The full reference with that tag and without a digest. */
      reference: string;
      /** The shell it brings, for `docker run --entrypoint`. */
      shell: string;
      /** The image as the release tag names it (the tag to keep as the default), `latest` when untagged. */
      releaseTag: string;
      fact: Source;
    }
  | {
      kind: 'none';
      /** Why there is no debug tag, and what to use instead, in one sentence. */
      instead: string;
      fact: Source;
    };

/** Facts, each with the page it was read from and when. */
export const DEBUG_VARIANT_FACTS = {
  distroless: {
    source:
      'https://github.com/GoogleContainerTools/distroless/blob/main/README.md ("Debug Images": `:debug` tags carry a busybox shell; for a tagged image use `debug-<existing tag>`, e.g. `:debug-nonroot`); root BUILD `VARIANTS`',
    checked: '2026-12-06',
  },
  chainguard: {
    source:
      'https://edu.chainguard.dev/chainguard/containers/about/differences-development-production/ ("most Chainguard Containers have a development variant", tagged `:latest-dev`: shell, apk)',
    checked: '2026-12-06',
  },
  chainguardStatic: {
    source:
      'https://github.com/chainguard-images/images/pull/368 (a `-dev` variant of `static` was declined: use `cgr.dev/chainguard/busybox` instead)',
    checked: '2026-12-06',
  },
  dotnetChiseled: {
    source:
      'https://github.com/dotnet/dotnet-docker/blob/main/documentation/ubuntu-chiseled.md (chiseled images have no shell and no debug variant; the same version is published without `-chiseled`)',
    checked: '2026-12-06',
  },
  scratch: {
    source: 'https://docs.docker.com/build/building/base-images/#create-a-minimal-base-image-using-scratch (scratch is empty: no shell, no variants)',
    checked: '2026-12-06',
  },
  kubectlDebug: {
    source:
      'https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container (`kubectl debug -it <pod> --image=busybox --target=<container>`; `--target` shares the process namespace)',
    checked: '2026-12-06',
  },
  dockerDebug: {
    source:
      'https://docs.docker.com/reference/cli/docker/debug/ and docker/docs data/summary.yaml as changed by https://github.com/docker/docs/pull/23592 (`docker debug` needs Docker Desktop; free from 4.49, a Pro, Team or Business subscription on 4.48 and earlier)',
    checked: '2026-12-06',
  },
} satisfies Record<string, Source>;

/** Architecture suffixes distroless publishes (`:nonroot-arm64`): kept on the debug tag. */
const DISTROLESS_RELEASE_TAG = /^(latest|nonroot)?(-(?:amd64|arm64|arm|s390x|ppc64le|riscv64))?$/;

/**
 * The debug variant of a release image, or what to do where the family has none; undefined when
 * the image is not one the catalog knows as shell-less runtime (or is already a debug variant).
 */
export function debugVariantOf(image: ImageReference, lookup: ImageLookup): DebugVariant | undefined {
  const entry = lookup.entry;
  if (!entry || lookup.isDebugVariant || lookup.kind !== 'distroless') {
    return undefined;
  }
  const name = image.registry ? `${image.registry}/${image.repository}` : image.repository;
  if (entry.distrolessTags) {
    const match = DISTROLESS_RELEASE_TAG.exec(image.tag ?? '');
    if (!match) {
      return undefined; // a commit-pinned or unknown tag: no sure debug tag
    }
    const nonroot = match[1] === 'nonroot';
    const tag = `${nonroot ? 'debug-nonroot' : 'debug'}${match[2] ?? ''}`;
    return { kind: 'tag', tag, reference: `${name}:${tag}`, shell: '/busybox/sh', releaseTag: image.tag ?? 'latest', fact: DEBUG_VARIANT_FACTS.distroless };
  }
  if (entry.id === 'chainguard-static') {
    return {
      kind: 'none',
      instead: 'Chainguard publishes no `-dev` variant of `static`: attach a debug container (`cgr.dev/chainguard/busybox`) instead.',
      fact: DEBUG_VARIANT_FACTS.chainguardStatic,
    };
  }
  if (entry.id.startsWith('chainguard')) {
    const release = image.tag ?? 'latest';
    const tag = `${release}-dev`;
    return { kind: 'tag', tag, reference: `${name}:${tag}`, shell: '/bin/sh', releaseTag: release, fact: DEBUG_VARIANT_FACTS.chainguard };
  }
  if (/^dotnet-.*chiseled/.test(entry.id)) {
    const full = image.tag ? nonChiseledTag(image.tag) : undefined;
    const build = full ? ` For a debug build, use \`${name}:${full}\` (the same .NET version, with a shell).` : ' For a debug build, use the same version without `-chiseled`.';
    return {
      kind: 'none',
      instead: `.NET chiseled images have no debug tag: attach a debug container (\`kubectl debug --target\`).${build}`,
      fact: DEBUG_VARIANT_FACTS.dotnetChiseled,
    };
  }
  if (entry.id === 'scratch') {
    return {
      kind: 'none',
      instead: 'scratch is empty and has no debug variant: attach a debug container, or build a debug-only stage that copies a static busybox in.',
      fact: DEBUG_VARIANT_FACTS.scratch,
    };
  }
  return undefined;
}

/** `10.0-noble-chiseled-extra` → `10.0-noble`; `10.0-azurelinux3.0-distroless` → `10.0-azurelinux3.0`. */
function nonChiseledTag(tag: string): string | undefined {
  const stripped = tag.replace(/-(chiseled|distroless)(-extra)?$/, '');
  return stripped !== tag && stripped !== '' ? stripped : undefined;
}
