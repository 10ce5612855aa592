// Package managers used to start the app: `npm start`, `npm run serve`, `yarn start`,
// `pnpm run start`. What `package-manager-as-init` looks for in a shipped start command.
import { devServerOf } from './devServers';
import { ShellWord, SimpleCommand, basename, programIndex } from './shellCommands';

export interface PackageManagerStart {
  /** `npm`, `yarn` or `pnpm`. */
  manager: string;
  /** The package.json script it runs (`start` for `npm start`). */
  script: string;
  /** The words from the package manager to the script name, to report on. */
  first: ShellWord;
  last: ShellWord;
  /** The command as written, e.g. "`npm run serve`". */
  what: string;
  /** Arguments after the script name (`npm start -- --port 80`), `--` left out. */
  extraArguments: string[];
}

const MANAGERS = /^(npm|yarn|pnpm)$/;

export function packageManagerStartOf(command: SimpleCommand): PackageManagerStart | undefined {
  const words = command.words.slice(programIndex(command));
  const manager = basename(words[0]?.value ?? '');
  if (!MANAGERS.test(manager)) return undefined;
  // Development scripts (`npm run dev`) are development-server-in-runtime's finding.
  if (devServerOf(command)) return undefined;
  const verbAt = words.findIndex((w, i) => i > 0 && !w.value.startsWith('-'));
  if (verbAt < 0) return undefined;
  const verb = words[verbAt].value;
  let scriptAt = -1;
  if (verb === 'start') scriptAt = verbAt;
  else if (verb === 'run' || verb === 'run-script') scriptAt = words.findIndex((w, i) => i > verbAt && !w.value.startsWith('-'));
  if (scriptAt < 0 || words[scriptAt].dynamic) return undefined;
  const script = words[scriptAt].value;
  // `npm run build` or `npm test` as a command is a one-off task image, not a server.
  if (/^(build|test|lint)(:|$)/.test(script)) return undefined;
  const extraArguments = words.slice(scriptAt + 1).map((w) => w.value).filter((v, i) => !(i === 0 && v === '--'));
  return {
    manager,
    script,
    first: words[0],
    last: words[scriptAt],
    what: `\`${words.slice(0, scriptAt + 1).map((w) => w.value).join(' ')}\``,
    extraArguments,
  };
}
