// `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it (docs.github.com, "SARIF support
// for code scanning"): the rules with help links, one result per finding with a 1-based region,
// paths relative to the working folder (%SRCROOT%), and fingerprints that survive edits above a
// finding: a hash of the rule, the file, the finding's line text (trimmed, spaces collapsed) and
// how many such findings came before it in the file, never the line number.
import * as crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Severity } from '../../core/types';
import { ReportedFinding } from '../checkFile';
import { REPORTED_RULES, ruleUrl } from './ruleMetadata';
import { RunReport, sortedFindings } from './summary';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
export const FINGERPRINT_KEY = 'stagecraftFindingHash/v1';

export interface ToolInfo {
  version: string;
  informationUri: string;
}

export function formatSarif(run: RunReport, tool: ToolInfo, workingFolder: string): string {
  const rules = REPORTED_RULES.map((rule) => ({
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase()),
    shortDescription: { text: rule.description },
    helpUri: ruleUrl(rule.id),
    help: { text: `${rule.description} See ${ruleUrl(rule.id)}`, markdown: `${rule.description} [Rule page](${ruleUrl(rule.id)})` },
    defaultConfiguration: { enabled: rule.enabledByDefault, level: LEVELS[rule.defaultSeverity] },
  }));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = run.files.flatMap((file) => {
    const seen = new Map<string, number>();
    return sortedFindings(file.findings).map((finding) => {
      const lineKey = `${finding.ruleId}\0${normalizeLine(finding.lineText)}`;
      const occurrence = seen.get(lineKey) ?? 0;
      seen.set(lineKey, occurrence + 1);
      const index = ruleIndex.get(finding.ruleId);
      return {
        ruleId: finding.ruleId,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVELS[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(file.displayPath), uriBaseId: '%SRCROOT%' }, region: regionOf(finding) } }],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(finding.ruleId, file.displayPath, finding.lineText, occurrence) },
      };
    });
  });
  const errors = [
    ...run.problems.map((problem) => ({ level: 'error' as const, message: { text: problem } })),
    ...run.files.filter((file) => file.error).map((file) => ({ level: 'error' as const, message: { text: `${file.displayPath}: ${file.error}` } })),
  ];
  const notes = run.files.filter((file) => file.skipped).map((file) => ({ level: 'note' as const, message: { text: `${file.displayPath}: skipped: ${file.skipped}` } }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Stagecraft', semanticVersion: tool.version, version: tool.version, informationUri: tool.informationUri, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: folderUri(workingFolder) } },
        invocations: [{ executionSuccessful: errors.length === 0, toolExecutionNotifications: [...errors, ...notes] }],
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** SARIF regions are 1-based; an empty range still covers one column, as code scanning shows it. */
function regionOf(finding: ReportedFinding): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  const { start, end } = finding.range;
  const endColumn = end.line === start.line && end.character <= start.character ? start.character + 2 : end.character + 1;
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn };
}

function normalizeLine(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

export function fingerprint(ruleId: string, file: string, lineText: string, occurrence: number): string {
  return crypto.createHash('sha256').update([ruleId, file, normalizeLine(lineText), String(occurrence)].join('\0')).digest('hex').slice(0, 32);
}

/** A relative path as a URI reference: `/` separators, each segment percent-encoded. */
function uriOf(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}

function folderUri(folder: string): string {
  const uri = pathToFileURL(folder).toString();
  return uri.endsWith('/') ? uri : `${uri}/`;
}
