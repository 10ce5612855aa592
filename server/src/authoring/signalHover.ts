// The hover on the shipped stage's CMD/ENTRYPOINT keyword when node or python runs as PID 1 in
// exec form: PID 1 gets no default action for SIGTERM, and distroless images have no init.
import { Instruction } from 'dockerfile-ast';
import { execFormWords, isExecForm } from '../core/commands';
import { Stage } from '../core/stages';
import { Range } from '../core/types';
import { startCommand } from '../rules/shellless';

const INTERPRETER = /^(node|nodejs|python[\d.]*)$/;

/** The note, or undefined when the hovered instruction does not start node/python as PID 1. */
export function pidOneNote(instruction: Instruction, runtimeStage: Stage): string | undefined {
  const { entrypoint, cmd, imageEntrypoint } = startCommand(runtimeStage);
  if (instruction !== entrypoint && instruction !== cmd) return undefined;
  let program: string | undefined;
  if (entrypoint) {
    program = isExecForm(entrypoint) ? execFormWords(entrypoint)[0] : undefined;
  } else if (cmd && isExecForm(cmd)) {
    // The official images' `docker-entrypoint.sh` ends in `exec "$@"`: the CMD becomes PID 1.
    const passesThrough = !imageEntrypoint || imageEntrypoint.length === 0 || /(^|\/)docker-entrypoint\.sh$/.test(imageEntrypoint[0]);
    program = passesThrough ? execFormWords(cmd)[0] : imageEntrypoint[0];
  }
  const name = program?.slice(program.lastIndexOf('/') + 1);
  if (!name || !INTERPRETER.test(name)) return undefined;
  const language = name.startsWith('python') ? 'Python' : 'Node';
  const handler = language === 'Node' ? "`process.on('SIGTERM', ...)`" : '`signal.signal(signal.SIGTERM, ...)`';
  return [
    `**${language} runs as PID 1.** The kernel gives PID 1 no default action for SIGTERM, so unless the app handles it, \`docker stop\` waits for the timeout and kills it; distroless images have no init to help.`,
    `Use \`docker run --init\` (Compose: \`init: true\`), \`tini\` as the entrypoint (\`ENTRYPOINT ["/tini", "--"]\`), or handle SIGTERM in the app (${handler}).`,
  ].join('\n\n');
}

export function keywordRange(instruction: Instruction): Range {
  return instruction.getInstructionRange();
}
