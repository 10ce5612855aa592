// The catalog stays true: one entry per image and tag, every date with a source, and no image the
// extension proposes (fixes, suggestions, snippets) out of support on the pinned date.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogEntries, lookupImage } from '../../server/src/catalog/catalog';
import { builderImageFor } from '../../server/src/catalog/builders';
import { RELEASE_SCHEDULES } from '../../server/src/catalog/languageReleases';
import { DEBIAN_RELEASES } from '../../server/src/catalog/debianReleases';
import { OTHER_RUNTIME_IMAGES, runtimeImages } from '../../server/src/catalog/runtimeImages';
import { suggestRuntimeImage } from '../../server/src/catalog/suggestions';
import { parseImageReference } from '../../server/src/core/imageReference';

const TODAY = '2026-12-06';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A reference's end of support, if the catalog says it has passed by TODAY. */
function endedOn(reference: string): string | undefined {
  const parsed = parseImageReference(reference);
  const ended = parsed && lookupImage(parsed).facts.endOfSupport;
  return ended && ended.date <= TODAY ? ended.date : undefined;
}

/** Every image a snippet can write: `${1:golang:1.26}` → its default, `${1|a,b|}` → each choice, `$1` in a name → each choice of that tab stop. */
function snippetImages(body: string): string[] {
  const choices = new Map<string, string[]>();
  for (const match of body.matchAll(/\$\{(\d+)\|([^|]*)\|\}/g)) {
    choices.set(match[1], match[2].split(','));
  }
  const images: string[] = [];
  for (const line of body.split('\n')) {
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)/.exec(line.trim());
    if (!from) {
      continue;
    }
    let variants = [from[1].replace(/\$\{\d+:([^}]*)\}/g, '$1')];
    for (const [stop, options] of choices) {
      variants = variants.flatMap((variant) => (variant.includes(`\${${stop}|`) || new RegExp(`\\$${stop}(?!\\d)`).test(variant) ? options.map((option) => variant.replace(/\$\{\d+\|[^|]*\|\}/, option).replace(new RegExp(`\\$${stop}(?!\\d)`), option)) : [variant]));
    }
    images.push(...variants.filter((variant) => !variant.includes('$') && variant !== 'image'));
  }
  return images;
}

describe('catalog integrity', () => {
  it('has unique entry ids, and no entry is shadowed for its own image by an earlier one', () => {
    const ids = catalogEntries().map((entry) => entry.id);
    assert.deepEqual(ids.filter((id, index) => ids.indexOf(id) !== index), []);
    for (const entry of catalogEntries()) {
      // Entries titled with a concrete image name (no tag pattern): looking that name up must find them.
      if (entry.tag || !entry.name.test(entry.title)) {
        continue;
      }
      const reference = parseImageReference(entry.title);
      assert.ok(reference, entry.title);
      assert.equal(lookupImage(reference).entry?.id, entry.id, `${entry.title} is claimed by another entry`);
    }
  });

  it('gives every fact and every end-of-support date a source and a checked date', () => {
    for (const entry of catalogEntries()) {
      assert.ok(entry.source.trim().length > 10, entry.id);
      assert.match(entry.checked, ISO_DATE, entry.id);
      const ended = entry.facts.endOfSupport;
      if (ended) {
        assert.match(ended.date, ISO_DATE, entry.id);
        assert.ok(ended.replacement, entry.id);
      }
    }
    for (const schedule of RELEASE_SCHEDULES) {
      assert.ok(schedule.source.length > 10 && ISO_DATE.test(schedule.checked), schedule.family);
      for (const line of schedule.releases) {
        assert.ok(line.end === undefined || ISO_DATE.test(line.end), `${schedule.family} ${line.version}`);
      }
    }
    assert.ok(DEBIAN_RELEASES.every((release) => ISO_DATE.test(release.endOfLts)));
  });

  it('proposes no image that is out of support on the pinned date (replacements, suggestions, builders, snippets)', () => {
    const proposed: string[] = [];
    for (const entry of catalogEntries()) {
      const replacement = entry.facts.endOfSupport?.replacement;
      if (replacement && /[:/]/.test(replacement)) {
        proposed.push(replacement);
      }
    }
    proposed.push(...runtimeImages(TODAY).filter((image) => image.tier < 9).map((image) => image.reference));
    proposed.push(...OTHER_RUNTIME_IMAGES.flatMap((group) => group.references));
    for (const builder of ['golang:1.26', 'rust:1', 'python:3.13', 'node:22', 'node:24', 'node:26', 'eclipse-temurin:21-jdk', 'mcr.microsoft.com/dotnet/sdk:10.0']) {
      proposed.push(suggestRuntimeImage(parseImageReference(builder)!).image);
    }
    for (const [language, version, debian] of [['python', '3.13', 13], ['node', '22', 13], ['node', '24', 12], ['go', undefined, 13], ['rust', undefined, 13], ['java', '21', undefined], ['dotnet', '10.0', undefined]] as const) {
      const image = builderImageFor(language, version, debian);
      if (image) {
        proposed.push(image);
      }
    }
    const snippets = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../snippets/dockerfile.json'), 'utf8')) as Record<string, { body: string | string[] }>;
    for (const snippet of Object.values(snippets)) {
      proposed.push(...snippetImages(Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body));
    }
    assert.ok(proposed.length > 40, `only ${proposed.length} images collected`);
    assert.ok(proposed.includes('gcr.io/distroless/nodejs26-debian13:nonroot') && proposed.includes('golang:1.26'), 'snippet choices and defaults are expanded');
    const outdated = proposed.filter((reference) => endedOn(reference)).map((reference) => `${reference} (ended ${endedOn(reference)})`);
    assert.deepEqual(outdated, []);
  });
});
