// UndefinedVar: a `$VAR` that Docker expands at build time (COPY, ENV, WORKDIR...; not RUN, whose
// shell expands it) and that no ARG or ENV of the stage defines. The base image's environment is
// unknown offline (PATH, JAVA_HOME, NODE_VERSION...), so this is quiet unless sure: the stage
// starts from `scratch`, or the name is a near miss of one the stage defines (`$APP_DIRR`).
import { Arg, Env, Instruction } from 'dockerfile-ast';
import { Stage, baseImageOf } from '../../core/stages';
import { closestMatches } from '../editDistance';
import { buildKitCheck } from './check';
import { AUTOMATIC_PLATFORM_ARGS } from './fromArgs';

/** Instructions whose arguments BuildKit expands itself. */
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'ARG', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** Build arguments every build has without an ARG line. */
const PREDEFINED = new Set([...AUTOMATIC_PLATFORM_ARGS, 'HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'ftp_proxy', 'no_proxy', 'all_proxy']);

function declaredNames(instruction: Instruction): string[] {
  return instruction instanceof Arg || instruction instanceof Env ? instruction.getProperties().map((property) => property.getName()) : [];
}

export const undefinedVar = buildKitCheck('UndefinedVar', 'Variables should be defined before their use.', ({ model }) => {
  const scopes = new Map<Stage, Set<string>>();
  return model.stages.flatMap((stage) => {
    const scope = new Set<string>(stage.base.kind === 'stage' ? (scopes.get(stage.base.stage) ?? []) : []);
    const base = baseImageOf(stage);
    const fromScratch = base.kind === 'image' && base.image.repository === 'scratch';
    // Every name the stage defines anywhere, for near-miss suggestions.
    const defined = [...scope, ...stage.instructions.flatMap(declaredNames)];
    const results = [];
    for (const instruction of stage.instructions) {
      const names = declaredNames(instruction);
      names.forEach((name) => scope.add(name));
      const raw = instruction.getRawArgumentsContent() ?? '';
      if (!EXPANDED.has(instruction.getKeyword()) || raw.includes('<<') || raw.includes("'")) {
        continue; // heredocs and single quotes keep `$` literal
      }
      for (const variable of instruction.getVariables()) {
        const name = variable.getName();
        if (variable.getModifier() !== null || scope.has(name) || PREDEFINED.has(name) || name === '') {
          continue;
        }
        const suggestion = closestMatches(name, defined.filter((candidate) => candidate !== name))[0];
        if (!fromScratch && !suggestion) {
          continue; // the base image may set it
        }
        results.push({
          range: variable.getNameRange(),
          message: `Usage of undefined variable '$${name}'${suggestion ? ` (did you mean $${suggestion}?)` : ''}: no ARG or ENV of this stage defines it${fromScratch ? ' and the stage starts from scratch' : ''}, so it expands to an empty string.`,
        });
      }
    }
    scopes.set(stage, scope);
    return results;
  });
});
