// Shared helpers for unit tests: analyse inline Dockerfiles, apply fixes, read fixtures.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, AnalysisOptions, analyzeDockerfile } from '../../server/src/core/analyze';
import { Finding } from '../../server/src/core/types';
import { Fix } from '../../server/src/fixes/fix';

/** The project root, from `out/test/unit` or `test/unit`. */
export const PROJECT_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
export const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures');

/** Joins lines with `\n` and a final newline, so tests read like the file. */
export function dockerfile(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

export function analyze(text: string, options?: AnalysisOptions): Analysis {
  return analyzeDockerfile(text, options);
}

export function findingsOf(text: string, ruleId: string): Finding[] {
  return analyze(text).findings.filter((finding) => finding.ruleId === ruleId);
}

/** The text after applying `fix`, or undefined when the fix does not apply. */
export function applyFix(fix: Fix, text: string): string | undefined {
  const { model } = analyze(text);
  if (!model) {
    return undefined;
  }
  const result = fix.compute({ model, text });
  if (!result) {
    return undefined;
  }
  return TextDocument.applyEdits(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text), result.edits);
}

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(path.join(FIXTURES, ...parts), 'utf8');
}
