// The Node split's readings of the build context: native modules, the Node releases images
// publish, where the app writes, and how `next start` becomes a node command.
import * as assert from 'node:assert/strict';
import { BuildContext } from '../../server/src/fixes/fix';
import { NodeBuild } from '../../server/src/fixes/split/recipes/node/nodeBuild';
import { readNodeContext } from '../../server/src/fixes/split/recipes/node/nodeContext';
import { nativeModules } from '../../server/src/fixes/split/recipes/node/nodeNative';
import { nextStart } from '../../server/src/fixes/split/recipes/node/nodeNext';
import { distrolessPublishes, nodeImageHasTrixie } from '../../server/src/fixes/split/recipes/node/nodeReleases';
import { appWrites } from '../../server/src/fixes/split/recipes/node/nodeWrites';
import { StageScan } from '../../server/src/fixes/split/recipes/shared/stageScan';

/** A context from a file map; folders are listed from the paths. */
function context(files: Record<string, string>): BuildContext {
  return {
    readFile: (path) => files[path],
    listDirectory: (folder) => {
      const prefix = folder === '' ? '' : `${folder.replace(/\/$/, '')}/`;
      const entries = new Set<string>();
      for (const path of Object.keys(files).filter((file) => file.startsWith(prefix))) {
        const rest = path.slice(prefix.length);
        entries.add(rest.includes('/') ? `${rest.split('/')[0]}/` : rest);
      }
      return entries.size > 0 ? [...entries].sort() : undefined;
    },
  };
}

const build = (extra: Partial<NodeBuild> = {}) => ({ nodeGyp: false, aptPackages: [], ...extra }) as NodeBuild;
/** `COPY . .` into /app. */
const wholeCopy = { copies: [{ sources: ['.'], destination: '/app', intoDirectory: true }] } as unknown as StageScan;

describe('split: Node native modules', () => {
  const natives = (files: Record<string, string>, extra?: Partial<NodeBuild>) => {
    const buildContext = context({ 'package.json': '{"dependencies": {}}', ...files });
    return nativeModules(buildContext, readNodeContext(buildContext), build(extra)).evidence;
  };

  it('reads hasInstallScript in package-lock.json, but not from packages whose script builds nothing', () => {
    const lock = { lockfileVersion: 3, packages: { '': {}, 'node_modules/argon2': { hasInstallScript: true }, 'node_modules/core-js': { hasInstallScript: true }, 'node_modules/a/node_modules/@x/addon': { hasInstallScript: true } } };
    assert.deepEqual(natives({ 'package-lock.json': JSON.stringify(lock) }), ['argon2 (package-lock.json)', '@x/addon (package-lock.json)']);
  });

  it('skips lock entries npm never installs on Linux (fsevents: os darwin), keeps those for Linux or all but another system', () => {
    const lock = { lockfileVersion: 3, packages: {
      '': {},
      'node_modules/fsevents': { hasInstallScript: true, optional: true, os: ['darwin'] },
      'node_modules/not-win': { hasInstallScript: true, os: ['!win32'] },
      'node_modules/no-linux': { hasInstallScript: true, os: ['!linux'] },
      'node_modules/linux-addon': { hasInstallScript: true, os: ['linux', 'darwin'] },
    } };
    assert.deepEqual(natives({ 'package-lock.json': JSON.stringify(lock) }), ['not-win (package-lock.json)', 'linux-addon (package-lock.json)']);
  });

  it('finds known native packages in yarn.lock, and those pnpm marks requiresBuild', () => {
    assert.deepEqual(natives({ 'yarn.lock': '# yarn lockfile v1\n\n\n"better-sqlite3@^11.0.0":\n  version "11.5.0"\n\nlodash@^4:\n  version "4.17.21"\n' }), ['better-sqlite3 (yarn.lock)']);
    assert.deepEqual(natives({ 'pnpm-lock.yaml': "packages:\n\n  /left-pad@1.3.0:\n    resolution: {integrity: x}\n\n  /my-addon@2.0.0:\n    requiresBuild: true\n" }), ['my-addon (pnpm-lock.yaml)']);
  });

  it('counts binding.gyp, node-gyp and compilers of the build, and nothing for a plain app', () => {
    assert.deepEqual(natives({ 'binding.gyp': '{}' }, { nodeGyp: true, aptPackages: ['python3', 'g++'] }), ['node-gyp in the build', 'g++ installed by the build', 'binding.gyp in the project']);
    assert.deepEqual(natives({ 'package-lock.json': '{"packages": {"node_modules/express": {}}}' }), []);
  });
});

describe('split: Node releases', () => {
  it('asks the catalog which majors distroless still publishes', () => {
    assert.deepEqual([18, 20, 22, 23, 24, 26].map(distrolessPublishes), [false, false, true, false, true, true]);
  });

  it('knows which majors the node image has on trixie', () => {
    assert.deepEqual([18, 20, 21, 22, 23, 24, 25].map(nodeImageHasTrixie), [false, true, false, true, false, true, true]);
  });
});

describe('split: where a Node app writes', () => {
  it('resolves SQLite paths: relative to the app, `../` relative to the source, absolute ones as they are; /tmp is writable already', () => {
    const writes = appWrites(wholeCopy, context({
      'src/db.js': "const main = path.join(__dirname, '../data/main.db');\nconst cache = '/tmp/cache.sqlite';\nconst url = 'postgres://db/app.db';",
      'knexfile.js': "module.exports = { connection: { filename: './var/sessions.sqlite3' } };",
      'config/default.json': '{ "audit": "/var/lib/audit/audit.db" }',
      'test/db.test.js': "open('fixture.db')",
    }), '/app');
    assert.deepEqual(writes.folders.map((folder) => [folder.path, folder.create]), [['/var/lib/audit', true], ['/app/var', true], ['/app/data', true]]);
  });

  it('finds write folders in the context, and a SQLite file beside the code makes the app directory one', () => {
    const writes = appWrites(wholeCopy, context({ 'tmp/.gitkeep': '', 'public/uploads/.gitkeep': '', 'app.sqlite': '', 'index.js': '' }), '/app');
    assert.deepEqual(writes.folders.map((folder) => folder.path), ['/app/tmp', '/app/public/uploads', '/app']);
  });

  it('knows nothing without a context, or when the copied folder cannot be listed', () => {
    assert.equal(appWrites(wholeCopy, undefined, '/app').known, false);
    assert.equal(appWrites(wholeCopy, { readFile: () => undefined }, '/app').known, false);
  });
});

describe('split: `next start` on the runtime', () => {
  it('runs the standalone server.js, with -p and -H as its environment', () => {
    assert.deepEqual(nextStart(['next', 'start', '-p', '8080', '--hostname=0.0.0.0'], '/app', { config: 'next.config.js', standalone: true }), {
      args: ['/app/server.js'],
      script: '/app/server.js',
      env: [['PORT', '8080'], ['HOSTNAME', '0.0.0.0']],
    });
    assert.match((nextStart(['next', 'start', '--keepAliveTimeout', '5000'], '/app', { config: 'next.config.js', standalone: true }) as { declined: string }).declined, /does not take/);
  });

  it('runs the CLI from node_modules without standalone, and leaves other commands alone', () => {
    assert.deepEqual(nextStart(['npx', 'next', 'start'], '/app', { config: 'next.config.js', standalone: false }), { args: ['/app/node_modules/next/dist/bin/next', 'start'], script: '/app/node_modules/next/dist/bin/next', env: [] });
    assert.equal(nextStart(['next', 'dev'], '/app', { config: 'next.config.js', standalone: false }), undefined);
  });
});
