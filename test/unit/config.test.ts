import * as assert from 'node:assert/strict';
import { emptyConfig, mergeConfigs, parseConfigFile } from '../../server/src/core/config';
import { matchesAny, patternToRegExp } from '../../server/src/core/glob';

describe('.stagecraft.json', () => {
  it('reads rules, target, allowed images and excludes', () => {
    const { config, problems } = parseConfigFile(
      JSON.stringify({ rules: { 'single-stage-build': 'error' }, target: 'runtime', allowedRuntimeImages: ['registry.example.com/hardened/*'], exclude: ['test/**'] }),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config, { rules: { 'single-stage-build': 'error' }, target: 'runtime', allowedRuntimeImages: ['registry.example.com/hardened/*'], exclude: ['test/**'] });
  });

  it('reports malformed JSON once and falls back to defaults', () => {
    const { config, problems } = parseConfigFile('{ "rules": ', '/w/.stagecraft.json');
    assert.deepEqual(config, emptyConfig());
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^\/w\/\.stagecraft\.json is not valid JSON/);
  });

  it('names each bad key and keeps the good ones', () => {
    const { config, problems } = parseConfigFile(
      JSON.stringify({ rules: { 'single-stage-build': 'loud', 'runtime-not-distroless': 'off', nope: 'off' }, target: 3, exclude: 'x', allowedRuntimeImages: ['/(/'] }),
    );
    assert.deepEqual(config.rules, { 'runtime-not-distroless': 'off' });
    assert.equal(config.target, undefined);
    assert.deepEqual(problems.length, 5, problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('"rules.single-stage-build" must be one of')));
    assert.ok(problems.some((p) => p.includes('unknown rule "nope"')));
    assert.ok(problems.some((p) => p.includes('invalid regular expression /(/')));
  });

  it('lets editor settings win per rule and for the target, and combines lists', () => {
    const file = { rules: { a: 'error' as const, b: 'warning' as const }, target: 'prod', allowedRuntimeImages: ['x/*'], exclude: ['t/**'] };
    const editor = { rules: { b: 'off' as const }, target: undefined, allowedRuntimeImages: ['y/*', 'x/*'], exclude: [] };
    assert.deepEqual(mergeConfigs(file, editor), { rules: { a: 'error', b: 'off' }, target: 'prod', allowedRuntimeImages: ['x/*', 'y/*'], exclude: ['t/**'] });
  });
});

describe('patterns', () => {
  it('matches globs with * inside a segment and ** across segments', () => {
    assert.ok(patternToRegExp('registry.example.com/hardened/*').test('registry.example.com/hardened/python'));
    assert.ok(!patternToRegExp('registry.example.com/hardened/*').test('registry.example.com/hardened/a/b'));
    assert.ok(patternToRegExp('test/**').test('test/fixtures/Dockerfile'));
    assert.ok(patternToRegExp('**/Dockerfile.dev').test('Dockerfile.dev'));
    assert.ok(patternToRegExp('**/Dockerfile.dev').test('a/b/Dockerfile.dev'));
  });

  it('treats /.../ as a regular expression', () => {
    assert.ok(matchesAny('ghcr.io/acme/base:1.2', ['/^ghcr\\.io\\/acme\\//']));
    assert.ok(!matchesAny('docker.io/acme/base', ['/^ghcr\\.io\\//']));
  });
});
