import * as assert from 'node:assert/strict';
import { parseDockerIgnore } from '../../server/src/fixes/dockerIgnore';

describe('.dockerignore', () => {
  const ignore = parseDockerIgnore(['# comments and blank lines are skipped', '', '.git', '/node_modules/', 'config', '!config/keep.yaml', '**/*.log', 'docs/*.md'].join('\n'));

  it('excludes a matched folder and everything beneath it, with leading and trailing slashes dropped', () => {
    assert.equal(ignore.excludes('.git'), true);
    assert.equal(ignore.excludes('node_modules/left-pad/index.js'), true);
    assert.equal(ignore.excludes('config/app.yaml'), true);
    assert.equal(ignore.excludes('./config'), true);
  });

  it('lets the last matching line win, so ! re-includes', () => {
    assert.equal(ignore.excludes('config/keep.yaml'), false);
  });

  it('keeps * within one path segment and lets ** span segments', () => {
    assert.equal(ignore.excludes('docs/readme.md'), true);
    assert.equal(ignore.excludes('docs/guide/readme.md'), false);
    assert.equal(ignore.excludes('logs/2026/app.log'), true);
    assert.equal(ignore.excludes('app.log'), true);
  });

  it('keeps everything else', () => {
    assert.equal(ignore.excludes('templates/index.html'), false);
    assert.equal(parseDockerIgnore('').excludes('anything'), false);
  });
});
