// Stage names that BuildKit rejects or warns about: a name used twice, and the reserved names.
import { buildKitCheck } from './check';

/** Names that mean something else in `--from=` / `FROM`: the build context and the empty image. */
const RESERVED = new Set(['context', 'scratch']);

export const duplicateStageName = buildKitCheck('DuplicateStageName', 'Stage names should be unique.', ({ model }) => {
  const seen = new Set<string>();
  const results = [];
  for (const { name, nameRange } of model.stages) {
    if (name === undefined || !nameRange) continue;
    const key = name.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      continue;
    }
    results.push({ range: nameRange, message: `Duplicate stage name "${name}", stage names should be unique: \`--from=${name}\` and \`--target ${name}\` can only reach one of them.` });
  }
  return results;
});

export const reservedStageName = buildKitCheck('ReservedStageName', 'Reserved words should not be used as stage names.', ({ model }) => {
  const results = [];
  for (const { name, nameRange } of model.stages) {
    if (name === undefined || !nameRange || !RESERVED.has(name.toLowerCase())) continue;
    results.push({ range: nameRange, message: `Stage name should not use the same name as reserved stage "${name.toLowerCase()}": rename the stage.` });
  }
  return results;
});
