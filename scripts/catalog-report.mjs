// `npm run catalog-report`: prints every fact of the image catalog with its source and the date it
// was checked, then the facts checked more than 90 days ago, so a maintainer knows what to
// recheck. Needs `npx tsc -p .` first (the npm script does it). `--today YYYY-MM-DD` sets the
// date staleness is measured from (default: the system date).
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = path.resolve(root, process.env.STAGECRAFT_OUT ?? 'out');
const load = (file) => require(path.join(out, 'server/src/catalog', file));
const { catalogEntries } = load('catalog.js');
const { RELEASE_SCHEDULES } = load('languageReleases.js');
const { DEBIAN_RELEASES, DEBIAN_RELEASES_SOURCE, DEBIAN_RELEASES_CHECKED } = load('debianReleases.js');
const { DOTNET_RELEASES } = load('dotnetReleases.js');
const { OTHER_RUNTIME_IMAGES } = load('runtimeImages.js');

const STALE_DAYS = 90;
const todayArg = process.argv.indexOf('--today');
const today = todayArg > 0 ? process.argv[todayArg + 1] : new Date().toISOString().slice(0, 10);
const ageInDays = (checked) => Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${checked}T00:00:00Z`)) / 86_400_000);

/** Every fact printed, kept for the staleness list: what, source, checked. */
const facts = [];
function fact(section, what, source, checked) {
  facts.push({ section, what, source, checked });
  console.log(`  ${what}\n      source: ${source}\n      checked: ${checked}`);
}

function describeFacts(entryFacts) {
  const parts = [`kind ${entryFacts.kind}`];
  if (entryFacts.hasShell !== undefined) parts.push(entryFacts.hasShell ? 'shell' : 'no shell');
  if (entryFacts.defaultUser !== undefined) parts.push(`user ${entryFacts.defaultUser}`);
  if (entryFacts.entrypoint) parts.push(`entrypoint [${entryFacts.entrypoint.join(' ')}]`);
  if (entryFacts.workdir) parts.push(`workdir ${entryFacts.workdir}`);
  if (entryFacts.libc) parts.push(`libc ${entryFacts.libc}`);
  if (entryFacts.runtime) parts.push(`${entryFacts.runtime.language} ${entryFacts.runtime.version}`);
  if (entryFacts.debian) parts.push(`Debian ${entryFacts.debian}`);
  if (entryFacts.architectures) parts.push(`arch ${entryFacts.architectures.join(',')}`);
  const ended = entryFacts.endOfSupport;
  if (ended) parts.push(`end of support ${ended.date}${ended.estimate ? ' (estimate)' : ''} → ${ended.replacement}`);
  return parts.join('; ');
}

console.log(`Image catalog facts (staleness measured from ${today}; stale after ${STALE_DAYS} days)\n`);
console.log('Catalog entries (lookup order; tag-dependent facts are computed from the tag)');
for (const entry of catalogEntries()) {
  const tag = entry.tag ? ` [tags ${entry.tag.source}]` : '';
  fact('entry', `${entry.id}: ${entry.title}${tag} — ${describeFacts(entry.facts)}`, entry.source, entry.checked);
}

console.log('\nEnd of support of the language releases (official images)');
for (const schedule of RELEASE_SCHEDULES) {
  const lines = schedule.releases.map((line) => `${line.version} ${line.end ?? 'open'}${line.estimate ? '*' : ''}${line.lts ? ' LTS' : ''}`).join(', ');
  fact('release', `${schedule.language}: ${lines}`, schedule.source, schedule.checked);
}

console.log('\nDebian releases (end of LTS)');
fact('debian', DEBIAN_RELEASES.map((release) => `${release.version} ${release.codename} ${release.endOfLts}`).join(', '), DEBIAN_RELEASES_SOURCE, DEBIAN_RELEASES_CHECKED);

console.log('\n.NET releases (Kestrel settings, runtime images)');
for (const release of DOTNET_RELEASES) {
  fact('dotnet', `.NET ${release.version}: listens on ${release.runtimeListen.variable}=${release.runtimeListen.value}${release.ended ? `; ended ${release.ended}` : ''}`, release.source, release.checked);
}

console.log('\nRuntime images proposed by name');
for (const group of OTHER_RUNTIME_IMAGES) {
  fact('proposed', group.references.join(', '), group.source, group.checked);
}

const stale = facts.filter((item) => ageInDays(item.checked) > STALE_DAYS);
console.log(`\n${facts.length} facts; ${stale.length} checked more than ${STALE_DAYS} days before ${today}:`);
for (const item of stale) {
  console.log(`  ${item.checked} (${ageInDays(item.checked)} days) ${item.section}: ${item.what.slice(0, 120)}\n      recheck: ${item.source}`);
}
