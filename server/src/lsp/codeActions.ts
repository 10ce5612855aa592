// Code actions: fixes attached to findings, the registered fixes (quick fixes on their rules'
// diagnostics, refactorings anywhere), and "ignore this rule" comments.
import {
  AnnotatedTextEdit,
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  CreateFile,
  Diagnostic,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { performance } from 'node:perf_hooks';
import { Analysis, FILE_NOT_ANALYZED } from '../core/analyze';
import { Stage } from '../core/stages';
import { Finding } from '../core/types';
import { ALL_FIXES } from '../fixes';
import { fixAllEdits } from '../fixes/fixAll';
import { BuildContext } from '../fixes/fix';
import { ignoreInFileEdit, ignoreOnInstructionEdit } from '../fixes/ignoreComments';
import { DIAGNOSTIC_SOURCE } from './convert';

const REWRITE_ANNOTATION = 'stagecraft.rewrite';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.stagecraft`;

export interface CodeActionOptions {
  /** The client shows disabled actions (greyed out, with the reason). */
  disabledSupport: boolean;
  /** Told when the registered fixes used up the time budget and the rest were not computed. */
  onBudgetSpent?: (skipped: string[]) => void;
  /** The stage that ships under the document's settings (`runtimeStageOf`); default the last. */
  runtimeStage?: Stage;
  /** The client applies `CreateFile` in a workspace edit (`workspace.workspaceEdit.resourceOperations`). */
  createFileSupport?: boolean;
}

/**
 * The time the registered fixes of one request may take together. Each is bounded by its own
 * input, but a light bulb must not wait on a pathological file: past the budget the remaining
 * fixes are not computed (the host logs which), and the cheap ones below still are.
 */
export const CODE_ACTION_BUDGET_MS = 1500;

export function codeActionsFor(
  document: TextDocument,
  analysis: Analysis,
  params: CodeActionParams,
  buildContext?: BuildContext,
  options: CodeActionOptions = { disabledSupport: false },
): CodeAction[] {
  const model = analysis.model;
  if (!model) {
    return [];
  }
  const text = document.getText();
  const ours = params.context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
  const edit = (edits: TextEdit[], needsConfirmation = false): WorkspaceEdit => {
    if (!needsConfirmation) {
      // Versioned, so an edit computed for an older text is rejected instead of misapplied.
      return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits)] };
    }
    // Annotated edits that need confirmation make VS Code show its refactor preview first.
    const annotated = edits.map((e) => AnnotatedTextEdit.replace(e.range, e.newText, REWRITE_ANNOTATION));
    return {
      documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, annotated)],
      changeAnnotations: {
        [REWRITE_ANNOTATION]: { label: 'Stagecraft refactoring', needsConfirmation: true, description: 'Review the rewritten Dockerfile before applying.' },
      },
    };
  };
  // The registered fixes (the split first) lead the menu: on a single-stage FROM line, which
  // also carries image findings, the split is what the user came for.
  const actions: CodeAction[] = [];
  const started = performance.now();
  const skipped: string[] = [];
  for (const fix of ALL_FIXES) {
    if (performance.now() - started > CODE_ACTION_BUDGET_MS) {
      skipped.push(fix.title);
      continue;
    }
    const diagnostics = ours.filter((diagnostic) => fix.forRules.includes(String(diagnostic.code)));
    const asQuickFix = diagnostics.length > 0 && wants(params, CodeActionKind.QuickFix);
    const asRefactoring = !asQuickFix && fix.alsoAsRefactoring === true && wants(params, CodeActionKind.RefactorRewrite);
    if (!asQuickFix && !asRefactoring) {
      continue;
    }
    const context = { model, text, buildContext, range: params.range, runtimeStage: options.runtimeStage };
    const results = fix.compute(context);
    const whyNot = results.length === 0 && options.disabledSupport ? fix.whyNotOffered?.(context) : undefined;
    if (whyNot) {
      // Shown greyed out with the reason, so "why is there no split?" has an answer in the editor.
      // The title carries the reason too: VS Code's menu shows only titles (full text as tooltip).
      actions.push({
        title: `${fix.title}: not offered. ${whyNot}`,
        kind: asQuickFix ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
        disabled: { reason: whyNot },
      });
    }
    for (const result of results) {
      actions.push({
        title: result.title ?? fix.title,
        kind: asQuickFix ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
        diagnostics: asQuickFix ? diagnostics : undefined,
        isPreferred: asQuickFix ? (result.isPreferred ?? fix.isPreferred) : undefined,
        edit: edit(result.edits, result.needsConfirmation),
      });
    }
  }
  if (skipped.length > 0) {
    options.onBudgetSpent?.(skipped);
  }
  if (wants(params, CodeActionKind.QuickFix)) {
    for (const diagnostic of ours) {
      for (const fix of findingFor(analysis, diagnostic)?.fixes ?? []) {
        if (fix.createFile) {
          const created = createFileEdit(document.uri, fix.createFile, options.createFileSupport === true);
          if (created) {
            actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit: created });
          }
          continue;
        }
        if (fix.otherFileEdits) {
          if (document.uri.startsWith('file:')) {
            const uri = new URL(fix.otherFileEdits.relativePath, document.uri).toString();
            // Unversioned: the file is on disk, not necessarily open; the edit applies to its current text.
            const other = { documentChanges: [TextDocumentEdit.create({ uri, version: null }, fix.otherFileEdits.edits)] };
            actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit: other });
          }
          continue;
        }
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit: edit(fix.edits) });
      }
    }
    for (const diagnostic of ours) {
      const ruleId = String(diagnostic.code);
      if (ruleId === FILE_NOT_ANALYZED) {
        continue;
      }
      const onLine = ignoreOnInstructionEdit(model, text, ruleId, diagnostic.range.start.line);
      if (onLine) {
        actions.push({ title: `Ignore ${ruleId} for this instruction`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit([onLine]) });
      }
      actions.push({ title: `Ignore ${ruleId} in this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit([ignoreInFileEdit(model, text, ruleId)]) });
    }
  }
  // Source actions run only when asked for (e.g. `editor.codeActionsOnSave`), never in the light bulb.
  if (params.context.only?.some((requested) => FIX_ALL_KIND === requested || FIX_ALL_KIND.startsWith(`${requested}.`))) {
    const edits = fixAllEdits(analysis.findings);
    if (edits.length > 0) {
      actions.push({ title: 'Fix all Stagecraft problems that have a safe fix', kind: FIX_ALL_KIND, edit: edit(edits) });
    }
  }
  return actions;
}

/**
 * A new file beside the document: create it (never overwrite one made meanwhile) and insert its
 * text. Undefined when the client cannot create files or the document has no folder (untitled).
 */
function createFileEdit(documentUri: string, file: { relativePath: string; text: string }, supported: boolean): WorkspaceEdit | undefined {
  if (!supported || !documentUri.startsWith('file:')) {
    return undefined;
  }
  const uri = new URL(file.relativePath, documentUri).toString();
  return {
    documentChanges: [
      CreateFile.create(uri, { ignoreIfExists: true }),
      TextDocumentEdit.create({ uri, version: null }, [TextEdit.insert({ line: 0, character: 0 }, file.text)]),
    ],
  };
}

function findingFor(analysis: Analysis, diagnostic: Diagnostic): Finding | undefined {
  const same = (a: Diagnostic['range'], b: Finding['range']) =>
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
  return analysis.findings.find((finding) => finding.ruleId === diagnostic.code && same(diagnostic.range, finding.range));
}

function wants(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}
