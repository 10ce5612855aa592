// One file's check (and fix), the unit of work for a worker thread: plain data in, plain data out.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { FILE_NOT_ANALYZED, analyzeDockerfile } from '../core/analyze';
import { StagecraftConfig } from '../core/config';
import { decodeDockerfile } from '../core/decode';
import { Finding } from '../core/types';
import { fixAllEdits } from '../fixes/fixAll';
import { folderBuildContext } from '../fixes/folderContext';
import { planSplit } from '../fixes/split/splitStages';
import { applyTextEdits } from '../fixes/textEdits';
import { writeFileAtomically } from './atomicWrite';

export interface CheckJob {
  /** Absolute path. */
  path: string;
  /** As printed: relative to the working folder, with `/`. */
  displayPath: string;
  explicit: boolean;
  config: StagecraftConfig;
  /** The folder `exclude` globs are relative to (the configuration file's). */
  configFolder: string;
  fix: boolean;
  split: boolean;
  dryRun: boolean;
}

/** A finding with the text of its first line, for stable SARIF fingerprints. */
export interface ReportedFinding extends Finding {
  lineText: string;
}

export interface FileReport {
  path: string;
  displayPath: string;
  findings: ReportedFinding[];
  /** Why the file was not checked: an I/O error, or input the analysis refuses (binary, too large). */
  error?: string;
  /** A file found by a walk that is not a Dockerfile after all (binary): noted, not an error. */
  skipped?: string;
  /** With --fix: how many fixes were applied (0 when nothing changed). */
  fixesApplied?: number;
  /** With --fix --split: whether the split was applied. */
  splitApplied?: boolean;
  /** With --dry-run: the unified diff (empty when nothing would change). */
  diff?: string;
}

export function checkFile(job: CheckJob): FileReport {
  const report: FileReport = { path: job.path, displayPath: job.displayPath, findings: [] };
  let original: string;
  try {
    original = decodeDockerfile(fs.readFileSync(job.path));
  } catch (error) {
    report.error = `cannot read: ${errorMessage(error)}`;
    return report;
  }
  const buildContext = folderBuildContext(path.dirname(path.resolve(job.path)));
  const analyze = (text: string) =>
    analyzeDockerfile(text, {
      buildContext,
      ruleSeverities: job.config.rules,
      target: job.config.target,
      allowedRuntimeImages: job.config.allowedRuntimeImages,
      exclude: job.config.exclude,
      documentPath: path.relative(job.configFolder, job.path).split(path.sep).join('/'),
    });
  let text = original;
  let analysis = analyze(text);
  const refusal = analysis.findings.find((finding) => finding.ruleId === FILE_NOT_ANALYZED);
  if (refusal) {
    const reason = refusal.message.replace(/^Stagecraft did not analyse this file: /, 'not checked: ');
    if (job.explicit) {
      report.error = reason;
    } else {
      report.skipped = reason;
    }
    return report;
  }
  if (job.fix) {
    if (job.split && analysis.model) {
      const preferred = planSplit({ model: analysis.model, text, buildContext }).results[0];
      if (preferred) {
        text = applyTextEdits(text, preferred.edits);
        analysis = analyze(text);
        report.splitApplied = true;
      }
    }
    const edits = fixAllEdits(analysis.findings);
    if (edits.length > 0) {
      text = applyTextEdits(text, edits);
      analysis = analyze(text);
    }
    report.fixesApplied = edits.length;
    if (text !== original) {
      if (job.dryRun) {
        // a/ and b/ prefixes, so that `git apply` and `patch -p1` take the diff as it is.
        report.diff = createTwoFilesPatch(`a/${job.displayPath}`, `b/${job.displayPath}`, original, text, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
      } else {
        try {
          writeFileAtomically(job.path, text);
        } catch (error) {
          report.error = `cannot write the fixes: ${errorMessage(error)}`;
        }
      }
    }
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  report.findings = analysis.findings.map((finding) => ({ ...finding, fixes: undefined, lineText: lines[finding.range.start.line] ?? '' }));
  return report;
}

function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    const messages: Record<string, string> = { EACCES: 'permission denied', EISDIR: 'it is a folder', ENOENT: 'no such file', EPERM: 'operation not permitted' };
    if (messages[error.code]) {
      return messages[error.code];
    }
  }
  return error instanceof Error ? error.message : String(error);
}
