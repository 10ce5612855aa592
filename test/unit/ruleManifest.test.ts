// Every rule is documented and configurable: the registry, docs/rules/, package.json and the
// .stagecraft.json schema must agree (`node scripts/sync-rules.mjs` rewrites the last two).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../server/src/rules';
import { BUILDKIT_RULES } from '../../server/src/rules/buildkit';
import { ruleManifest } from '../../server/src/rules/manifest';
import { PROJECT_ROOT } from './helpers';

describe('rule manifest', () => {
  it('has unique kebab-case rule ids, and Docker\'s PascalCase names for BuildKit checks', () => {
    const ids = ALL_RULES.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of ALL_RULES) {
      assert.match(rule.id, BUILDKIT_RULES.includes(rule) ? /^[A-Z][A-Za-z]+$/ : /^[a-z]+(-[a-z]+)*$/);
    }
  });

  it('documents every BuildKit check in docs/rules/buildkit-checks.md and links to Docker\'s page', () => {
    const text = fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'rules', 'buildkit-checks.md'), 'utf8');
    for (const rule of BUILDKIT_RULES) {
      assert.ok(text.includes(`## ${rule.id}\n`), `buildkit-checks.md lacks a section for ${rule.id}`);
      assert.ok(rule.docsUrl?.startsWith('https://docs.docker.com/go/dockerfile/rule/'), `${rule.id} links to Docker's page`);
      assert.ok(text.includes(rule.docsUrl ?? 'missing'), `buildkit-checks.md links to ${rule.docsUrl}`);
    }
  });

  it('has a docs page with the required sections for every rule', () => {
    for (const rule of ALL_RULES.filter((each) => !BUILDKIT_RULES.includes(each))) {
      const page = path.join(PROJECT_ROOT, 'docs', 'rules', `${rule.id}.md`);
      assert.ok(fs.existsSync(page), `${page} is missing`);
      const text = fs.readFileSync(page, 'utf8');
      for (const section of ['## What it finds', '## Why it matters', '## How to fix', '## How to silence']) {
        assert.ok(text.includes(section), `${rule.id}.md lacks "${section}"`);
      }
    }
  });

  it('lists every rule in package.json and the .stagecraft.json schema (run scripts/sync-rules.mjs)', () => {
    const { settingsProperties, configSchema } = ruleManifest();
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.configuration.properties['stagecraft.rules'].properties, settingsProperties);
    const schema = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'schemas', 'stagecraft.schema.json'), 'utf8'));
    assert.deepEqual(schema, configSchema);
  });
});
