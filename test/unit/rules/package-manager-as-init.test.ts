import * as assert from 'node:assert/strict';
import { BuildContext } from '../../../server/src/fixes/fix';
import { runScriptWithNode } from '../../../server/src/fixes/runScriptWithNode';
import { analyze, applyEdits, dockerfile, findingsOf } from '../helpers';

const RULE = 'package-manager-as-init';
const BUILD = ['FROM node:24 AS build', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm run build'];
const RUNTIME = ['FROM node:24-slim', 'WORKDIR /app', 'COPY --from=build /app ./'];

function memoryContext(files: Record<string, string>): BuildContext {
  return { readFile: (p) => files[p.replace(/^\.\//, '')] };
}

/** The fix on the rule's first finding: the new text, or why it is not offered. */
function fixed(text: string, packageJson?: string): { text?: string; why?: string; title?: string } {
  const { model, findings } = analyze(text);
  const finding = findings.find((f) => f.ruleId === RULE);
  assert.ok(model && finding, 'the rule reports the start command');
  const context = { model, text, buildContext: packageJson === undefined ? undefined : memoryContext({ 'package.json': packageJson }), range: finding.range };
  const [result] = runScriptWithNode.compute(context);
  return result ? { text: applyEdits(text, result.edits), title: result.title } : { why: runScriptWithNode.whyNotOffered?.(context) };
}

describe('rule package-manager-as-init', () => {
  it('warns on npm start as the shipped command, on the words, saying what to run instead', () => {
    const text = dockerfile(...BUILD, ...RUNTIME, 'CMD ["npm", "start"]');
    const [finding, ...rest] = findingsOf(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, { start: { line: 9, character: 5 }, end: { line: 9, character: 19 } });
    assert.match(finding.message, /`npm start`: npm becomes the main process.*SIGTERM.*CMD \["node", "server\.js"\]/);
  });

  it('recognises npm run, yarn and pnpm, in shell form, exec form, sh -c and a joined ENTRYPOINT and CMD', () => {
    for (const [start, what] of [
      ['CMD npm start', 'npm start'],
      ['CMD ["npm", "run", "serve"]', 'npm run serve'],
      ['CMD ["npm", "run-script", "start:prod"]', 'npm run-script start:prod'],
      ['CMD yarn start', 'yarn start'],
      ['CMD ["yarn", "run", "start"]', 'yarn run start'],
      ['ENTRYPOINT ["pnpm", "start"]', 'pnpm start'],
      ['CMD ["sh", "-c", "npm start"]', 'npm start'],
      ['CMD ["/bin/sh", "-c", "cd /app && exec npm start"]', 'npm start'],
    ]) {
      const findings = findingsOf(dockerfile(...BUILD, ...RUNTIME, start), RULE);
      assert.equal(findings.length, 1, start);
      assert.ok(findings[0].message.includes(`\`${what}\``), `${start}: ${findings[0].message}`);
    }
    const joined = findingsOf(dockerfile(...BUILD, ...RUNTIME, 'ENTRYPOINT ["npm"]', 'CMD ["start"]'), RULE);
    assert.equal(joined.length, 1);
  });

  it('is quiet on node, on development scripts (the other rule), builds and tests, and outside the shipped stage', () => {
    for (const lines of [
      [...BUILD, ...RUNTIME, 'CMD ["node", "dist/server.js"]'],
      [...BUILD, ...RUNTIME, 'CMD ["npm", "run", "dev"]'],
      [...BUILD, ...RUNTIME, 'CMD ["npm", "test"]'],
      [...BUILD, ...RUNTIME, 'CMD ["npm", "run", "build"]'],
      [...BUILD, ...RUNTIME, 'RUN npm start', 'CMD ["node", "server.js"]'],
      // npm start in a dev stage that is not shipped
      ['FROM node:24 AS dev', 'CMD ["npm", "start"]', ...RUNTIME, 'CMD ["node", "server.js"]'],
      // a final stage named for development
      ['FROM node:24 AS dev', 'WORKDIR /app', 'COPY . .', 'CMD ["npm", "start"]'],
    ]) {
      assert.deepEqual(findingsOf(dockerfile(...lines), RULE), [], lines.join(' | '));
    }
    assert.deepEqual(findingsOf(dockerfile('# stagecraft: not-production', ...RUNTIME, 'CMD npm start'), RULE), []);
  });

  it('follows the configured target', () => {
    const text = dockerfile('FROM node:24 AS prod', 'CMD ["npm", "start"]', 'FROM node:24 AS other', 'CMD ["node", "a.js"]');
    assert.equal(findingsOf(text, RULE, { target: 'prod' }).length, 1);
    assert.equal(findingsOf(text, RULE).length, 0);
  });
});

describe('fix run-script-with-node (package-manager-as-init)', () => {
  const START = '{"scripts":{"build":"tsc","start":"node dist/server.js"}}';

  it('replaces npm start with the node command of the start script, in exec form', () => {
    const result = fixed(dockerfile(...RUNTIME, 'CMD ["npm", "start"]'), START);
    assert.equal(result.text, dockerfile(...RUNTIME, 'CMD ["node", "dist/server.js"]'));
    assert.equal(result.title, 'Run `node dist/server.js` directly (the `start` script of package.json)');
    assert.deepEqual(findingsOf(result.text ?? '', RULE), []);
    const shell = fixed(dockerfile(...RUNTIME, 'ENTRYPOINT yarn run serve -- --port 80'), '{"scripts":{"serve":"node --enable-source-maps server.js"}}');
    assert.equal(shell.text, dockerfile(...RUNTIME, 'ENTRYPOINT ["node", "--enable-source-maps", "server.js", "--port", "80"]'));
  });

  it('leaves node out of CMD where the image entrypoint is node (distroless)', () => {
    const result = fixed(dockerfile('FROM gcr.io/distroless/nodejs24-debian13', 'COPY --from=build /app /app', 'WORKDIR /app', 'CMD ["npm", "start"]'), START);
    assert.match(result.text ?? '', /CMD \["dist\/server\.js"\]\n$/);
  });

  it('is not offered where the script is not a plain node command, and says why', () => {
    const text = dockerfile(...RUNTIME, 'CMD ["npm", "start"]');
    for (const [packageJson, why] of [
      [undefined, /build context is not readable/],
      ['{"name":"x"}', /no `start` script/],
      ['{"scripts":{"start":"next start"}}', /not `node <file>`/],
      ['{"scripts":{"start":"NODE_ENV=production node a.js"}}', /not `node <file>`/],
      ['{"scripts":{"start":"node a.js && node b.js"}}', /needs a shell/],
      ['{"scripts":{"prestart":"node migrate.js","start":"node a.js"}}', /prestart/],
      ['{"workspaces":["a"],"scripts":{"start":"node a.js"}}', /workspaces/],
      ['not json', /no readable package\.json/],
    ] as const) {
      const result = fixed(text, packageJson);
      assert.equal(result.text, undefined, packageJson);
      assert.match(result.why ?? '', why, packageJson);
    }
    assert.match(fixed(dockerfile(...RUNTIME, 'CMD npm ci && npm start'), START).why ?? '', /does more than start/);
  });
});
