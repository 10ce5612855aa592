// `FROM --platform=` values BuildKit warns about: a constant platform (the file then builds for
// one platform only) and `$TARGETPLATFORM` (the default already).
import { buildKitCheck } from './check';

export const fromPlatformFlagConstDisallowed = buildKitCheck('FromPlatformFlagConstDisallowed', 'FROM --platform flag should not use a constant value.', ({ model }) => {
  const results = [];
  for (const stage of model.stages) {
    const flag = stage.from.getPlatformFlag();
    const value = flag?.getValue();
    if (!flag || !value || value.includes('$')) {
      continue;
    }
    // A stage named for its platform (`build_amd64`) is meant for that one platform.
    const name = stage.name?.toLowerCase() ?? '';
    const parts = value.toLowerCase().split(/[/,]/).filter((part) => part !== '');
    if (name !== '' && parts.some((part) => name.includes(part))) {
      continue;
    }
    results.push({
      range: flag.getValueRange() ?? flag.getRange(),
      message: `FROM --platform flag should not use constant value "${value}": the image can then only be built for that platform. Leave the flag out (\`docker build --platform\` chooses), use $BUILDPLATFORM for a cross-compiling builder, or name the stage for the platform.`,
    });
  }
  return results;
});

const TARGET_PLATFORM = /^\$(\{TARGETPLATFORM\}|TARGETPLATFORM)$/;

export const redundantTargetPlatform = buildKitCheck('RedundantTargetPlatform', 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior.', ({ model }) => {
  const results = [];
  for (const stage of model.stages) {
    const flag = stage.from.getPlatformFlag();
    const value = flag?.getValue();
    if (!flag || !value || !TARGET_PLATFORM.test(value)) continue;
    results.push({ range: flag.getRange(), message: `Setting platform to predefined ${value} in FROM is redundant as this is the default behavior: remove --platform=${value}.` });
  }
  return results;
});
