// Shell-form start commands of Python apps that use the shell only to expand a variable, such as
// Cloud Run's `exec gunicorn --bind :$PORT --workers 1 app:app`. Without a shell (distroless) the
// variable cannot be expanded; for gunicorn it need not be: when PORT is set, gunicorn's default
// bind is 0.0.0.0:$PORT (benoitc/gunicorn gunicorn/config.py, class Bind, since 0.16 in 2012), and
// `:$PORT` binds every interface too (util.parse_address: an empty host), so dropping the option
// keeps the address. Other servers (uvicorn, hypercorn...) read no PORT: their `$PORT` needs a shell.
import { shellToExecForm } from '../../../../core/commands';

/** Characters that make a command more than one simple command with words and `$NAME`s. */
const SHELL_OPERATORS = /[`|&;<>(){}*?[\]~\\!#"'$]/;
const VARIABLE = /\$(\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)/g;
/** `--bind :$PORT`, `-b 0.0.0.0:${PORT}`: the address gunicorn binds by default when PORT is set. */
const PORT_ADDRESS = /^(0\.0\.0\.0)?:\$(PORT|\{PORT\})$/;
const BIND_OPTIONS = new Set(['-b', '--bind']);

/** The words of a shell-form command that is one simple command (`$NAME`s kept), without a leading `exec`. */
export function simpleCommandWords(shellForm: string): string[] | undefined {
  if (SHELL_OPERATORS.test(shellForm.replace(VARIABLE, 'v')) || /^\s*[A-Za-z_]\w*=/.test(shellForm)) {
    return undefined;
  }
  const words = shellForm.trim().split(/\s+/).filter((word) => word !== '');
  if (words[0] === 'exec') {
    words.shift();
  }
  return words.length > 0 ? words : undefined;
}

/**
 * Exec words for a shell-form start command: the plain ones as written, and gunicorn with its one
 * `--bind :$PORT` dropped (see above). Undefined when any other word needs the shell.
 */
export function shellStartWords(shellForm: string): string[] | undefined {
  return shellToExecForm(shellForm) ?? gunicornWithoutPortBind(shellForm);
}

/** Whether exec words came from dropping gunicorn's `--bind :$PORT` (the runtime then needs PORT). */
export function dropsPortBind(shellForm: string): boolean {
  return shellToExecForm(shellForm) === undefined && gunicornWithoutPortBind(shellForm) !== undefined;
}

function gunicornWithoutPortBind(shellForm: string): string[] | undefined {
  const words = simpleCommandWords(shellForm);
  const start = words?.[0] === 'gunicorn' ? 1 : /^python3?$/.test(words?.[0] ?? '') && words?.[1] === '-m' && words[2] === 'gunicorn' ? 3 : undefined;
  if (!words || start === undefined) {
    return undefined;
  }
  const kept = words.slice(0, start);
  let binds = 0;
  for (let i = start; i < words.length; i++) {
    const [option, inline] = words[i].startsWith('--') ? words[i].split(/=(.*)/s) : [words[i]];
    if (BIND_OPTIONS.has(option)) {
      const address = inline ?? words[++i] ?? '';
      if (!PORT_ADDRESS.test(address)) {
        return undefined;
      }
      binds++;
    } else if (/^(-c|--config)$/.test(option)) {
      return undefined; // a config file may bind elsewhere once the option is gone
    } else {
      kept.push(words[i]);
    }
  }
  return binds === 1 && !kept.some((word) => word.includes('$')) ? kept : undefined;
}
