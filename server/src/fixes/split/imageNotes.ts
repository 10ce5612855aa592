// Notes every split gets from the images' facts: a language release past its end of support
// (ruby:3.2-slim as the runtime of a ruby:3.2 build), a Debian release without security updates,
// a digest pin the runtime image cannot get offline. The split keeps what the app was built and
// tested on; the user should hear what that costs, and where to move.
import { lookupImage } from '../../catalog/catalog';
import { majorMinor } from '../../catalog/builders/tags';
import { releaseLine, releaseSchedule } from '../../catalog/languageReleases';
import { officialFamilyOf, officialReplacementFor } from '../../catalog/officialLifecycle';
import { DEBIAN_RELEASES, DebianRelease, debianReleaseOfTag, isFrozen } from '../../catalog/debianReleases';
import { bunDistrolessDebianVersion } from '../../catalog/jsRuntimes';
import { parseImageReference } from '../../core/imageReference';
import { Stage } from '../../core/stages';
import { SplitPlan } from './recipe';

/** Notes that already speak of the release's end (the Node recipe writes its own). */
const ALREADY_SAID = /past its end of life|end of support/;

export function endedRuntimeNotes(plan: SplitPlan, today: string): string[] {
  if (plan.runtimeNotes.some((note) => ALREADY_SAID.test(note))) {
    return [];
  }
  const reference = parseImageReference(plan.runtimeImage);
  const lookup = reference && lookupImage(reference);
  const family = officialFamilyOf(lookup?.entry?.id);
  if (!reference || !lookup || !family || family === 'debian') {
    return [];
  }
  // The same version the catalog and `outdated-runtime-image` read from the tag.
  const tag = reference.tag ?? '';
  const version = family === 'ruby' || family === 'php' ? majorMinor(tag) : family === 'golang' ? lookup.facts.toolchain?.version : lookup.facts.runtime?.version;
  const line = releaseLine(family, version);
  if (!line?.end || line.end >= today) {
    return [];
  }
  const moveTo = officialReplacementFor(reference, lookup, today)?.reference;
  const language = releaseSchedule(family).language;
  // pip skips releases whose Requires-Python excludes the interpreter: a pin newer than the line's
  // end fails the build as in the original (review round 13: grpcio-tools 1.62 on Python 3.6).
  const pins = family === 'python' ? ` Releases of packages made after it ended may not install on it (pip: "No matching distribution found"), as in the original: pin ones that support ${language} ${line.version}.` : '';
  return [`${language} ${line.version} is past its end of support (${line.end}): it gets no security fixes. The runtime keeps the release the app was built on; ${moveTo ? `move both stages to ${moveTo}` : 'move both stages to a supported release'} when the app allows.${pins}`];
}

/**
 * A note when the build or the runtime stays on a Debian release whose security support has
 * ended (`-bullseye`): the split keeps the release the build was made on (glibc, package
 * names), but the user should know it is frozen.
 */
export function frozenReleaseNotes(stage: Stage, plan: SplitPlan, today: string): string[] {
  const images = [plan.runtimeImage, plan.builderImage ?? stage.baseText].map((image) => image.replace(/^--platform=\S+\s+/, ''))
    // .NET's images have no -trixie tags: the .NET recipe states their Debian's end itself.
    .filter((image) => !image.startsWith('mcr.microsoft.com/dotnet/'));
  const frozen = images.map(debianReleaseOfImage).find((found) => found && isFrozen(found.release, today));
  return frozen
    ? [`${frozen.under ? `${frozen.under} is on Debian ${frozen.release.version} (${frozen.release.codename}), which gets` : `Debian ${frozen.release.version} (${frozen.release.codename}) gets`} no security updates since ${frozen.release.endOfLts}: move both stages to ${frozen.moveTo} when the app allows.`]
    : [];
}

/**
 * The Debian release an image is on: the codename in its tag (`-bullseye`), or a tag the catalog
 * knows to be frozen on one (oven/bun's 1.0 and 1.1 distroless tags), with where to move.
 */
function debianReleaseOfImage(image: string): { release: DebianRelease; under?: string; moveTo: string } | undefined {
  const named = debianReleaseOfTag(image);
  if (named) {
    return { release: named, moveTo: 'a -trixie tag' };
  }
  const reference = parseImageReference(image);
  const version = reference?.repository === 'oven/bun' ? bunDistrolessDebianVersion(reference.tag ?? '') : undefined;
  const release = DEBIAN_RELEASES.find((candidate) => candidate.version === version);
  return release ? { release, under: `oven/bun:${reference?.tag ?? ''}`, moveTo: 'oven/bun:1.3 (its 1.3-distroless is on Debian 13)' } : undefined;
}

/** The original pins its image by digest: the runtime image is a new one the split cannot pin offline. */
export function digestNotes(stage: Stage, plan: SplitPlan): string[] {
  return stage.baseText.includes('@sha256:') && !plan.runtimeImage.includes('@sha256:')
    ? [`The build pins its image by digest; pin ${plan.runtimeImage} too (its digest: docker buildx imagetools inspect ${plan.runtimeImage}).`]
    : [];
}
