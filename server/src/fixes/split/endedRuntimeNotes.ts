// A note when the split keeps a language release that is past its end of support (ruby:3.2-slim
// as the runtime of a ruby:3.2 build): the split keeps the release the app was built and tested
// on, but the user should hear that it gets no security fixes, and where to move.
import { lookupImage } from '../../catalog/catalog';
import { majorMinor } from '../../catalog/builders/tags';
import { releaseLine, releaseSchedule } from '../../catalog/languageReleases';
import { officialFamilyOf, officialReplacementFor } from '../../catalog/officialLifecycle';
import { parseImageReference } from '../../core/imageReference';
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
  return [`${language} ${line.version} is past its end of support (${line.end}): it gets no security fixes. The runtime keeps the release the app was built on; ${moveTo ? `move both stages to ${moveTo}` : 'move both stages to a supported release'} when the app allows.`];
}
