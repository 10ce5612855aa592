// `stagecraft`, the command line (bundled to dist/cli.js; docs/cli.md): `check` runs the editor's
// analysis over files, folders and globs for CI and terminals, `split` prints a split. The same
// bundle is the worker thread that `check` starts for large trees.
import { isMainThread } from 'node:worker_threads';
import { USAGE, parseArguments } from './cli/args';
import { EXIT_ERROR, runCheck } from './cli/check';
import { serveChecks } from './cli/pool';
import { runSplit } from './cli/split';

async function main(argv: string[]): Promise<number> {
  const args = parseArguments(argv);
  if (typeof args === 'string') {
    process.stderr.write(`stagecraft: ${args}\n${USAGE}\n`);
    return EXIT_ERROR;
  }
  switch (args.command) {
    case 'help':
      (args.requested ? process.stdout : process.stderr).write(`${USAGE}\n`);
      return args.requested ? 0 : EXIT_ERROR;
    case 'split':
      return runSplit(args.file);
    case 'check':
      return runCheck(args, __filename);
  }
}

if (isMainThread) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`stagecraft: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
} else {
  serveChecks();
}
