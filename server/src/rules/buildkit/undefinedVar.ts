// UndefinedVar: a `$VAR` that Docker expands at build time (COPY, ENV, WORKDIR...; not RUN, whose
// shell expands it) and that no ARG or ENV of the stage defines. The base image's environment is
// unknown offline (PATH, JAVA_HOME, NODE_VERSION...), so this is quiet unless sure: the stage
// starts from `scratch`, or the name is a near miss of one the stage defines (`$APP_DIRR`).
import { Arg, Env, Instruction } from 'dockerfile-ast';
import { Stage, baseImageOf } from '../../core/stages';
import { Range, rangeOf } from '../../core/types';
import { closestMatches } from '../editDistance';
import { allFacts, buildKitCheck } from './check';
import { AUTOMATIC_PLATFORM_ARGS } from './fromArgs';

/** Instructions whose arguments BuildKit expands itself. */
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'ARG', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** Build arguments every build has without an ARG line. */
const PREDEFINED = new Set([...AUTOMATIC_PLATFORM_ARGS, 'HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'ftp_proxy', 'no_proxy', 'all_proxy']);

/** `\$` (escaped), `${NAME}`, `${NAME:-word}` (group 2: the modifier) or `$NAME`. */
const REFERENCE = /\\\$|\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(:?[-+?][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

interface Reference {
  name: string;
  hasModifier: boolean;
  range: Range;
}

/**
 * The variables in an instruction's arguments, read from the lines. dockerfile-ast's
 * getVariables() resolves each one against every stage, which is quadratic on large files.
 */
function referencesIn(instruction: Instruction, lines: readonly string[]): Reference[] {
  const span = instruction.getArgumentsRange();
  if (!span) {
    return [];
  }
  const references: Reference[] = [];
  for (let line = span.start.line; line <= span.end.line; line++) {
    const text = lines[line] ?? '';
    const from = line === span.start.line ? span.start.character : 0;
    if (line > span.start.line && text.trimStart().startsWith('#')) {
      continue; // a comment line inside a continuation
    }
    const segment = text.slice(from, line === span.end.line ? span.end.character : text.length);
    for (const match of segment.matchAll(REFERENCE)) {
      const name = match[1] ?? match[3];
      if (name === undefined) {
        continue;
      }
      const start = from + (match.index ?? 0) + (match[1] !== undefined ? 2 : 1);
      references.push({ name, hasModifier: match[2] !== undefined, range: rangeOf(line, start, line, start + name.length) });
    }
  }
  return references;
}

function declaredNames(instruction: Instruction): string[] {
  return instruction instanceof Arg || instruction instanceof Env ? instruction.getProperties().map((property) => property.getName()) : [];
}

/** Whether BuildKit may expand a variable in the instruction (heredocs and single quotes keep `$` literal). */
function mayExpand(instruction: Instruction): boolean {
  const raw = instruction.getRawArgumentsContent() ?? '';
  return raw.includes('$') && !raw.includes('<<') && !raw.includes("'");
}

export const undefinedVar = buildKitCheck('UndefinedVar', 'Variables should be defined before their use.', ({ model, lines }) => {
  // Usually no instruction of a stage that BuildKit expands has a `$`: no scopes to build.
  if (!allFacts(model).some(({ instruction, keyword, stage }) => stage !== undefined && EXPANDED.has(keyword) && mayExpand(instruction))) {
    return [];
  }
  const scopes = new Map<Stage, Set<string>>();
  return model.stages.flatMap((stage) => {
    const scope = new Set<string>(stage.base.kind === 'stage' ? (scopes.get(stage.base.stage) ?? []) : []);
    const base = baseImageOf(stage);
    const fromScratch = base.kind === 'image' && base.image.repository === 'scratch';
    // Every name the stage defines anywhere, for near-miss suggestions (read once, when needed).
    let defined: string[] | undefined;
    const results = [];
    for (const instruction of stage.instructions) {
      const names = declaredNames(instruction);
      names.forEach((name) => scope.add(name));
      if (!EXPANDED.has(instruction.getKeyword())) {
        continue;
      }
      if (!mayExpand(instruction)) {
        continue;
      }
      for (const variable of referencesIn(instruction, lines)) {
        const name = variable.name;
        if (variable.hasModifier || scope.has(name) || PREDEFINED.has(name) || name === '') {
          continue;
        }
        defined ??= [...(stage.base.kind === 'stage' ? (scopes.get(stage.base.stage) ?? []) : []), ...stage.instructions.flatMap(declaredNames)];
        const later = defined.includes(name);
        const suggestion = later ? undefined : closestMatches(name, defined.filter((candidate) => candidate !== name))[0];
        if (!fromScratch && !suggestion && !later) {
          continue; // the base image may set it
        }
        results.push({
          range: variable.range,
          message: `Usage of undefined variable '$${name}'${suggestion ? ` (did you mean $${suggestion}?)` : ''}: ${later ? 'the stage defines it only further down' : 'no ARG or ENV of this stage defines it'}${fromScratch ? ' and the stage starts from scratch' : ''}, so it expands to an empty string.`,
        });
      }
    }
    scopes.set(stage, scope);
    return results;
  });
});
