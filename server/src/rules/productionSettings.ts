// Production settings a runtime should carry: `NODE_ENV=production` for a Node app (Express and
// many libraries cache and log less with it), `PYTHONUNBUFFERED=1` for a Python app (its logs
// reach `docker logs` as they are written, not when a buffer fills). Only the shipped stage:
// `NODE_ENV=production` in a builder makes `npm ci` drop the devDependencies tsc and bundlers need.
import { Env, Instruction } from 'dockerfile-ast';
import { Stage, inheritedInstructions } from '../core/stages';
import { Position } from '../core/types';
import { RuleResult } from './rule';
import { DocumentText, SimpleCommand, basename, programIndex } from './shellCommands';

const NODE_PROGRAMS = /^(node|nodejs|pm2-runtime)$/;
const PYTHON_PROGRAMS = /^(python[\d.]*|gunicorn|uvicorn|hypercorn|daphne|celery|streamlit|granian)$/;

/**
 * Information findings for the missing settings, on the start command's program, each with a
 * fix that adds the ENV line before the stage's start instruction.
 */
export function missingProductionSettings(stage: Stage, commands: readonly SimpleCommand[], imageEntrypoint: readonly string[] | undefined, doc: DocumentText): RuleResult[] {
  // A bare `CMD ["node"]` or `CMD ["python3"]` is a base image's REPL, not an app.
  const programs = commands.map((command) => ({ command, index: programIndex(command) })).filter(({ command, index }) => command.words[index] !== undefined && command.words.length > index + 1);
  // The image's own entrypoint is the interpreter (distroless): CMD names the script.
  const imageProgram = imageEntrypoint?.[0] !== undefined && commands.length > 0 ? basename(imageEntrypoint[0]) : undefined;
  const runs = (pattern: RegExp) => programs.find(({ command, index }) => pattern.test(basename(command.words[index].value)));
  const node = runs(NODE_PROGRAMS);
  const runsNode = node !== undefined || (imageProgram !== undefined && NODE_PROGRAMS.test(imageProgram));
  const python = runs(PYTHON_PROGRAMS);
  const runsPython = python !== undefined || (imageProgram !== undefined && /^python/.test(imageProgram));
  // Cheap first: most start commands run neither, and then nothing below is needed.
  if (!runsNode && !runsPython) return [];
  const env = new Set<string>();
  for (const instruction of inheritedInstructions(stage)) {
    if (instruction instanceof Env) instruction.getProperties().forEach((p) => env.add(p.getName()));
  }
  const setsInline = (name: string) => commands.some((c) => [...c.assignments, ...c.words].some((w) => w.value.startsWith(`${name}=`)));
  const results: RuleResult[] = [];
  const insertAt = insertionPoint(stage, doc);
  const report = (found: { command: SimpleCommand; index: number } | undefined, message: string, line: string) => {
    const word = found?.command.words[found.index];
    const range = word ? doc.rangeOf(word.start, word.end) : stage.from.getRange();
    results.push({ range, message, severity: 'information', fixes: insertAt ? [{ title: `Add \`${line}\` before the start command`, edits: [{ range: { start: insertAt, end: insertAt }, newText: `${line}\n` }] }] : undefined });
  };
  if (runsNode && !env.has('NODE_ENV') && !setsInline('NODE_ENV')) {
    report(node, 'The shipped image runs Node without `NODE_ENV=production`: Express and many libraries then skip their production behaviour (view caching, less verbose errors). Set it here, in the runtime stage only (in a builder it makes `npm ci` drop the devDependencies the build needs).', 'ENV NODE_ENV=production');
  }
  const unbuffered = programs.some(({ command }) => command.words.some((w) => w.value === '-u'));
  if (runsPython && !env.has('PYTHONUNBUFFERED') && !setsInline('PYTHONUNBUFFERED') && !unbuffered) {
    const both = !env.has('PYTHONDONTWRITEBYTECODE');
    report(
      python,
      `The shipped image runs Python without \`PYTHONUNBUFFERED=1\`: its output is buffered, so logs reach \`docker logs\` late or are lost when the container is killed${both ? ' (`PYTHONDONTWRITEBYTECODE=1` also keeps the app from writing `.pyc` files at run time)' : ''}.`,
      both ? 'ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1' : 'ENV PYTHONUNBUFFERED=1',
    );
  }
  return results;
}

/** The start of the stage's first own CMD/ENTRYPOINT line, or after its last instruction. */
function insertionPoint(stage: Stage, doc: DocumentText): Position | undefined {
  const start = stage.instructions.find((i: Instruction) => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT');
  if (start) return { line: start.getRange().start.line, character: 0 };
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  const end = doc.offsetAt(last.getRange().end);
  // After the last instruction's line break; a file without a final newline gets one first.
  const lineEnd = /\r?\n|\r/.exec(doc.text.slice(end));
  return lineEnd ? doc.positionAt(end + lineEnd.index + lineEnd[0].length) : undefined;
}
