// Images that no longer get updates (catalog `endOfSupport`), by today's date: old tags still
// pull, but get no security patches. The stage that ships is warned; other stages (builders) get
// information, since their image does not ship but builds with unpatched tools.
import { endOfSupportNote, replacementReference } from '../catalog/lifecycle';
import { daysBetween } from '../catalog/calendar';
import { NOTICE_DAYS } from '../catalog/languageReleases';
import { officialReplacementFor } from '../catalog/officialLifecycle';
import { lookupImage } from '../catalog/catalog';
import { parseImageReference } from '../core/imageReference';
import { Stage, resolveBaseImage } from '../core/stages';
import { Rule, RuleResult } from './rule';
import { StageImage, stageImage } from './support';

export const outdatedRuntimeImage: Rule = {
  id: 'outdated-runtime-image',
  description: 'A stage is based on an image that no longer gets updates (or stops getting them within 60 days).',
  defaultSeverity: 'warning',
  check({ model, runtimeStage, today }) {
    const shipped = new Set<Stage>(runtimeStage ? resolveBaseImage(runtimeStage).chain : []);
    const results: RuleResult[] = [];
    for (const stage of model.stages) {
      // Report where the image is written: stages built FROM another stage are covered by it.
      if (stage.base.kind !== 'image') {
        continue;
      }
      const image = stageImage(stage);
      const ended = image?.lookup.facts.endOfSupport;
      const range = stage.from.getImageRange();
      if (!image || !ended || !range) {
        continue;
      }
      const daysLeft = daysBetween(today, ended.date);
      if (daysLeft > NOTICE_DAYS) {
        continue;
      }
      const ships = shipped.has(stage);
      // Official language images: the nearest release supported today, with what else must move.
      const official = officialReplacementFor(image.image, image.lookup, today);
      const replacement = official ? (image.image.digest ? undefined : official.reference) : replacementReference(image.image, image.lookup);
      const moveTo = official?.reference ?? replacement ?? ended.replacement;
      const date = ended.estimate ? `${ended.date} (the maintainers' estimate)` : ended.date;
      const state = daysLeft > 0 ? `stops getting updates on ${date}` : `is no longer updated since ${date}: its tags still pull but get no security patches`;
      // "Move the build stage too" only where there is one.
      const noteText = official ? (model.stages.length > 1 ? official.note : undefined) : endOfSupportNote(image.image, image.lookup);
      const note = ships && noteText ? ` (${noteText})` : '';
      const result: RuleResult = {
        range,
        severity: daysLeft > 0 || !ships ? 'information' : 'warning',
        message: `${withoutDigest(image.image.text)} ${state}. Move to ${moveTo}${note}${image.image.digest ? ' and pin its digest' : ''}.`,
      };
      // Only where the written text is the real reference: an `${ARG}` in it would be lost.
      if (replacement && stage.from.getImage() === image.image.text) {
        result.fixes = [{ title: `Use ${replacement}`, edits: [{ range, newText: replacement }], isPreferred: onlyDebianMoves(image, replacement) }];
      }
      results.push(result);
    }
    return results;
  },
};


/**
 * Whether "Fix all" and `check --fix` may apply the move: only where nothing but the Debian release
 * of an image without a shell or package manager changes, the language release staying (distroless
 * `static-debian12` to `-debian13`). A newer language release (Node 18 to 24, .NET 8 to 10: an app
 * published for net8.0 does not start on 10.0) or a new distribution under `apt-get install`
 * (renamed packages) is the user's choice; a review of `--fix` on corpus files found both breaking apps.
 */
function onlyDebianMoves(image: StageImage, replacement: string): boolean {
  const reference = parseImageReference(replacement);
  if (image.lookup.kind !== 'distroless' || !reference) {
    return false;
  }
  const next = lookupImage(reference);
  const [before, after] = [image.lookup.facts.runtime, next.facts.runtime];
  return next.kind === 'distroless' && before?.language === after?.language && before?.version === after?.version;
}

function withoutDigest(reference: string): string {
  const at = reference.indexOf('@');
  return at < 0 ? reference : reference.slice(0, at);
}
