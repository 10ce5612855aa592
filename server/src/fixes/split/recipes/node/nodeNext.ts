// Next.js. With `output: 'standalone'` in next.config, `next build` writes .next/standalone: a
// server.js and the node_modules it traced, without .next/static and public/, which the runtime
// copies beside it (Next.js docs, "Deploying: self-hosting", `output: 'standalone'`; the layout of
// vercel/next.js examples/with-docker). server.js listens on $PORT (3000) and $HOSTNAME, which
// Docker sets to the container's id, so the runtime sets HOSTNAME=0.0.0.0, where `next start`
// listens. Without standalone, `next start` is Next.js's CLI, a file of the `next` package:
// node runs it from the pruned node_modules, with the whole app beside it.
import { BuildContext } from '../../../fix';
import { Declined, decline } from '../../recipe';

export interface NextApp {
  /** next.config.js, .mjs, .cjs or .ts. */
  config: string;
  standalone: boolean;
}

/** The CLI's entry in the `next` package (its package.json `bin`). */
export const NEXT_BIN = 'node_modules/next/dist/bin/next';
const CONFIGS = ['next.config.js', 'next.config.mjs', 'next.config.cjs', 'next.config.ts'];
/** `output: 'standalone'` (or "standalone"), not in a line comment. */
const STANDALONE = /^(?:(?!\/\/).)*\boutput\s*:\s*['"`]standalone['"`]/m;

/** The Next.js app in the context root (next.config is optional: without one, no standalone output). */
export function readNextApp(context: BuildContext): NextApp {
  for (const config of CONFIGS) {
    const text = context.readFile(config);
    if (text !== undefined) {
      return { config, standalone: STANDALONE.test(text) };
    }
  }
  return { config: 'next.config.js', standalone: false };
}

/** How node starts a Next.js app instead of `next start`: its arguments, and the environment the standalone server reads. */
export interface NextStart {
  args: string[];
  script: string;
  env: [string, string][];
}

/** For `next start [options]` (also through npx or node_modules/.bin): node's arguments; undefined when the command is not `next start`. */
export function nextStart(command: string[], appDir: string, next: NextApp): NextStart | Declined | undefined {
  const words = command[0] === 'npx' ? command.slice(1).filter((word) => !/^(-y|--yes)$/.test(word)) : command;
  if ((words[0] ?? '').replace(/^(\.\/)?node_modules\/\.bin\//, '') !== 'next' || words[1] !== 'start') {
    return undefined;
  }
  const options = words.slice(2);
  if (!next.standalone) {
    const script = `${appDir}/${NEXT_BIN}`;
    return { args: [script, 'start', ...options], script, env: [] };
  }
  // The standalone server.js takes no options: the port and host are its environment.
  const env: [string, string][] = [];
  for (let i = 0; i < options.length; i++) {
    const [flag, inline] = options[i].split(/=(.*)/s);
    const name = /^(-p|--port)$/.test(flag) ? 'PORT' : /^(-H|--hostname)$/.test(flag) ? 'HOSTNAME' : undefined;
    const value = inline ?? options[i + 1];
    if (name === undefined || value === undefined) {
      return decline(`\`${command.join(' ')}\` passes ${options[i]} to next start, which the standalone server.js does not take (it reads PORT and HOSTNAME only); drop it, then split.`);
    }
    env.push([name, value]);
    i += inline === undefined ? 1 : 0;
  }
  return { args: [`${appDir}/server.js`], script: `${appDir}/server.js`, env };
}
