import { Arg, Env, Instruction, Run } from 'dockerfile-ast';
import { Stage, StageModel, inheritedInstructions } from '../core/stages';
import { BuildToolHit, buildToolHits, isDevelopmentStageName } from './buildTools';
import { moveInstallToBuilderFix } from './moveToBuilder';
import { Rule, RuleResult } from './rule';
import { SimpleCommand, commandsOf, documentText } from './shellCommands';
import { startCommand } from './shellless';
import { stageImage } from './support';

export const buildToolsInRuntime: Rule = {
  id: 'build-tools-in-runtime',
  description: 'The runtime stage installs compilers or dev packages, or builds: that work belongs in the builder.',
  defaultSeverity: 'warning',
  productionOnly: true,
  check({ model, runtimeStage, text }) {
    if (!runtimeStage || !checksRuntimeInstalls(model, runtimeStage)) {
      return [];
    }
    // No RUN of its own: nothing to look at (and no offsets table of a large document to build).
    if (!runtimeStage.instructions.some((instruction) => instruction instanceof Run)) {
      return [];
    }
    const doc = documentText(text);
    const escape = model.dockerfile.getEscapeCharacter();
    const results: RuleResult[] = [];
    const own = new Set(runtimeStage.instructions);
    let nodeEnv = false; // `ENV NODE_ENV=production` (or ARG) so far, in the stage or its chain
    for (const instruction of inheritedInstructions(runtimeStage)) {
      nodeEnv = nodeEnvAfter(instruction, nodeEnv);
      if (!(instruction instanceof Run) || !own.has(instruction)) {
        continue;
      }
      const commands = commandsOf(instruction, doc, escape);
      const nodeEnvProduction = nodeEnv || commands.some(exportsNodeEnvProduction);
      const hits: BuildToolHit[] = commands.flatMap((command) => buildToolHits(command, { nodeEnvProduction, siblings: commands }));
      const move = hits.length > 0 ? moveInstallToBuilderFix(model, runtimeStage, instruction, doc) : undefined;
      for (const hit of hits) {
        results.push({ range: doc.rangeOf(hit.start, hit.end), message: hit.message, fixes: move ? [move] : undefined });
      }
    }
    return results;
  },
};

/**
 * Whether this rule looks at the RUNs of the runtime stage (then it reports installs of dev
 * dependencies there too, and `dev-dependencies-in-runtime` leaves npm and bundle to it).
 */
export function checksRuntimeInstalls(model: StageModel, runtimeStage: Stage): boolean {
  // Single-stage builds are `single-stage-build`'s business.
  if (model.stages.length < 2 || isDevelopmentStageName(runtimeStage.name)) {
    return false;
  }
  if (stageImage(runtimeStage)?.lookup.kind === 'windows') {
    return false;
  }
  // No CMD or ENTRYPOINT anywhere: a base or tool image (golang, an SDK, a CI image), whose
  // purpose is to ship the tools.
  const { entrypoint, cmd } = startCommand(runtimeStage);
  return entrypoint !== undefined || cmd !== undefined;
}

/** Whether NODE_ENV is `production` after `instruction` (an ENV, or an ARG with a default). */
function nodeEnvAfter(instruction: Instruction, production: boolean): boolean {
  if (!(instruction instanceof Env || instruction instanceof Arg)) {
    return production;
  }
  const properties = instruction instanceof Env ? instruction.getProperties() : [instruction.getProperty()];
  for (const property of properties) {
    if (property?.getName() === 'NODE_ENV') production = property.getValue() === 'production';
  }
  return production;
}

function exportsNodeEnvProduction(command: SimpleCommand): boolean {
  return command.words[0]?.value === 'export' && command.words.some((w) => w.value === 'NODE_ENV=production');
}
