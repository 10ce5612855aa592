// Quick fixes for `builder-runtime-mismatch`: make the builder and the runtime agree on the
// language version, either by running on the version the build was made for, or by building for
// the version the runtime runs. Neither is preferred (so "fix all" leaves them alone): which one
// is right depends on the app, and the user picks.
import { lookupImage } from '../catalog/catalog';
import { ImageReference, parseImageReference } from '../core/imageReference';
import { Stage, resolveBaseImage } from '../core/stages';
import { FindingFix } from './rule';
import { isConcreteReference } from './imageTags';

/**
 * The same image for another language version (`nodejs22-debian13` → `nodejs24-debian13`,
 * `python:3.12-slim` → `python:3.13-slim`), when the catalog knows it, says it runs `version`,
 * and it still gets updates on `today`.
 */
export function sameImageForVersion(image: ImageReference, from: string, version: string, today: string): string | undefined {
  if (!isConcreteReference(image)) {
    return undefined;
  }
  const reference = image.text.replace(/@.*$/, '');
  const digitsAround = '(?<![\\d.])';
  const pattern = new RegExp(`${digitsAround}${from.replace(/\./g, '\\.')}(?![\\d])`);
  // The version sits in the last path segment (`nodejs22-debian13`) or in the tag (`python:3.12-slim`).
  const lastSlash = reference.lastIndexOf('/');
  const head = reference.slice(0, lastSlash + 1);
  const tail = reference.slice(lastSlash + 1);
  if (!pattern.test(tail)) {
    return undefined;
  }
  const candidate = `${head}${tail.replace(pattern, version)}`;
  const parsed = parseImageReference(candidate);
  const original = lookupImage(image);
  const lookup = parsed && lookupImage(parsed);
  const ended = lookup?.facts.endOfSupport;
  if (!lookup?.entry || lookup.kind !== original.kind || lookup.facts.runtime?.version !== version || (ended && ended.date <= today)) {
    return undefined;
  }
  return candidate;
}

/** A fix that writes `reference` as the image of the stage `stage` is ultimately built FROM. */
export function useImageFix(stage: Stage, reference: string, title: string): FindingFix | undefined {
  const { chain } = resolveBaseImage(stage);
  const written = chain[chain.length - 1];
  const range = written.from.getImageRange();
  // Only where the image is written out: an `${ARG}` in it would be lost.
  if (!range || written.base.kind !== 'image' || written.from.getImage() !== written.base.image.text || written.baseText.includes('$')) {
    return undefined;
  }
  return { title, edits: [{ range, newText: reference }], isPreferred: false };
}
