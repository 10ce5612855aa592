// BuildKit's build checks as Stagecraft rules. InvalidBaseImagePlatform (needs the registry) and
// the experimental InvalidDefinitionDescription are not here: see docs/rules/buildkit-checks.md.
import { Rule } from '../rule';
import { consistentInstructionCasing, fromAsCasing, stageNameCasing } from './casing';
import { copyIgnoredFile } from './copyIgnoredFile';
import { jsonArgsRecommended, secretsUsedInArgOrEnv } from './covered';
import { exposeInvalidFormat, exposeProtoCasing } from './expose';
import { invalidDefaultArgInFrom, undefinedArgInFrom } from './fromArgs';
import { legacyKeyValueFormat, maintainerDeprecated, multipleInstructionsDisallowed, noEmptyContinuation, workdirRelativePath } from './instructions';
import { fromPlatformFlagConstDisallowed, redundantTargetPlatform } from './platform';
import { duplicateStageName, reservedStageName } from './stageNames';
import { undefinedVar } from './undefinedVar';

export const BUILDKIT_RULES: readonly Rule[] = [
  consistentInstructionCasing,
  copyIgnoredFile,
  duplicateStageName,
  exposeInvalidFormat,
  exposeProtoCasing,
  fromAsCasing,
  fromPlatformFlagConstDisallowed,
  invalidDefaultArgInFrom,
  jsonArgsRecommended,
  legacyKeyValueFormat,
  maintainerDeprecated,
  multipleInstructionsDisallowed,
  noEmptyContinuation,
  redundantTargetPlatform,
  reservedStageName,
  secretsUsedInArgOrEnv,
  stageNameCasing,
  undefinedArgInFrom,
  undefinedVar,
  workdirRelativePath,
];

/** Every BuildKit check name, implemented here or not (for `# check=skip=` and foreign ids). */
export const BUILDKIT_CHECK_NAMES: readonly string[] = [...BUILDKIT_RULES.map((rule) => rule.id), 'InvalidBaseImagePlatform', 'InvalidDefinitionDescription'];
