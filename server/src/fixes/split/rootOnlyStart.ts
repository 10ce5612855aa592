// Start commands that only work as root: `service redis-server start && ...`, nginx, Apache or
// supervisord as the container's program, cron, sshd. The split's runtime runs as uid 65532 with
// no init scripts (and mostly no shell), so they would fail at start: nginx cannot write
// /run/nginx.pid or create /var/lib/nginx/body, `service` needs /etc/init.d and root. The split
// declines with the reason instead of producing such an image. A start script is read from the
// build context when it is there, since `CMD ["./start.sh"]` often hides exactly these.
import { Instruction } from 'dockerfile-ast';
import { execFormWords, isExecForm } from '../../core/commands';
import { Stage } from '../../core/stages';
import { SHELLS, basename, streamOf } from '../../rules/shellCommands';
import { SimpleCommand, splitCommands } from '../../rules/shellWords';
import { BuildContext } from '../fix';

/** Programs that need root to start as a container's process (or that start others as root). */
const ROOT_ONLY: Record<string, string> = {
  service: 'runs an init script, which needs root and /etc/init.d',
  systemctl: 'needs systemd, which a container does not run',
  'rc-service': 'runs an init script, which needs root',
  nginx: 'writes /run/nginx.pid and /var/lib/nginx as root by default',
  apache2: 'binds port 80 and switches users, as root',
  apache2ctl: 'binds port 80 and switches users, as root',
  apachectl: 'binds port 80 and switches users, as root',
  httpd: 'binds port 80 and switches users, as root',
  supervisord: 'writes /var/run and /var/log/supervisor and starts its programs as root by default',
  cron: 'needs root to run jobs for users',
  crond: 'needs root to run jobs for users',
  sshd: 'needs root for logins',
  rsyslogd: 'writes /var/log and /dev/log as root',
  postfix: 'needs root for mail delivery',
};

/** Why the stage's start commands cannot run as the runtime's non-root user, or undefined. */
export function rootOnlyStart(stage: Stage, context: BuildContext | undefined): string | undefined {
  for (const instruction of stage.instructions.filter((i) => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT')) {
    const found = rootOnlyIn(startWords(instruction), context, 0);
    if (found) {
      return `The ${instruction.getKeyword()} runs ${found.via ? `${found.via}, which runs ` : ''}\`${found.command}\`: it ${ROOT_ONLY[found.program]}, and the split's runtime runs as a non-root user without init scripts. Run that service as its own container (or from its own image), then split.`;
    }
  }
  return undefined;
}

interface Found {
  program: string;
  command: string;
  via?: string;
}

/** The simple commands of a CMD/ENTRYPOINT, as word lists (a shell form is parsed as sh would). */
function startWords(instruction: Instruction): string[][] {
  if (isExecForm(instruction)) {
    const words = execFormWords(instruction);
    // `sh -c "..."`: the script is the command.
    if (SHELLS.test(words[0] ?? '') && words[1] === '-c' && words[2] !== undefined) {
      return commandsIn(words[2]);
    }
    return [words];
  }
  return commandsIn(instruction.getArgumentsContent() ?? '');
}

function commandsIn(script: string): string[][] {
  return splitCommands(streamOf(script, 0, script.length)).map((command: SimpleCommand) => command.words.map((word) => word.value));
}

function rootOnlyIn(commands: string[][], context: BuildContext | undefined, depth: number): Found | undefined {
  for (const words of commands) {
    const start = words[0] === 'exec' || words[0] === 'sudo' ? 1 : 0;
    const program = basename(words[start] ?? '');
    if (program in ROOT_ONLY && !/^-(v|V|t|h|-version|-help)$/.test(words[start + 1] ?? '')) {
      return { program, command: words.slice(start, start + 3).join(' ') };
    }
    // A start script from the build context: one level deep is where these hide.
    const script = depth === 0 ? scriptText(words, start, context) : undefined;
    if (script) {
      const found = rootOnlyIn(commandsIn(script.text), context, depth + 1);
      if (found) {
        return { ...found, via: script.name };
      }
    }
  }
  return undefined;
}

function scriptText(words: string[], start: number, context: BuildContext | undefined): { name: string; text: string } | undefined {
  const first = words[start] ?? '';
  const path = SHELLS.test(first) ? words[start + 1] : first;
  if (!context || path === undefined || !/\.sh$/.test(path)) {
    return undefined;
  }
  const name = basename(path);
  const text = context.readFile(path.replace(/^(\.\/|\/)+/, '')) ?? context.readFile(name);
  return text === undefined ? undefined : { name, text };
}
