// Shared helpers for unit tests: analyse inline Dockerfiles, apply fixes, read fixtures.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, AnalysisOptions, analyzeDockerfile } from '../../server/src/core/analyze';
import { Finding, TextEdit } from '../../server/src/core/types';
import { BuildContext, Fix } from '../../server/src/fixes/fix';
import { folderBuildContext } from '../../server/src/fixes/folderContext';

/** The project root, from `out/test/unit` or `test/unit`. */
/** The folder with package.json above this file, whether it runs from out/ or another outDir. */
export const PROJECT_ROOT = findProjectRoot(__dirname);

function findProjectRoot(start: string): string {
  let folder = start;
  while (!fs.existsSync(path.join(folder, 'package.json')) && path.dirname(folder) !== folder) {
    folder = path.dirname(folder);
  }
  return folder;
}
export const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures');

/** Joins lines with `\n` and a final newline, so tests read like the file. */
export function dockerfile(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

export function analyze(text: string, options?: AnalysisOptions): Analysis {
  return analyzeDockerfile(text, options);
}

/** The findings of one rule; `options` may turn opt-in rules on (`ruleSeverities`). */
export function findingsOf(text: string, ruleId: string, options?: AnalysisOptions): Finding[] {
  return analyze(text, options).findings.filter((finding) => finding.ruleId === ruleId);
}

/** `text` with `edits` applied (as an editor applies a quick fix's edits). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text), edits);
}

/** The date fixes see in tests, so golden results that follow the calendar stay put. */
export const FIX_TEST_DATE = '2026-12-06';

/** The text after applying each way `fix` applies (variants), with their titles. */
export function applyFixVariants(fix: Fix, text: string, buildContext?: BuildContext): { title: string; text: string }[] {
  const { model } = analyze(text);
  if (!model) {
    return [];
  }
  return fix.compute({ model, text, buildContext, today: FIX_TEST_DATE }).map((result) => ({
    title: result.title ?? fix.title,
    text: TextDocument.applyEdits(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text), result.edits),
  }));
}

/** The text after applying `fix` (its first, preferred variant), or undefined when it does not apply. */
export function applyFix(fix: Fix, text: string, buildContext?: BuildContext): string | undefined {
  return applyFixVariants(fix, text, buildContext)[0]?.text;
}

/** A build context backed by a folder: the one the server and the CLI give for a Dockerfile on disk. */
export function folderContext(folder: string): BuildContext {
  return folderBuildContext(path.resolve(folder));
}

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(path.join(FIXTURES, ...parts), 'utf8');
}

/**
 * Real Dockerfiles for tests (see README, Tests): `STAGECRAFT_CORPUS` when set, else
 * `../shared/corpus` beside the project.
 */
export const SHARED_CORPUS = process.env.STAGECRAFT_CORPUS ? path.resolve(process.env.STAGECRAFT_CORPUS) : path.resolve(PROJECT_ROOT, '..', 'shared', 'corpus');

/**
 * For a `before` hook of a suite that reads `../shared/corpus`: a user's clone has no `../shared`,
 * so the suite is skipped with a line that says so; under `CI=true` a missing corpus fails.
 */
export function requireSharedCorpus(context: Mocha.Context): void {
  if (fs.existsSync(path.join(SHARED_CORPUS, 'manifest.tsv'))) {
    return;
  }
  if (process.env.CI === 'true') {
    throw new Error(`the shared corpus is missing at ${SHARED_CORPUS} (CI=true: tests that read it must run)`);
  }
  console.log(`      skipped: no shared corpus at ${SHARED_CORPUS} (a clone without ../shared; set STAGECRAFT_CORPUS to a folder with its manifest.tsv and files/ to run them; CI fails instead)`);
  context.skip();
}
