// Writes the other tools' equivalent codes (server/src/rules/equivalents.ts) into the docs: the
// "Also silenced by" line of each rule page's "How to silence" section, and the table of
// docs/ignore-comments.md. Run after changing the table (needs `npx tsc -p .` first);
// test/unit/equivalents.test.ts fails while the docs are out of date.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { alsoSilencedByLine, equivalentsTableMarkdown } = require(path.join(root, 'out/server/src/rules/equivalents.js'));
const { ALL_RULES } = require(path.join(root, 'out/server/src/rules/index.js'));

const MARKER = '**Also silenced by:**';
let changed = 0;
for (const rule of ALL_RULES) {
  const page = path.join(root, 'docs/rules', `${rule.id}.md`);
  if (!fs.existsSync(page)) {
    continue;
  }
  const before = fs.readFileSync(page, 'utf8');
  const kept = before.split('\n').filter((line) => !line.startsWith(MARKER));
  const line = alsoSilencedByLine(rule.id);
  if (line) {
    const section = kept.findIndex((text) => text.startsWith('## How to silence'));
    if (section === -1) {
      throw new Error(`${page} has no "## How to silence" section`);
    }
    let end = section + 1;
    while (end < kept.length && !kept[end].startsWith('## ')) {
      end++;
    }
    while (end > section + 1 && kept[end - 1].trim() === '') {
      end--;
    }
    kept.splice(end, 0, '', line);
  }
  // One newline at the end, however many blank lines the removed line left behind.
  const after = kept.join('\n').replace(/\n+$/, '\n');
  if (after !== before) {
    fs.writeFileSync(page, after);
    changed++;
  }
}

const tablePage = path.join(root, 'docs/ignore-comments.md');
const text = fs.readFileSync(tablePage, 'utf8');
const start = '<!-- equivalents:start -->';
const end = '<!-- equivalents:end -->';
const updated = text.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${equivalentsTableMarkdown()}\n${end}`);
if (updated !== text) {
  fs.writeFileSync(tablePage, updated);
  changed++;
}
console.log(`synced the equivalents into ${changed} pages`);
