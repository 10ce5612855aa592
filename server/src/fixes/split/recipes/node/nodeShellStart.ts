// A shell-form CMD or ENTRYPOINT that uses the shell only to expand variables (`CMD npm run
// $NODE_ENV`): the runtime has no shell (distroless) or the split starts node itself, so the
// exec form writes the values in. That is the same command only when each value is known: an
// ENV of the Dockerfile (its value after the ARG defaults), which the container has unless
// `docker run -e` overrides it. A variable no ENV sets only has a value when the container
// starts: then the split declines and says to let the app read it from its environment.
import { shellToExecForm } from '../../../../core/commands';
import { Stage } from '../../../../core/stages';
import { Declined, decline } from '../../recipe';

/** `$NAME` and `${NAME}`: the only shell feature the exec form can stand in for. */
const PLAIN_VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
/** A value that stays one word, unchanged, where the shell expands it unquoted (no spaces, globs or quotes). */
const ONE_WORD = /^[A-Za-z0-9_.,:@%+=/-]+$/;

export interface ExpandedStart {
  keyword: 'CMD' | 'ENTRYPOINT';
  /** The command as written. */
  shellForm: string;
  words: string[];
  /** The variables written in, with their values. */
  values: [string, string][];
}

/**
 * The last CMD or ENTRYPOINT of the stage when it is shell form and needs the shell only for
 * variables the Dockerfile's ENVs set; a decline when a variable has no known value; undefined
 * when there is no such start command (exec form, plain words, or other shell features).
 */
export function expandedShellStart(stage: Stage, keyword: 'CMD' | 'ENTRYPOINT', env: ReadonlyMap<string, string>): ExpandedStart | Declined | undefined {
  const instruction = stage.instructions.filter((i) => i.getKeyword() === keyword).pop();
  const shellForm = (instruction?.getArgumentsContent() ?? '').trim();
  // In single quotes a `$` is literal: leave such a command to the generic message.
  if (!instruction || shellForm.startsWith('[') || !shellForm.includes('$') || shellForm.includes("'") || shellToExecForm(shellForm)) {
    return undefined;
  }
  // Anything but plain variables needs a shell still: the generic message covers it.
  if (shellToExecForm(shellForm.replace(PLAIN_VARIABLE, 'x')) === undefined) {
    return undefined;
  }
  return expandShellStart(keyword, shellForm, env);
}

/** The exec-form words of a shell-form command whose only shell feature is variables, or why not. */
export function expandShellStart(keyword: 'CMD' | 'ENTRYPOINT', shellForm: string, env: ReadonlyMap<string, string>): ExpandedStart | Declined | undefined {
  if (shellForm.includes("'") || shellToExecForm(shellForm.replace(PLAIN_VARIABLE, 'x')) === undefined) {
    return undefined;
  }
  const values: [string, string][] = [];
  for (const match of shellForm.matchAll(PLAIN_VARIABLE)) {
    const name = match[1] ?? match[2];
    const value = env.get(name);
    if (value === undefined || value.includes('$')) {
      return decline(`The shell-form ${keyword} expands $${name}, which no ENV of the Dockerfile sets to a known value: it only has one when the container starts, and the runtime has no shell to expand it. Have the app read ${name} from its environment (process.env.${name}) and write the ${keyword} in exec form (["node", "server.js"]), then split.`);
    }
    if (!ONE_WORD.test(value)) {
      return decline(`The shell-form ${keyword} expands $${name}, whose value (${value}) the shell would split into words or match as a pattern; write the ${keyword} in exec form with the words it means, then split.`);
    }
    if (!values.some(([known]) => known === name)) {
      values.push([name, value]);
    }
  }
  const words = shellToExecForm(shellForm.replace(PLAIN_VARIABLE, (_, braced: string | undefined, bare: string | undefined) => env.get(braced ?? bare ?? '') ?? ''));
  return words ? { keyword, shellForm, words, values } : undefined;
}

/** Says which values the exec form wrote in, and what no longer changes them. */
export function expandedStartNotes(start: ExpandedStart | undefined, envFromArgs: ReadonlyMap<string, string[]>): string[] {
  if (!start) {
    return [];
  }
  const values = start.values.map(([name, value]) => `${name}=${value}`).join(', ');
  const names = start.values.map(([name]) => name);
  const args = [...new Set(names.flatMap((name) => envFromArgs.get(name) ?? []))];
  const plural = names.length > 1 ? 's' : '';
  return [
    `The shell-form ${start.keyword} \`${start.shellForm}\` used the shell to expand ${values} (the ENV${plural} of the Dockerfile): the exec form has the value${plural} written in, so \`docker run -e ${names[0]}=...\`${args.length > 0 ? ` or --build-arg ${args.join(', ')}` : ''} no longer changes the start command; change the ${start.keyword} with ${names.length > 1 ? 'them' : 'it'}.`,
  ];
}
