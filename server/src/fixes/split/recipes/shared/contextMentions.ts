// Whether anything in the build context names a program: a tool the build downloads into a
// system path (`curl -o /usr/bin/jq`) that no source, script, config or compose file names is
// not run by the app, and the runtime can leave it out. The Dockerfiles themselves do not count
// (they name it to install it). Undefined when the context cannot be listed: then nobody knows.
import { BuildContext } from '../../../fix';

/** VCS data and installed npm packages: not the app's own files (a package run by name would be in package.json). */
const SKIPPED = /^(\.git|node_modules|__pycache__)\/$/;
const DOCKERFILE = /(^|\.)Dockerfile(\.|$)|\.dockerfile$/i;
const MAX_FILES = 2000;
const MAX_SIZE = 512 * 1024;

export function contextMentions(context: BuildContext | undefined, name: string): boolean | undefined {
  if (!context?.listDirectory || context.listDirectory('') === undefined) {
    return undefined;
  }
  const word = new RegExp(`(^|[^\\w.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`);
  const pending = [''];
  let files = 0;
  while (pending.length > 0) {
    const dir = pending.shift() ?? '';
    for (const entry of context.listDirectory(dir) ?? []) {
      const path = dir === '' ? entry : `${dir}/${entry}`;
      if (entry.endsWith('/')) {
        if (!SKIPPED.test(entry)) {
          pending.push(path.replace(/\/$/, ''));
        }
        continue;
      }
      if (DOCKERFILE.test(entry)) {
        continue;
      }
      if (++files > MAX_FILES) {
        return undefined; // too large to read through: unknown
      }
      const text = context.readFile(path);
      if (text !== undefined && text.length <= MAX_SIZE && word.test(text)) {
        return true;
      }
    }
  }
  return false;
}
