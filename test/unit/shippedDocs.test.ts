// The rule pages ship inside the .vsix so that the links in diagnostics work offline; the pages
// they link to must ship too, or the link opens nothing. Reads .vscodeignore as vsce does for
// the patterns it uses here: `**` first, then `!path` or `!folder/**` for what ships.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from './helpers';

function shippedPatterns(): string[] {
  return fs
    .readFileSync(path.join(PROJECT_ROOT, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1));
}

function ships(relativePath: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => (pattern.endsWith('/**') ? relativePath.startsWith(pattern.slice(0, -2)) : relativePath === pattern));
}

describe('docs shipped in the .vsix', () => {
  it('every relative link of a shipped page points at a shipped file', () => {
    const patterns = shippedPatterns();
    const pages = fs.readdirSync(path.join(PROJECT_ROOT, 'docs', 'rules')).map((name) => `docs/rules/${name}`);
    const broken: string[] = [];
    for (const page of pages.filter((each) => ships(each, patterns) && each.endsWith('.md'))) {
      const text = fs.readFileSync(path.join(PROJECT_ROOT, page), 'utf8');
      for (const [, target] of text.matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)/g)) {
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(page), target));
        if (!ships(resolved, patterns) || !fs.existsSync(path.join(PROJECT_ROOT, resolved))) {
          broken.push(`${page} -> ${target}`);
        }
      }
    }
    assert.ok(pages.length > 30, `rule pages found: ${pages.length}`);
    assert.deepEqual(broken, []);
  });

  it('knows a page that is not shipped when it sees one', () => {
    const patterns = shippedPatterns();
    assert.equal(ships('docs/rules/single-stage-build.md', patterns), true);
    assert.equal(ships('docs/ARCHITECTURE.md', patterns), false);
  });
});
