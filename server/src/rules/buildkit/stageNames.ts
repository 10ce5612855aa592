// Stage names that BuildKit rejects or warns about: a name used twice, and the reserved names.
import { buildKitCheck } from './check';

/** Names that mean something else in `--from=` / `FROM`: the build context and the empty image. */
const RESERVED = new Set(['context', 'scratch']);

export const duplicateStageName = buildKitCheck('DuplicateStageName', 'Stage names should be unique.', ({ model }) => {
  const seen = new Set<string>();
  return model.stages.flatMap((stage) => {
    if (stage.name === undefined || !stage.nameRange) {
      return [];
    }
    const key = stage.name.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      return [];
    }
    return [{ range: stage.nameRange, message: `Duplicate stage name "${stage.name}", stage names should be unique: \`--from=${stage.name}\` and \`--target ${stage.name}\` can only reach one of them.` }];
  });
});

export const reservedStageName = buildKitCheck('ReservedStageName', 'Reserved words should not be used as stage names.', ({ model }) =>
  model.stages
    .filter((stage) => stage.name !== undefined && stage.nameRange && RESERVED.has(stage.name.toLowerCase()))
    .map((stage) => ({
      range: stage.nameRange!,
      message: `Stage name should not use the same name as reserved stage "${stage.name!.toLowerCase()}": rename the stage.`,
    })),
);
