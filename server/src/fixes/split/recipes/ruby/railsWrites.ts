// What a Rails app writes beside its sources at run time, for a runtime that runs it as non-root:
// tmp/ (pids, cache), log/, storage/ (Active Storage, SQLite on Rails 7.1+) as the Dockerfile
// `rails new` generates makes writable, and the folder of an SQLite database that
// config/database.yml puts elsewhere (db/production.sqlite3 before Rails 7.1): SQLite writes its
// journal beside the database file, so the folder must be writable, not only the file.
import { BuildContext } from '../../../fix';

/** The folders (relative to the app, or absolute) a Rails app writes; `gems` from Gemfile.lock, undefined without it. */
export function railsWritableDirs(context: BuildContext | undefined, contextDir: string | undefined, gems: string[] | undefined): string[] {
  const dirs = ['tmp', 'log', 'storage'];
  const config = contextDir === undefined ? undefined : context?.readFile(contextDir === '' ? 'config/database.yml' : `${contextDir}/config/database.yml`);
  if (config !== undefined) {
    for (const [, path] of config.matchAll(/^\s+database:\s*["']?([\w./-]+\.(?:sqlite3?|db))["']?\s*$/gm)) {
      const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')).replace(/^\.\//, '') : '.';
      if (!dir.startsWith('..') && !dirs.includes(dir)) {
        dirs.push(dir);
      }
    }
  } else if (gems === undefined || gems.includes('sqlite3')) {
    // database.yml unread: db/, where Rails before 7.1 keeps an SQLite database (`rails new` makes it writable too).
    dirs.push('db');
  }
  return dirs;
}
