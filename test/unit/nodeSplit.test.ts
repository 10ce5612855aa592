// The Node split recipe in small cases: which start commands and images it declines and why,
// and how each package manager prunes the devDependencies at the end of the builder.
import * as assert from 'node:assert/strict';
import { BuildContext } from '../../server/src/fixes/fix';
import { planSplit, splitIntoStages } from '../../server/src/fixes/split/splitStages';
import { analyze, applyFix, dockerfile } from './helpers';

function outcome(text: string, buildContext?: BuildContext) {
  return planSplit({ model: analyze(text).model!, text, buildContext });
}

function memoryContext(files: Record<string, string>): BuildContext {
  return { readFile: (file) => files[file] };
}

const npmApp = (...start: string[]) => dockerfile('FROM node:22-trixie-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci --omit=dev', ...start);

describe('split: Node start commands', () => {
  const declined: Record<string, [string, string]> = {
    'nodemon': [npmApp('CMD ["nodemon", "server.js"]'), 'a development tool (`nodemon server.js`)'],
    'node --watch': [npmApp('CMD ["node", "--watch", "server.js"]'), 'restarts on file changes'],
    'node -e': [npmApp('CMD ["node", "-e", "1"]'), 'not a script file'],
    'vite through npx': [npmApp('CMD ["npx", "vite"]'), 'a development tool (`vite`)'],
    'serve (static files)': [npmApp('CMD ["serve", "-s", "dist"]'), 'static files'],
    'pm2-runtime': [npmApp('CMD ["pm2-runtime", "app.js"]'), 'pm2'],
    'npm run dev without package.json': [npmApp('CMD ["npm", "run", "dev"]'), 'by its name a development script'],
    'pnpm start without package.json or a pnpm install to repeat': [npmApp('CMD ["pnpm", "start"]'), 'the node image has no pnpm'],
    'an empty ENTRYPOINT': [npmApp('ENTRYPOINT []', 'CMD ["node", "a.js"]'), 'The ENTRYPOINT is empty'],
  };
  for (const [name, [text, reason]] of Object.entries(declined)) {
    it(`declines ${name}, saying why`, () => {
      const result = outcome(text);
      assert.equal(result.ecosystem, 'node');
      assert.deepEqual(result.results, []);
      assert.ok(result.declined?.includes(reason), result.declined);
    });
  }

  it('keeps `npm start` without package.json, on the slim image of the same Node, everything copied', () => {
    const fixed = applyFix(splitIntoStages, dockerfile('FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm install', 'CMD npm start')) ?? '';
    const runtime = fixed.slice(fixed.lastIndexOf('\nFROM '));
    assert.match(fixed, /^FROM node:20 AS build$/m, 'the builder keeps its image');
    // The original ran as root, and without the context the split cannot see where the app writes: the app directory is the user's.
    assert.match(runtime, /^FROM node:20-slim\nCOPY --from=build --chown=1000:1000 \/app \/app\n/m);
    assert.match(runtime, /^USER 1000:1000\nCMD \["npm", "start"\]\n$/m);
    assert.doesNotMatch(fixed, /^RUN .*prune/m, 'without package.json the start script may need devDependencies');
    assert.match(fixed, /devDependencies included/);
  });

  it('declines `npm run <script>` without package.json where the runtime would be the same image with nothing left behind, and a dev script', () => {
    const alpine = (start: string, install = 'RUN npm ci --omit=dev && npm cache clean --force') => dockerfile('FROM node:22-alpine', 'WORKDIR /app', 'COPY . .', install, start);
    assert.match(outcome(alpine('CMD ["npm", "run", "serve:prod"]')).declined ?? '', /node:22-alpine: this same image again/);
    assert.match(outcome(alpine('CMD ["npm", "run", "serve:prod"]', 'RUN npm ci --omit=dev\nRUN rm -rf /root/.npm')).declined ?? '', /this same image again/);
    assert.match(outcome(alpine('CMD ["npm", "run", "dev"]')).declined ?? '', /development script/);
    // npm's cache left in the image: the builder keeps it back, so the same image is worth a second stage.
    const kept = applyFix(splitIntoStages, alpine('CMD ["npm", "run", "serve:prod"]', 'RUN npm ci --omit=dev')) ?? '';
    assert.match(kept, /^# Left in the builder: npm's download cache \(~\/\.npm\)\.$/m);
    assert.match(kept.slice(kept.lastIndexOf('\nFROM ')), /\nFROM node:22-alpine\nCOPY --from=build --chown=1000:1000 \/app \/app\n[\s\S]*CMD \["npm", "run", "serve:prod"\]\n$/);
  });

  it('names package.json\'s production script when the start is a development tool (NestJS\'s `nest start`)', () => {
    const nest = memoryContext({ 'package.json': JSON.stringify({ scripts: { start: 'nest start', 'start:dev': 'nest start --watch', 'start:prod': 'node dist/src/main' } }) });
    const declined = outcome(npmApp('CMD ["npm", "start"]'), nest).declined ?? '';
    assert.match(declined, /development tool \(`nest start`\)/);
    assert.match(declined, /as package\.json's "start:prod" script does \(CMD \["node", "dist\/src\/main"\]\)/);
    assert.doesNotMatch(declined, /dist\/index\.js/, 'no guessed file where package.json names one');
    const shellScript = memoryContext({ 'package.json': JSON.stringify({ scripts: { start: 'nest start', 'start:prod': 'NODE_ENV=production node dist/main' } }) });
    assert.match(outcome(npmApp('CMD ["npm", "start"]'), shellScript).declined ?? '', /for example CMD \["node", "dist\/index\.js"\]/, 'a script that is not a plain node command is not offered');
  });

  it('reads what `npm start` runs from package.json, and declines `next start` without next in the dependencies', () => {
    const context = memoryContext({ 'package.json': JSON.stringify({ scripts: { start: 'next start' } }) });
    assert.match(outcome(npmApp('CMD ["npm", "start"]'), context).declined ?? '', /output: 'standalone'/);
    const devOnly = memoryContext({ 'package.json': JSON.stringify({ scripts: { start: 'next start', build: 'next build' }, devDependencies: { next: '15.1.3' } }) });
    const built = dockerfile('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'RUN npm run build', 'CMD ["npm", "start"]');
    assert.match(outcome(built, devOnly).declined ?? '', /next is not in "dependencies"/);
  });

  it('with package.json, a script named dev that runs node is a start like any other', () => {
    const context = memoryContext({ 'package.json': JSON.stringify({ scripts: { dev: 'node server.js' } }) });
    const fixed = applyFix(splitIntoStages, npmApp('CMD ["npm", "run", "dev"]'), context);
    assert.match(fixed ?? '', /CMD \["\/app\/server\.js"\]/);
  });
});

describe('split: Node images', () => {
  it('declines Node from the distribution packages', () => {
    const text = dockerfile('FROM ubuntu:24.04', 'RUN apt-get update && apt-get install -y nodejs npm', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["node", "a.js"]');
    assert.match(outcome(text).declined ?? '', /own packages/);
  });

  it('leaves other builds on Debian to other recipes', () => {
    const text = dockerfile('FROM debian:trixie-slim', 'WORKDIR /app', 'COPY app /app/app', 'CMD ["/app/app"]');
    assert.notEqual(outcome(text).ecosystem, 'node');
  });

  it('moves Node 19 to 22 and names the move', () => {
    const result = outcome(dockerfile('FROM node:19-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci --omit=dev', 'CMD ["node", "a.js"]'));
    assert.equal(result.results[0]?.title, 'Split into build and distroless runtime stages (nodejs22, build moves to Node 22)');
  });

  it('declines a Node 26 build that needs corepack', () => {
    const text = dockerfile('FROM node:26-slim', 'RUN corepack enable', 'WORKDIR /app', 'COPY . .', 'RUN pnpm install --prod', 'CMD ["node", "a.js"]');
    assert.match(outcome(text).declined ?? '', /neither corepack nor Yarn/);
  });
});

describe('split: Node devDependencies pruned after the build', () => {
  const built = (from: string, install: string, build: string) =>
    dockerfile(from, 'WORKDIR /app', 'COPY . .', install, build, 'CMD ["node", "dist/main.js"]');
  const cases: Record<string, [string, string]> = {
    npm: [built('FROM node:22', 'RUN npm ci', 'RUN npm run build'), 'RUN npm prune --omit=dev'],
    'Yarn 1': [built('FROM node:22', 'RUN yarn install --frozen-lockfile', 'RUN yarn build'), 'RUN yarn install --production --prefer-offline'],
    pnpm: [built('FROM node:22', 'RUN npm install -g pnpm && pnpm install', 'RUN pnpm build'), 'RUN pnpm prune --prod --offline'],
  };
  // A bundled build: nothing in dist/main.js requires a devDependency at run time.
  const bundled = () => memoryContext({
    'package.json': JSON.stringify({ scripts: { build: 'esbuild src/main.ts --bundle --platform=node --outfile=dist/main.js' }, dependencies: { express: '^4.21.0' }, devDependencies: { esbuild: '^0.24.0' } }),
  });
  for (const [manager, [text, prune]] of Object.entries(cases)) {
    it(`${manager}: ${prune} ends the builder, and the runtime copies node_modules from it`, () => {
      const fixed = applyFix(splitIntoStages, text, bundled()) ?? '';
      const [builder, runtime] = fixed.split(/\n\n(?=# Runtime)/);
      assert.ok(builder.trimEnd().endsWith(prune), builder);
      // A context that cannot list folders shows no write paths: the app directory is copied whole (node_modules in it), owned by the app's user.
      assert.match(runtime, /COPY --from=build --chown=65532:65532 \/app \/app\n/);
      assert.match(runtime, /ENV NODE_ENV=production/);
      assert.doesNotMatch(builder, /NODE_ENV/);
    });

    it(`${manager}: without package.json, nothing is pruned and the note says why`, () => {
      const fixed = applyFix(splitIntoStages, text) ?? '';
      const [builder, runtime] = fixed.split(/\n\n(?=# Runtime)/);
      assert.doesNotMatch(builder, /prune|--production/);
      assert.match(runtime, /devDependencies included, as in the original: without package\.json beside the Dockerfile/);
      // The app directory is copied whole (node_modules in it), owned by the app's user: it may write there.
      assert.match(runtime, /COPY --from=build --chown=65532:65532 \/app \/app\n/);
    });
  }

  it('declines pnpm when package.json has install scripts (pnpm prune runs them again)', () => {
    const context = memoryContext({ 'package.json': JSON.stringify({ scripts: { prepare: 'husky' } }) });
    assert.match(outcome(built('FROM node:22', 'RUN npm install -g pnpm && pnpm install', 'RUN pnpm build'), context).declined ?? '', /"prepare" script/);
  });

  it('keeps the devDependencies a build output requires when the compiler leaves node_modules outside it (tsc, esbuild without --bundle), not when a bundler takes them in', () => {
    const text = built('FROM node:22', 'RUN npm ci', 'RUN npm run build');
    const app = (build: string, files: Record<string, string> = {}) => memoryContext({
      'package.json': JSON.stringify({ scripts: { build }, dependencies: { express: '^4.21.0' }, devDependencies: { dotenv: '^16.4.0', typescript: '^5.6.0', zod: '^3.23.0', esbuild: '^0.24.0' } }),
      'tsconfig.json': '{"compilerOptions": {"outDir": "./dist"}}',
      // main.ts loads dotenv through a relative import; zod is imported for its types only.
      'src/main.ts': 'import express from "express"\nimport { loadEnv } from "./env.js"\nimport type { ZodSchema } from "zod"\nloadEnv()\n',
      'src/env.ts': 'import "dotenv/config"\nexport function loadEnv() {}\n',
      ...files,
    });
    const fixed = (build: string) => applyFix(splitIntoStages, text, app(build)) ?? '';
    for (const build of ['tsc', 'esbuild src/main.ts --platform=node --outdir=dist', 'esbuild src/main.ts --bundle --packages=external --outfile=dist/main.js']) {
      assert.doesNotMatch(fixed(build), /^RUN .*prune/m, build);
      assert.match(fixed(build), /its sources import dotenv, a devDependency the app then requires at run time/, build);
    }
    assert.match(fixed('esbuild src/main.ts --bundle --platform=node --outfile=dist/main.js'), /^RUN npm prune --omit=dev$/m, 'esbuild --bundle takes dotenv into dist/main.js');
  });

  it('leaves a global build CLI in the builder, and keeps a global tool nothing in the Dockerfile runs', () => {
    const withGlobal = (install: string, build: string) => dockerfile('FROM node:22', 'WORKDIR /app', 'COPY . .', install, 'RUN npm ci', build, 'CMD ["node", "dist/main.js"]');
    const compiled = applyFix(splitIntoStages, withGlobal('RUN npm install -g typescript@5', 'RUN tsc')) ?? '';
    assert.match(compiled, /^FROM gcr\.io\/distroless\/nodejs22-debian13:nonroot$/m, 'tsc ran in the build: typescript is a build tool');
    assert.doesNotMatch(compiled.slice(compiled.lastIndexOf('\nFROM ')), /npm install -g/);
    const kept = outcome(withGlobal('RUN yarn global add pm2@5 nodemon', 'RUN npm run build'));
    assert.match(kept.declined ?? '', /installs pm2, nodemon globally \(`yarn global add pm2@5 nodemon`\) and runs them nowhere/);
  });

  it('declines Yarn 2+ (its production install depends on .yarnrc.yml)', () => {
    const context = memoryContext({ 'package.json': '{"packageManager": "yarn@4.5.0"}', 'yarn.lock': '__metadata:\n  version: 8\n' });
    assert.match(outcome(built('FROM node:22', 'RUN yarn install', 'RUN yarn build'), context).declined ?? '', /Yarn 2 or later/);
  });
});
