// Core findings to LSP diagnostics. Each diagnostic links to its rule's page (Docker's page for
// a BuildKit check).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { ONLINE_RULE_DOCS, onlineRuleDocsUrl } from '../core/ruleDocs';
import { Finding, Severity } from '../core/types';
import { findRule } from '../rules';

export const DIAGNOSTIC_SOURCE = 'stagecraft';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, docsDirectory: string | undefined): Diagnostic {
  return {
    range: finding.range,
    severity: SEVERITIES[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId, docsDirectory) },
    message: finding.message,
  };
}

/**
 * The rule pages ship with the extension (`docs/rules/`), so links work offline; the bundle
 * sits in `dist/`, one level below.
 */
export function findDocsDirectory(bundleDirectory: string): string | undefined {
  const candidate = path.resolve(bundleDirectory, '..', 'docs', 'rules');
  return fs.existsSync(candidate) ? candidate : undefined;
}

/**
 * A guide page of `docs/` (beside `docs/rules/`), e.g. `debugging-distroless.md`: shipped with
 * the extension when the rule pages are, else online.
 */
export function guideDocsUrl(page: string, docsDirectory: string | undefined): string {
  const local = docsDirectory ? path.join(docsDirectory, '..', page) : undefined;
  return local && fs.existsSync(local) ? pathToFileURL(local).toString() : `${ONLINE_RULE_DOCS.replace(/rules\/$/, '')}${page}`;
}

/** Links by docs directory and rule id: every diagnostic needs one, and they never change. */
const docsUrls = new Map<string, string>();

/** A rule's own docs link (Docker's page for a BuildKit check), else our page for it. */
export function ruleDocsUrl(ruleId: string, docsDirectory: string | undefined): string {
  const key = `${docsDirectory ?? ''}\0${ruleId}`;
  let url = docsUrls.get(key);
  if (url === undefined) {
    url = docsUrlOf(ruleId, docsDirectory);
    docsUrls.set(key, url);
  }
  return url;
}

function docsUrlOf(ruleId: string, docsDirectory: string | undefined): string {
  const own = findRule(ruleId)?.docsUrl;
  if (own) {
    return own;
  }
  return docsDirectory ? pathToFileURL(path.join(docsDirectory, `${ruleId}.md`)).toString() : onlineRuleDocsUrl(ruleId);
}
