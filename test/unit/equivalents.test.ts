// The table of other tools' codes (rules/equivalents.ts): it names only real rules and checks, and
// the docs pages list exactly its entries (scripts/sync-suppression-docs.mjs writes them).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../server/src/rules';
import { BUILDKIT_CHECK_NAMES } from '../../server/src/rules/buildkit';
import { FOREIGN_EQUIVALENTS, RULES_COVERING_A_CHECK, alsoSilencedByLine, equivalentsTableMarkdown } from '../../server/src/rules/equivalents';
import { PROJECT_ROOT, analyze, dockerfile } from './helpers';

const RULE_IDS = new Set(ALL_RULES.map((rule) => rule.id));
/** Codes hadolint removed (rules-and-distroless research §1.1): a table naming one is stale. */
const REMOVED_HADOLINT_CODES = ['DL3005', 'DL3017', 'DL3031', 'DL3039', 'DL4002'];

describe('equivalents table', () => {
  it('silences only Stagecraft rules and BuildKit checks that exist', () => {
    for (const entry of FOREIGN_EQUIVALENTS) {
      assert.ok(entry.silences.length > 0, entry.code);
      for (const target of entry.silences) {
        assert.ok(RULE_IDS.has(target) || BUILDKIT_CHECK_NAMES.includes(target), `${entry.tool} ${entry.code} -> ${target}`);
      }
    }
  });

  it('has each code once, spelled as its tool spells it', () => {
    const keys = FOREIGN_EQUIVALENTS.map((entry) => `${entry.tool} ${entry.code}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const entry of FOREIGN_EQUIVALENTS) {
      const spelling = entry.tool === 'hadolint' ? /^DL\d{4}$/ : /^[a-z][a-z0-9-]*(\/[a-z0-9-]+)*$/;
      assert.match(entry.code, spelling);
      assert.ok(!REMOVED_HADOLINT_CODES.includes(entry.code), entry.code);
    }
  });

  it('the rules said to cover a check really report it', () => {
    const samples: Record<string, string> = {
      'shell-form-command': dockerfile('FROM alpine:3.23', 'CMD echo hello'),
      'secret-in-image': dockerfile('FROM alpine:3.23', 'ENV DB_PASSWORD=hunter2'),
    };
    assert.deepEqual(Object.keys(samples).sort(), Object.keys(RULES_COVERING_A_CHECK).sort());
    for (const [ruleId, text] of Object.entries(samples)) {
      const finding = analyze(text, { today: '2026-12-06' }).findings.find((f) => f.ruleId === ruleId);
      assert.equal(finding?.buildKitCheck, RULES_COVERING_A_CHECK[ruleId], ruleId);
    }
  });
});

describe('equivalents in the docs', () => {
  const MARKER = '**Also silenced by:**';

  it('each rule page lists exactly the comments that silence it (node scripts/sync-suppression-docs.mjs)', () => {
    let pagesWithLine = 0;
    for (const rule of ALL_RULES) {
      const page = path.join(PROJECT_ROOT, 'docs', 'rules', `${rule.id}.md`);
      if (!fs.existsSync(page)) {
        continue;
      }
      const lines = fs.readFileSync(page, 'utf8').split('\n').filter((line) => line.startsWith(MARKER));
      const expected = alsoSilencedByLine(rule.id);
      assert.deepEqual(lines, expected ? [expected] : [], rule.id);
      pagesWithLine += lines.length;
    }
    assert.ok(pagesWithLine >= 7, `${pagesWithLine} pages`);
  });

  it('each mapped Stagecraft rule page names every table entry that silences it', () => {
    for (const entry of FOREIGN_EQUIVALENTS) {
      for (const target of entry.silences.filter((id) => RULE_IDS.has(id) && !BUILDKIT_CHECK_NAMES.includes(id))) {
        const text = fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'rules', `${target}.md`), 'utf8');
        assert.ok(text.includes(`\`# ${entry.tool} ignore=${entry.code}\``), `${target}.md lacks ${entry.tool} ${entry.code}`);
      }
    }
  });

  it('docs/ignore-comments.md has the whole table', () => {
    const text = fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'ignore-comments.md'), 'utf8');
    assert.ok(text.includes(equivalentsTableMarkdown()));
  });
});
