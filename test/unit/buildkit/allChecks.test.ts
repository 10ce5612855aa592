// Every BuildKit check has its test file here, its section in docs/rules/buildkit-checks.md with
// Docker's link, and a rule whose diagnostic links to Docker's page.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILDKIT_RULES } from '../../../server/src/rules/buildkit';
import { ruleDocsUrl } from '../../../server/src/lsp/convert';
import { PROJECT_ROOT } from '../helpers';
import { dockerPage } from './checkHarness';

const DOCS = fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'rules', 'buildkit-checks.md'), 'utf8');

describe('BuildKit checks: tests, docs and links for each', () => {
  for (const rule of BUILDKIT_RULES) {
    it(`${rule.id}: a test file, a docs section with Docker's link, a diagnostic linking there`, () => {
      assert.ok(fs.existsSync(path.join(PROJECT_ROOT, 'test', 'unit', 'buildkit', `${rule.id}.test.ts`)), `test/unit/buildkit/${rule.id}.test.ts`);
      const section = DOCS.split(/^## /m).find((part) => part.startsWith(`${rule.id}\n`));
      assert.ok(section, `docs/rules/buildkit-checks.md has no "## ${rule.id}" section`);
      assert.ok(section.includes(dockerPage(rule.id)), `the ${rule.id} section links to ${dockerPage(rule.id)}`);
      assert.equal(ruleDocsUrl(rule.id, undefined), dockerPage(rule.id));
      assert.equal(ruleDocsUrl(rule.id, '/ext/docs/rules'), dockerPage(rule.id));
    });
  }

  it('the docs say which checks are left out and why', () => {
    const leftOut = DOCS.slice(DOCS.indexOf('## Checks left out'));
    assert.ok(leftOut.length > 0 && DOCS.includes('## Checks left out'));
    for (const name of ['InvalidBaseImagePlatform', 'InvalidDefinitionDescription']) {
      assert.match(leftOut, new RegExp(`\\*\\*${name}\\*\\*`), name);
    }
  });
});
