// "Run the start script with node": for `package-manager-as-init`, turns `CMD ["npm", "start"]`
// (or `CMD npm start`, `yarn start`, `npm run serve`) into `CMD ["node", "server.js"]` when the
// build context's package.json shows the script is a plain `node <file> [args]`. Anything else in
// the script (other programs, `&&`, variables, pre/post hooks) has no clear replacement.
import { Instruction } from 'dockerfile-ast';
import { stageAt } from '../authoring/cursorContext';
import { formatExecForm } from '../core/commands';
import { packageManagerStartOf } from '../rules/packageManagerStarts';
import { basename, commandStart, commandsOf, documentText } from '../rules/shellCommands';
import { startCommand } from '../rules/shellless';
import { BuildContext, FixContext, FixResult, fixFromPlan } from './fix';

export const runScriptWithNode = fixFromPlan(
  {
    id: 'run-script-with-node',
    title: 'Run the script with node directly',
    forRules: ['package-manager-as-init'],
    isPreferred: true,
  },
  planReplacement,
);

function planReplacement({ model, text, buildContext, range }: FixContext): FixResult | string {
  const line = range?.start.line ?? -1;
  const stage = stageAt(model, line);
  const instruction = stage?.instructions.find((i) => i.getRange().start.line <= line && i.getRange().end.line >= line);
  if (!stage || !instruction || !['CMD', 'ENTRYPOINT'].includes(instruction.getKeyword())) return 'No start command here.';
  const doc = documentText(text);
  const commands = commandsOf(instruction, doc, model.dockerfile.getEscapeCharacter());
  const hit = commands.length === 1 && commands[0].assignments.length === 0 ? packageManagerStartOf(commands[0]) : undefined;
  if (!hit || hit.first !== commands[0].words[0]) return 'The command does more than start a package.json script; rewrite it by hand.';
  const script = scriptCommand(buildContext, hit.script);
  if (typeof script === 'string') return script;
  let words = [...script, ...hit.extraArguments];
  // Images whose entrypoint is node itself (distroless nodejs) take only the script in CMD.
  const { entrypoint, imageEntrypoint } = startCommand(stage);
  if (instruction.getKeyword() === 'CMD' && !entrypoint && imageEntrypoint?.length === 1 && /^node(js)?$/.test(basename(imageEntrypoint[0]))) {
    words = words.slice(1);
  }
  const start = commandStart(instruction);
  if (!start) return 'No start command here.';
  return {
    title: `Run \`${words.join(' ')}\` directly (the \`${hit.script}\` script of package.json)`,
    edits: [{ range: { start: start.start, end: endOfArguments(instruction) }, newText: formatExecForm(words) }],
  };
}

/** The words of a `node <file> [args]` script, or why there is no clear replacement. */
function scriptCommand(buildContext: BuildContext | undefined, name: string): string[] | string {
  if (!buildContext) return 'The build context is not readable here (an unsaved or remote file), so the script is not known.';
  const manifest = parsePackageJson(buildContext.readFile('package.json'));
  if (!manifest) return 'There is no readable package.json at the root of the build context.';
  if (manifest.workspaces !== undefined) return 'package.json declares workspaces: which package the script belongs to is not clear.';
  const scripts = manifest.scripts ?? {};
  const script = scripts[name];
  if (typeof script !== 'string') return `package.json has no \`${name}\` script.`;
  if (typeof scripts[`pre${name}`] === 'string' || typeof scripts[`post${name}`] === 'string') {
    return `package.json runs \`pre${name}\`/\`post${name}\` around it; move that work into the build or the app first.`;
  }
  // Plain words only: quotes, variables, `&&`, redirections or globs need a shell.
  if (/["'`$&|;<>(){}*?~\\]/.test(script)) return `The \`${name}\` script needs a shell (\`${script}\`); run its command by hand.`;
  const words = script.trim().split(/\s+/);
  if (words[0] !== 'node' || words.length < 2 || words.some((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w))) {
    return `The \`${name}\` script is not \`node <file>\` (\`${script}\`); run its command by hand.`;
  }
  return words;
}

interface PackageJson {
  scripts?: Record<string, unknown>;
  workspaces?: unknown;
}

function parsePackageJson(text: string | undefined): PackageJson | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as PackageJson) : undefined;
  } catch {
    return undefined;
  }
}

/** The end of an instruction's arguments (its range ends there too). */
function endOfArguments(instruction: Instruction) {
  const args = instruction.getArguments();
  return args.length > 0 ? args[args.length - 1].getRange().end : instruction.getRange().end;
}
