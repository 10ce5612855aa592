// How the compose services that build this folder start the container (`command:`,
// `entrypoint:`): a command that runs a tool the split leaves in the builder (`poetry run`,
// `npm start` on distroless, `bash -c` without a shell) makes the split's image fail under the
// project's own compose file (review round 8: ProspectGeo's `bash -c "... poetry run python ..."`
// exited with 127). The split declines then, naming the command; the Dockerfile alone cannot
// show it. Without a readable compose file, a start through `poetry run` or `uv run` gets a note.
import { lookupImage } from '../../catalog/catalog';
import { parseImageReference } from '../../core/imageReference';
import { basename, streamOf } from '../../rules/shellCommands';
import { splitCommands } from '../../rules/shellWords';
import { BuildContext } from '../fix';
import { servicesBuiltHere, serviceValue } from './composeServices';
import { Declined, SplitPlan, decline } from './recipe';

/** Tools that build or develop: no runtime the split writes has them. */
const BUILD_TOOLS = /^(poetry|uv|uvx|pipenv|pdm|hatch|mvn|mvnw|gradle|gradlew|sbt|lein|go|cargo|rustc|gcc|make|composer|nodemon|ts-node|tsx)$/;
/** .NET SDK commands: the runtime images have `dotnet` to run a dll, not to build or run a project. */
const DOTNET_SDK_COMMANDS = /^(run|watch|build|test|ef|restore|publish)$/;
/** Programs the language images have and distroless does not. */
const NOT_IN_DISTROLESS = /^(sh|bash|ash|dash|npm|npx|yarn|pnpm|corepack|pip|pip3|bundle|rake|rails|php|composer|javac)$/;
const SHELL = /^(sh|bash|ash|dash)$/;

/** Why the split is not offered under the project's compose file, or undefined when its start commands still work. */
export function composeStartDecline(context: BuildContext | undefined, plan: SplitPlan): Declined | undefined {
  if (!context) {
    return undefined;
  }
  const reference = parseImageReference(plan.runtimeImage);
  const distroless = reference !== undefined && lookupImage(reference).facts.kind === 'distroless';
  for (const service of servicesBuiltHere(context)) {
    for (const key of ['entrypoint', 'command']) {
      const value = serviceValue(service, key);
      const missing = value === undefined ? undefined : missingProgram(value, distroless);
      if (value !== undefined && missing !== undefined) {
        const where = distroless ? 'distroless has no' : 'the runtime stage has no';
        return decline(`${service.file} (service ${service.name}) starts the container with \`${key}: ${value}\`, which runs \`${missing}\`, and ${where} ${missing} (${BUILD_TOOLS.test(missing) ? 'the split leaves it in the build stage' : 'no shell or package manager there'}). Change the ${key} to run the app itself as the Dockerfile's start does, then split.`);
      }
    }
  }
  return undefined;
}

/** A note when the original starts through a tool the split leaves behind and no compose file says who else calls it. */
export function leftToolStartNotes(context: BuildContext | undefined, startWords: string[] | undefined): string[] {
  const tool = startWords?.[0] !== undefined && /^(poetry|uv|pipenv|pdm)$/.test(basename(startWords[0])) && startWords[1] === 'run' ? basename(startWords[0]) : undefined;
  if (!tool || (context && servicesBuiltHere(context).length > 0)) {
    return [];
  }
  return [`The original starts through \`${tool} run\`, which stays in the build stage: a command from outside the Dockerfile (a compose file's command, a script, docker exec) that runs \`${tool} run …\` must run the program itself.`];
}

/** The first program the command runs that the runtime lacks: each command of it, and of a `sh -c` script. */
function missingProgram(value: string, distroless: boolean): string | undefined {
  for (const [first, second] of programsOf(commandWords(value))) {
    const program = basename(first ?? '');
    // By name, from PATH: a tool installed for the build. By path (`../node_modules/.bin/nodemon`),
    // it may be in a folder the runtime copies: not judged.
    const byName = first !== undefined && !first.includes('/');
    if ((byName && BUILD_TOOLS.test(program)) || (program === 'dotnet' && DOTNET_SDK_COMMANDS.test(second ?? '')) || (distroless && NOT_IN_DISTROLESS.test(program))) {
      return program === 'dotnet' ? `dotnet ${second}` : program;
    }
  }
  return undefined;
}

/**
 * The words of a compose `command:`: a flow list (`["npm", "start"]`) is the words themselves;
 * a string is split as a shell splits it (compose does the same), into its commands.
 */
function commandWords(value: string): string[][] {
  if (value.startsWith('[')) {
    const items = value.slice(1, value.endsWith(']') ? -1 : undefined).split(',').map((item) => item.trim().replace(/^(["'])(.*)\1$/, '$2')).filter((item) => item !== '');
    return [items];
  }
  return splitCommands(streamOf(value, 0, value.length)).map((command) => command.words.map((word) => word.value));
}

/** The commands' words, and those of the script each `sh -c` runs. */
function programsOf(commands: string[][]): string[][] {
  return commands.flatMap((words) => (words.length > 2 && SHELL.test(basename(words[0])) && words[1] === '-c'
    ? [words, ...programsOf(splitCommands(streamOf(words[2], 0, words[2].length)).map((command) => command.words.map((word) => word.value)))]
    : [words]));
}
