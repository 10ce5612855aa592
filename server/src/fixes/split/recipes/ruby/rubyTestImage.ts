// A Ruby test image on the app's own image (huginn's docker/test: FROM its huginn image, Chrome and
// chromedriver added, RAILS_ENV=test, `bundle exec rake`): it installs no gems, so the app and its
// gems come with the base, and it runs the test suite, which needs what a runtime stage would
// leave out. Recognised by its start and its test environment, to say so instead of nothing.
import { Stage, resolveBaseImage } from '../../../../core/stages';
import { Declined, declineNothingToBuild } from '../../recipe';
import { StageScan, lastStarts } from '../shared/stageScan';

/** The environment variables Rails and Rack read to pick their environment. */
const ENVIRONMENT_VARIABLES = ['RAILS_ENV', 'RACK_ENV'];
/** Test runners, started directly or through `bundle exec`. */
const TEST_RUNNER = /^(rake|rspec|cucumber|minitest|rails)$/;

/** Why a stage that runs a Ruby test suite on an image holding the app is not split, or undefined. */
export function rubyTestImageDecline(stage: Stage, scan: StageScan): Declined | undefined {
  const variable = ENVIRONMENT_VARIABLES.find((name) => scan.env.get(name) === 'test');
  const starts = lastStarts(scan);
  const words = starts.cmd?.words ?? starts.entrypoint?.words ?? [];
  const runner = words[0] === 'bundle' && words[1] === 'exec' ? words.slice(2) : words;
  const installs = scan.commands.some(({ args }) => (args[0] === 'bundle' || args[0] === 'gem') && args[1] === 'install');
  if (variable === undefined || !TEST_RUNNER.test(runner[0] ?? '') || installs) {
    return undefined;
  }
  const { base } = resolveBaseImage(stage);
  const image = base.kind === 'image' ? base.image.text : stage.baseText;
  return declineNothingToBuild(`This is a test image: it runs the test suite (\`${words.join(' ')}\` with ${variable}=test) on \`${image}\`, which must already hold the app and its gems (nothing here installs them), and only adds what the tests need. A builder stage would have nothing to build, and the tests need their tools when they run. Split the Dockerfile that builds \`${image}\` instead.`);
}
