// The preferred quick fix splits the file into builder + distroless runtime, exactly as the fixture expects.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  NOT_DISTROLESS,
  SINGLE_STAGE,
  SPLIT_TITLE,
  applyTextEdits,
  codeOf,
  fromLine,
  openGoBasic,
  readFixture,
  waitForCodes,
  waitForDiagnostics,
} from './helper';

export function registerCodeActionsSuite(): void {
  describe('code actions', () => {
    it('offers the split fix as preferred, and applying it gives expected.Dockerfile', async () => {
      const document = await openGoBasic();
      await waitForCodes(document.uri, [SINGLE_STAGE, NOT_DISTROLESS]);

      const range = document.lineAt(fromLine(document)).range;
      // The 4th argument resolves lazily computed edits, as the lightbulb would on selection.
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        range,
        undefined,
        100,
      );
      const titles = actions.map((action) => action.title);
      const split = actions.find((action): action is vscode.CodeAction => action.title === SPLIT_TITLE && 'isPreferred' in action);
      assert.ok(split, `split fix offered among [${titles.join(' | ')}]`);
      assert.equal(split.isPreferred, true);
      assert.ok(split.edit, 'the split fix carries an edit');

      assert.equal(await applyTextEdits(split.edit), true, 'the edit was applied');
      assert.equal(document.getText(), readFixture('split', 'go-basic', 'expected.Dockerfile'));

      await waitForDiagnostics(
        document.uri,
        (diagnostics) => !diagnostics.some((d) => codeOf(d) === SINGLE_STAGE || codeOf(d) === NOT_DISTROLESS),
        'both findings to be gone after the fix',
      );
    });
  });
}
