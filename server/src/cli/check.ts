// `stagecraft check`: find the files, check them (in worker threads for many), print one report
// in the chosen format, and turn it into the exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CheckArguments, failsOn } from './args';
import { CheckJob, FileReport } from './checkFile';
import { loadConfig } from './config';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { RunReport } from './format/summary';
import { formatText, textNotes, useColour } from './format/text';
import { checkAll, defaultJobs } from './pool';
import { findDockerfiles } from './walk';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Progress is worth showing from this many files on. */
const PROGRESS_MIN_FILES = 50;

export async function runCheck(args: CheckArguments, workerScript: string): Promise<number> {
  const cwd = process.cwd();
  const loaded = loadConfig(args.configFile, cwd);
  if (typeof loaded === 'string') {
    process.stderr.write(`stagecraft: ${loaded}\n`);
    return EXIT_ERROR;
  }
  const config = args.target ? { ...loaded.config, target: args.target } : loaded.config;
  const { files, problems } = findDockerfiles(args.paths, cwd, args.names);
  const jobs: CheckJob[] = files.map((file) => ({
    path: file.path,
    displayPath: displayPath(file.path, cwd),
    explicit: file.explicit,
    config,
    configFolder: loaded.folder,
    fix: args.fix,
    split: args.split,
    dryRun: args.dryRun,
  }));

  const progress = args.format === 'text' && process.stderr.isTTY === true && jobs.length >= PROGRESS_MIN_FILES ? new Progress(jobs.length) : undefined;
  const reports = await checkAll(jobs, workerScript, args.jobs ?? defaultJobs(), () => progress?.tick());
  progress?.clear();
  const run: RunReport = { files: reports.sort((a, b) => compareStrings(a.displayPath, b.displayPath)), problems };

  if (args.format === 'json') {
    process.stdout.write(formatJson(run));
  } else if (args.format === 'sarif') {
    process.stdout.write(formatSarif(run, toolInfo(workerScript), cwd));
  } else {
    process.stdout.write(formatText(run, { colour: useColour(process.stdout), summary: !args.legacy }));
  }
  // Errors go to stderr in every format, so a pipeline's log says what went wrong.
  process.stderr.write(textNotes(run));
  return exitCode(run, args);
}

function exitCode(run: RunReport, args: CheckArguments): number {
  if (run.problems.length > 0 || run.files.some((file) => file.error)) {
    return EXIT_ERROR;
  }
  const failing = (file: FileReport) => file.findings.some((finding) => failsOn(finding.severity, args.failOn));
  return run.files.some(failing) ? EXIT_FINDINGS : EXIT_CLEAN;
}

function displayPath(file: string, cwd: string): string {
  return path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The version in package.json beside the bundle (dist/../package.json). */
function toolInfo(bundle: string): { version: string; informationUri: string } {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(bundle), '..', 'package.json'), 'utf8')) as { version?: string };
    return { version: manifest.version ?? '0.0.0', informationUri: 'https://github.com/stagecraft-dev/stagecraft' };
  } catch {
    return { version: '0.0.0', informationUri: 'https://github.com/stagecraft-dev/stagecraft' };
  }
}

/** `checked 120/1283 files` on one stderr line, redrawn at most ten times a second. */
class Progress {
  private done = 0;
  private lastDrawn = 0;

  constructor(private readonly total: number) {}

  tick(): void {
    this.done++;
    const now = Date.now();
    if (now - this.lastDrawn >= 100 || this.done === this.total) {
      this.lastDrawn = now;
      process.stderr.write(`\rchecked ${this.done}/${this.total} files`);
    }
  }

  clear(): void {
    process.stderr.write('\r\x1b[K');
  }
}
