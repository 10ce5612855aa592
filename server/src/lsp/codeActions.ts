// Code actions: the fixes registered in the core, offered on their rules' diagnostics
// (quick fixes) and, for refactorings, anywhere in the file.
import { CodeAction, CodeActionKind, CodeActionParams, TextDocumentEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis } from '../core/analyze';
import { ALL_FIXES } from '../fixes';
import { DIAGNOSTIC_SOURCE } from './convert';

export function codeActionsFor(document: TextDocument, analysis: Analysis, params: CodeActionParams): CodeAction[] {
  const model = analysis.model;
  if (!model) {
    return [];
  }
  const text = document.getText();
  const actions: CodeAction[] = [];
  for (const fix of ALL_FIXES) {
    const diagnostics = params.context.diagnostics.filter(
      (diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE && fix.forRules.includes(String(diagnostic.code)),
    );
    const asQuickFix = diagnostics.length > 0 && wants(params, CodeActionKind.QuickFix);
    const asRefactoring = !asQuickFix && fix.alsoAsRefactoring === true && wants(params, CodeActionKind.RefactorRewrite);
    if (!asQuickFix && !asRefactoring) {
      continue;
    }
    const result = fix.compute({ model, text });
    if (!result) {
      continue;
    }
    actions.push({
      title: fix.title,
      kind: asQuickFix ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
      diagnostics: asQuickFix ? diagnostics : undefined,
      isPreferred: asQuickFix ? fix.isPreferred : undefined,
      edit: {
        // Versioned, so an edit computed for an older text is rejected instead of misapplied.
        documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, result.edits)],
      },
    });
  }
  return actions;
}

function wants(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}
