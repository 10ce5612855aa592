// Bundles the client, the server and the in-editor test suite with esbuild.
// `--production` minifies and drops source maps (what `npm run package` ships).
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  // `vscode` is provided by the extension host; mocha is loaded from node_modules at test time.
  external: ['vscode', 'mocha'],
};

const entryPoints = [{ in: 'client/src/extension.ts', out: 'client' }];
if (!production) {
  entryPoints.push({ in: 'test/editor/extension-host/index.ts', out: 'test/index' });
}
// The package's `bin` commands: `stagecraft` (dist/cli.js) and `stagecraft-language-server`
// (dist/server.js --stdio), runnable as they are.
const binEntryPoints = [
  { in: 'server/src/main.ts', out: 'server' },
  { in: 'server/src/cli.ts', out: 'cli' },
];

const contexts = [
  await esbuild.context({ ...common, entryPoints, outdir: 'dist' }),
  await esbuild.context({ ...common, entryPoints: binEntryPoints, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
];
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  for (const context of contexts) {
    await context.rebuild();
    await context.dispose();
  }
  for (const { out } of binEntryPoints) {
    fs.chmodSync(`dist/${out}.js`, 0o755);
  }
}
