// Shared assertions for the BuildKit check tests (one file per check): a finding's code is the
// check's name and its diagnostic links to Docker's page for the check.
import * as assert from 'node:assert/strict';
import { AnalysisOptions } from '../../../server/src/core/analyze';
import { Finding } from '../../../server/src/core/types';
import { toDiagnostic } from '../../../server/src/lsp/convert';
import { analyze } from '../helpers';

/** Docker's page slugs, written out by hand so the tests do not trust the code that builds them. */
const DOCKER_SLUGS: Record<string, string> = {
  ConsistentInstructionCasing: 'consistent-instruction-casing',
  CopyIgnoredFile: 'copy-ignored-file',
  DuplicateStageName: 'duplicate-stage-name',
  ExposeInvalidFormat: 'expose-invalid-format',
  ExposeProtoCasing: 'expose-proto-casing',
  FromAsCasing: 'from-as-casing',
  FromPlatformFlagConstDisallowed: 'from-platform-flag-const-disallowed',
  InvalidDefaultArgInFrom: 'invalid-default-arg-in-from',
  JSONArgsRecommended: 'json-args-recommended',
  LegacyKeyValueFormat: 'legacy-key-value-format',
  MaintainerDeprecated: 'maintainer-deprecated',
  MultipleInstructionsDisallowed: 'multiple-instructions-disallowed',
  NoEmptyContinuation: 'no-empty-continuation',
  RedundantTargetPlatform: 'redundant-target-platform',
  ReservedStageName: 'reserved-stage-name',
  SecretsUsedInArgOrEnv: 'secrets-used-in-arg-or-env',
  StageNameCasing: 'stage-name-casing',
  UndefinedArgInFrom: 'undefined-arg-in-from',
  UndefinedVar: 'undefined-var',
  WorkdirRelativePath: 'workdir-relative-path',
};

export function dockerPage(check: string): string {
  const slug = DOCKER_SLUGS[check];
  assert.ok(slug, `no Docker page known for ${check}`);
  return `https://docs.docker.com/go/dockerfile/rule/${slug}/`;
}

/** The findings of the check `check` in `text`, each asserted to carry its name and Docker's link. */
export function checkFindings(check: string, text: string, options?: AnalysisOptions): Finding[] {
  const findings = analyze(text, options).findings.filter((finding) => finding.ruleId === check);
  for (const finding of findings) {
    assert.equal(finding.buildKitCheck, check);
    assert.equal(finding.severity, 'warning');
    const diagnostic = toDiagnostic(finding, '/docs/rules');
    assert.equal(diagnostic.code, check);
    assert.equal(diagnostic.codeDescription?.href, dockerPage(check));
  }
  return findings;
}

/** Asserts the check reports exactly the given lines (0-based) and returns the findings. */
export function expectLines(check: string, text: string, lines: number[], options?: AnalysisOptions): Finding[] {
  const findings = checkFindings(check, text, options);
  assert.deepEqual(
    findings.map((finding) => finding.range.start.line),
    lines,
    findings.map((finding) => finding.message).join('\n'),
  );
  return findings;
}

/** Asserts the check is quiet on `text`. */
export function expectQuiet(check: string, text: string, options?: AnalysisOptions): void {
  expectLines(check, text, [], options);
}
