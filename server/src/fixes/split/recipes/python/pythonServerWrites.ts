// What a Python app server writes at run time, read from its start command and the config file it
// names or reads by default: gunicorn's pidfile, logs, worker temp folder and unix socket
// (docs.gunicorn.org "Settings"; `./gunicorn.conf.py` is read when no -c is given, since 20.0),
// uWSGI's pidfile, logto, daemonize and socket (uwsgi-docs "Configuration options"; `%d` is the
// config file's folder), uvicorn's --uds. `-` is stdout or stderr, not a file.
import { resolvePath } from '../../../../rules/buildArtifacts';
import { basename } from '../../../../rules/shellCommands';
import { WriteKind, WritesFound } from '../shared/runTimeWrites';
import { PythonNames, PythonValue, assignments, evaluatePath, withoutComment } from './pythonValues';

type Server = 'gunicorn' | 'uwsgi' | 'uvicorn';

/** A setting that names a path: what is written there. `bind`/`socket` only count for unix sockets. */
interface PathSetting {
  kind: WriteKind;
  /** A pidfile named by a flag may move to /tmp (nothing else in the image reads it). */
  pid?: boolean;
  socket?: boolean;
}

/** gunicorn settings by config-file name, and the flags that set them. */
const GUNICORN: Record<string, PathSetting & { flags: string[] }> = {
  pidfile: { kind: 'file', pid: true, flags: ['-p', '--pid'] },
  accesslog: { kind: 'log', flags: ['--access-logfile'] },
  errorlog: { kind: 'log', flags: ['--error-logfile', '--log-file'] },
  worker_tmp_dir: { kind: 'folder', flags: ['--worker-tmp-dir'] },
  bind: { kind: 'file', socket: true, flags: ['-b', '--bind'] },
};
/** uWSGI options (flags are `--name`, ini keys `name`). */
const UWSGI: Record<string, PathSetting> = {
  pidfile: { kind: 'file', pid: true },
  pidfile2: { kind: 'file', pid: true },
  'safe-pidfile': { kind: 'file', pid: true },
  logto: { kind: 'log' },
  logto2: { kind: 'log' },
  daemonize: { kind: 'log' },
  socket: { kind: 'file', socket: true },
  'uwsgi-socket': { kind: 'file', socket: true },
  'http-socket': { kind: 'file', socket: true },
  stats: { kind: 'file', socket: true },
};
const UWSGI_SHORT: Record<string, string> = { '-s': 'socket' };

export interface StartInput {
  /** The start command's words (ENTRYPOINT then CMD); undefined when unknown. */
  words?: string[];
  /** Where the start command runs (the WORKDIR). */
  appDir: string;
  env: Map<string, string>;
  /** The text of a file in the image, from the build context; undefined when absent (or no context). */
  readFile?(imagePath: string): { path: string; text: string } | undefined;
}

export interface ServerWrites extends WritesFound {
  server?: Server;
  /** Start-command words with the moved pidfiles pointed elsewhere. */
  movePidfiles(words: string[], moved: Map<string, string>): string[];
}

/** The server the words start, and where its arguments begin. */
export function serverOf(words: string[]): { server: Server; start: number } | undefined {
  for (let i = 0; i < words.length; i++) {
    const name = basename(words[i]).toLowerCase();
    const server = name === 'gunicorn' || name === 'uwsgi' || name === 'uvicorn' ? name : undefined;
    // the program itself, `python -m gunicorn`, or behind wrappers (`poetry run`, `ddtrace-run`)
    if (server && (words[i - 1] === '-m' || words.slice(0, i).every((word) => !word.startsWith('-') && !/\.py$|python/.test(word)))) {
      return { server, start: i + 1 };
    }
  }
  return undefined;
}

export function serverWrites(input: StartInput): ServerWrites {
  const found: ServerWrites = { writes: [], unknowns: [], read: [], movePidfiles: (words) => words };
  if (!input.words) {
    return found;
  }
  found.read.push('the start command');
  const located = serverOf(input.words);
  if (!located) {
    return found;
  }
  found.server = located.server;
  const args = input.words.slice(located.start);
  if (located.server === 'gunicorn') {
    gunicorn([...(input.env.get('GUNICORN_CMD_ARGS') ?? '').split(/\s+/).filter((word) => word !== ''), ...args], input, found);
  } else if (located.server === 'uwsgi') {
    uwsgi(args, input, found);
  } else {
    const uds = flagValues(args, ['--uds'], []).at(-1);
    if (uds !== undefined) {
      found.writes.push({ path: resolvePath(input.appDir, uds.value), kind: 'file', evidence: `--uds ${uds.value}` });
    }
  }
  return found;
}

/** gunicorn: the config file's settings, then the flags, which win. */
function gunicorn(args: string[], input: StartInput, found: ServerWrites): void {
  const valued = Object.values(GUNICORN).flatMap((setting) => setting.flags).concat(['-c', '--config', '--chdir']);
  const flags = flagValues(args, valued, GUNICORN_VALUE_FLAGS);
  const chdir = flags.filter((flag) => flag.flag === '--chdir').at(-1)?.value;
  const configFlag = flags.filter((flag) => flag.flag === '-c' || flag.flag === '--config').at(-1)?.value;
  const settings = new Map<string, { value: PythonValue; evidence: string; movable: boolean }>();
  const config = configFlag?.startsWith('python:') ? undefined : (configFlag ?? 'gunicorn.conf.py').replace(/^file:/, '');
  const configPath = config && resolvePath(input.appDir, config);
  const file = configPath ? input.readFile?.(configPath) : undefined;
  let cwd = resolvePath(input.appDir, chdir ?? '.');
  if (file && configPath) {
    found.read.push(file.path);
    const scope: PythonNames = { names: new Map([['__file__', configPath]]), env: input.env };
    for (const { name, expression } of assignments(file.text)) {
      const value = evaluatePath(expression, scope);
      if (typeof value === 'string') {
        scope.names.set(name, value);
      }
      if (name === 'chdir' && chdir === undefined && typeof value === 'string') {
        cwd = resolvePath(input.appDir, value);
      }
      if (name in GUNICORN) {
        const bindUnknown = name === 'bind' && value === undefined && !/unix:/.test(expression);
        settings.set(name, { value: bindUnknown ? null : value, evidence: `${name} in ${file.path}`, movable: false });
        if (name === 'bind' && value === undefined && expression.startsWith('[')) {
          // a list of addresses: each literal one counts
          const binds = [...expression.matchAll(/(['"])(unix:[^'"]+)\1/g)].map((match) => match[2]);
          settings.set(name, { value: binds[0] ?? null, evidence: `${name} in ${file.path}`, movable: false });
        }
      }
    }
  } else if (configFlag && input.readFile) {
    found.unknowns.push(`gunicorn's config ${configFlag} is not in the build context, so the split cannot read what it writes`);
  }
  for (const [name, setting] of Object.entries(GUNICORN)) {
    const flag = flags.filter((value) => setting.flags.includes(value.flag)).at(-1);
    if (flag) {
      settings.set(name, { value: flag.value, evidence: `${flag.flag} ${flag.value}`, movable: setting.pid === true });
    }
  }
  for (const [name, { value, evidence, movable }] of settings) {
    const setting = GUNICORN[name];
    if (value === undefined) {
      found.unknowns.push(`the split cannot evaluate ${evidence}`);
    } else if (value !== null && value !== '-' && (!setting.socket || value.startsWith('unix:'))) {
      found.writes.push({ path: resolvePath(cwd, value.replace(/^unix:/, '')), kind: setting.kind, evidence, movable });
    }
  }
  found.movePidfiles = (words, moved) => replaceFlagValues(words, GUNICORN.pidfile.flags, cwd, moved);
}

/** gunicorn flags that take a value, so a value is never read as a flag or a config file. */
const GUNICORN_VALUE_FLAGS = ['-w', '--workers', '-k', '--worker-class', '-t', '--timeout', '--threads', '-u', '--user', '-g', '--group', '-n', '--name', '-e', '--env', '--log-level', '--access-logformat', '--graceful-timeout', '--keep-alive', '--max-requests', '--max-requests-jitter', '--backlog', '--forwarded-allow-ips', '--log-config', '--statsd-host', '--umask', '--paste', '--limit-request-line', '--limit-request-fields', '--limit-request-field_size'];

/** uWSGI: ini files (`--ini`, or a `.ini` operand), then the flags. */
function uwsgi(args: string[], input: StartInput, found: ServerWrites): void {
  const names = Object.keys(UWSGI);
  const options = [...names.map((name) => `--${name}`), '-s', '--ini', '--chdir'];
  const flags = flagValues(args, options, []);
  const values = new Map<string, { value: PythonValue; evidence: string; movable: boolean }>();
  let chdir = flags.filter((flag) => flag.flag === '--chdir').at(-1)?.value;
  const iniFiles = [...flags.filter((flag) => flag.flag === '--ini').map((flag) => flag.value), ...args.filter((arg) => /^[^-].*\.ini$/.test(arg)), ...(input.env.has('UWSGI_INI') ? [input.env.get('UWSGI_INI') as string] : [])];
  for (const ini of iniFiles) {
    const iniPath = resolvePath(input.appDir, ini.replace(/:[\w-]+$/, ''));
    const file = input.readFile?.(iniPath);
    if (!file) {
      if (input.readFile) {
        found.unknowns.push(`uWSGI's config ${ini} is not in the build context, so the split cannot read what it writes`);
      }
      continue;
    }
    found.read.push(file.path);
    const folder = `${iniPath.slice(0, iniPath.lastIndexOf('/'))}/`;
    for (const { key, value } of iniOptions(file.text)) {
      const expanded = value.replace(/%d/g, folder).replace(/\$\((\w+)\)/g, (whole, name: string) => input.env.get(name) ?? whole);
      const known = /[%$@]\(|%[a-zA-Z]/.test(expanded) ? undefined : expanded;
      if (key === 'chdir' && chdir === undefined && known) {
        chdir = known;
      } else if (key in UWSGI) {
        values.set(key, { value: known, evidence: `${key} in ${file.path}`, movable: false });
      }
    }
  }
  for (const flag of flags) {
    const name = UWSGI_SHORT[flag.flag] ?? flag.flag.replace(/^--/, '');
    if (name in UWSGI) {
      values.set(name, { value: flag.value, evidence: `${flag.flag} ${flag.value}`, movable: UWSGI[name].pid === true });
    }
  }
  const cwd = resolvePath(input.appDir, chdir ?? '.');
  for (const [name, { value, evidence, movable }] of values) {
    const setting = UWSGI[name];
    // a socket with a colon is TCP (`:3031`, `127.0.0.1:3031`); `=` sockets and `@` abstract ones are not files
    const tcp = setting.socket && typeof value === 'string' && (value.includes(':') || value.startsWith('@') || value.startsWith('='));
    if (value === undefined) {
      found.unknowns.push(`the split cannot evaluate ${evidence}`);
    } else if (value !== null && value !== '-' && !tcp) {
      found.writes.push({ path: resolvePath(cwd, value), kind: setting.kind, evidence, movable });
    }
  }
  found.movePidfiles = (words, moved) => replaceFlagValues(words, ['--pidfile', '--pidfile2', '--safe-pidfile'], cwd, moved);
}

/** `key = value` lines of an ini file's `[uwsgi]` section. */
function iniOptions(text: string): { key: string; value: string }[] {
  const options: { key: string; value: string }[] = [];
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1].trim();
      continue;
    }
    const option = /^([\w-]+)\s*=\s*(.*)$/.exec(line);
    if (option && section === 'uwsgi' && !/^[#;]/.test(line)) {
      options.push({ key: option[1].replace(/_/g, '-'), value: withoutComment(option[2]).replace(/^(["'])(.*)\1$/, '$2').trim() });
    }
  }
  return options;
}

/** The values of the `wanted` options in `args` (`--opt value`, `--opt=value`, `-ovalue`), in order. */
function flagValues(args: string[], wanted: string[], alsoValued: string[]): { flag: string; value: string }[] {
  const values: { flag: string; value: string }[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s) : [arg];
    if (wanted.includes(flag)) {
      const value = inline ?? args[++i];
      if (value !== undefined) {
        values.push({ flag, value });
      }
    } else if (/^-[a-zA-Z]./.test(arg) && wanted.includes(arg.slice(0, 2))) {
      values.push({ flag: arg.slice(0, 2), value: arg.slice(2) });
    } else if (alsoValued.includes(flag) && inline === undefined) {
      i++;
    }
  }
  return values;
}

/** `words` with the values of `flags` that resolve to a moved path replaced by the new path. */
function replaceFlagValues(words: string[], flags: string[], cwd: string, moved: Map<string, string>): string[] {
  return words.map((word, index) => {
    const [flag, inline] = word.startsWith('--') ? word.split(/=(.*)/s) : [word];
    if (inline !== undefined && flags.includes(flag)) {
      return `${flag}=${moved.get(resolvePath(cwd, inline)) ?? inline}`;
    }
    return index > 0 && flags.includes(words[index - 1]) ? moved.get(resolvePath(cwd, word)) ?? word : word;
  });
}
