// Bundles the client, the server and the in-editor test suite with esbuild.
// `--production` minifies and drops source maps (what `npm run package` ships).
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

const entryPoints = [
  { in: 'client/src/extension.ts', out: 'client' },
  { in: 'server/src/main.ts', out: 'server' },
  { in: 'server/src/cli.ts', out: 'cli' },
];
if (!production) {
  entryPoints.push({ in: 'test/editor/extension-host/index.ts', out: 'test/index' });
}

const context = await esbuild.context({ ...common, entryPoints, outdir: 'dist' });
if (watch) {
  await context.watch();
} else {
  await context.rebuild();
  await context.dispose();
}
