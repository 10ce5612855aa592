// The command line's grammar: `stagecraft check|split|help [options] [paths...]`, and the older
// `stagecraft [options] Dockerfile...` / `stagecraft --split Dockerfile`, kept as aliases.
import { Severity } from '../core/types';

export type OutputFormat = 'text' | 'json' | 'sarif';
export type FailOn = Severity | 'none';

export interface CheckArguments {
  command: 'check';
  /** Paths or globs; `.` when none are given. */
  paths: string[];
  configFile?: string;
  target?: string;
  format: OutputFormat;
  failOn: FailOn;
  fix: boolean;
  /** With --fix: also apply the preferred split. */
  split: boolean;
  dryRun: boolean;
  /** Extra file name globs for the directory walk (besides Dockerfile, Containerfile, ...). */
  names: string[];
  /** Worker threads; undefined means one per core. */
  jobs?: number;
  /** The older form (`stagecraft Dockerfile...`): no summary line, as before. */
  legacy: boolean;
}

export interface SplitArguments {
  command: 'split';
  file: string;
}

export interface HelpArguments {
  command: 'help';
  /** `stagecraft` alone is a usage error (exit 2); `--help` is not (exit 0). */
  requested: boolean;
}

export type Arguments = CheckArguments | SplitArguments | HelpArguments;

export const USAGE = `usage: stagecraft check [options] [paths or globs...]   check Dockerfiles (default: .)
       stagecraft split <Dockerfile>                    print the file split into build and runtime stages
       stagecraft --help

check options:
  --format text|json|sarif    output format (default: text)
  --fail-on error|warning|information|hint|none
                              exit 1 when a finding is at or above this severity (default: warning)
  --fix                       apply the preferred safe fixes to the files
  --split                     with --fix: also split single-stage files into build and runtime stages
  --dry-run                   with --fix: print a unified diff instead of writing
  --config FILE               configuration file (default: ./.stagecraft.json when present)
  --target STAGE              the stage that ships (docker build --target)
  --name GLOB                 also walk files with this name (repeatable), e.g. --name 'Dockerfile-*'
  --jobs N                    worker threads (default: one per core; 1 checks in this thread)

exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, configuration or I/O error
docs: docs/cli.md`;

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'information', 'hint', 'none'];
const VALUE_OPTIONS = new Set(['--config', '--target', '--format', '--fail-on', '--name', '--jobs']);

/** The parsed command, or a sentence saying what is wrong with the command line. */
export function parseArguments(argv: readonly string[]): Arguments | string {
  if (argv.length === 0) {
    return { command: 'help', requested: false };
  }
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    return { command: 'help', requested: true };
  }
  const [first, ...rest] = argv;
  if (first === 'split') {
    return parseSplit(rest);
  }
  if (first === 'check') {
    return parseCheck(rest, false);
  }
  // The older form: `--split FILE` prints a split; anything else checks the files named.
  if (argv.includes('--split') && !argv.includes('--fix')) {
    return parseSplit(argv.filter((argument) => argument !== '--split'));
  }
  const legacy = parseCheck(argv, true);
  if (typeof legacy !== 'string' && legacy.paths.length === 0) {
    return 'no Dockerfile given';
  }
  return legacy;
}

function parseSplit(argv: readonly string[]): SplitArguments | string {
  const unknown = argv.find((argument) => argument.startsWith('-'));
  if (unknown) {
    return `unknown option ${unknown} for split`;
  }
  if (argv.length !== 1) {
    return 'split takes one Dockerfile';
  }
  return { command: 'split', file: argv[0] };
}

function parseCheck(argv: readonly string[], legacy: boolean): CheckArguments | string {
  const parsed: CheckArguments = { command: 'check', paths: [], format: 'text', failOn: 'warning', fix: false, split: false, dryRun: false, names: [], legacy };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (VALUE_OPTIONS.has(argument)) {
      const value = argv[++i];
      if (value === undefined) {
        return `${argument} needs a value`;
      }
      const problem = setOption(parsed, argument, value);
      if (problem) {
        return problem;
      }
    } else if (argument === '--fix') {
      parsed.fix = true;
    } else if (argument === '--split') {
      parsed.split = true;
    } else if (argument === '--dry-run') {
      parsed.dryRun = true;
    } else if (argument.startsWith('-') && argument !== '-') {
      return `unknown option ${argument}`;
    } else {
      parsed.paths.push(argument);
    }
  }
  if (parsed.split && !parsed.fix) {
    return '--split with check needs --fix (to print a split, use: stagecraft split FILE)';
  }
  if (parsed.dryRun && !parsed.fix) {
    return '--dry-run needs --fix';
  }
  if (parsed.paths.length === 0 && !legacy) {
    parsed.paths.push('.');
  }
  return parsed;
}

function setOption(parsed: CheckArguments, option: string, value: string): string | undefined {
  switch (option) {
    case '--config':
      parsed.configFile = value;
      return undefined;
    case '--target':
      parsed.target = value;
      return undefined;
    case '--name':
      parsed.names.push(value);
      return undefined;
    case '--format':
      if (!FORMATS.includes(value as OutputFormat)) {
        return `--format must be one of ${FORMATS.join(', ')}, not ${value}`;
      }
      parsed.format = value as OutputFormat;
      return undefined;
    case '--fail-on':
      if (!FAIL_ON.includes(value as FailOn)) {
        return `--fail-on must be one of ${FAIL_ON.join(', ')}, not ${value}`;
      }
      parsed.failOn = value as FailOn;
      return undefined;
    case '--jobs': {
      const jobs = Number(value);
      if (!Number.isInteger(jobs) || jobs < 1) {
        return `--jobs must be a whole number of at least 1, not ${value}`;
      }
      parsed.jobs = jobs;
      return undefined;
    }
    default:
      return `unknown option ${option}`;
  }
}

/** Severities from the most to the least severe. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** Does a finding of `severity` fail the run under `--fail-on failOn`? */
export function failsOn(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(failOn);
}
