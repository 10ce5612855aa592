// The commands a stage's container starts, read from its effective ENTRYPOINT and CMD.
import { Instruction } from 'dockerfile-ast';
import { isExecForm } from '../core/commands';
import { DocumentText, SimpleCommand, commandsOf } from './shellCommands';

/**
 * The commands the container starts: those of ENTRYPOINT and CMD each, and, when both are exec
 * form, the entrypoint's words followed by the CMD's (`ENTRYPOINT ["python"]` + `CMD ["manage.py", "runserver"]`).
 */
export function startCommands(entrypoint: Instruction | undefined, cmd: Instruction | undefined, doc: DocumentText, escape: string): SimpleCommand[] {
  const fromEntrypoint = entrypoint ? commandsOf(entrypoint, doc, escape) : [];
  const fromCmd = cmd ? commandsOf(cmd, doc, escape) : [];
  const commands = [...fromEntrypoint, ...fromCmd];
  if (entrypoint && cmd && isExecForm(entrypoint) && isExecForm(cmd) && fromEntrypoint.length === 1 && fromCmd.length > 0) {
    commands.push({ ...fromEntrypoint[0], words: [...fromEntrypoint[0].words, ...fromCmd[0].words] });
  }
  return commands;
}
