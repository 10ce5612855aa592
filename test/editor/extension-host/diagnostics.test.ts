// The server's two findings reach the editor with the right source, code, severity, range and link.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { NOT_DISTROLESS, SINGLE_STAGE, fromLine, openGoBasic, waitForCodes } from './helper';

export function registerDiagnosticsSuite(): void {
  describe('diagnostics', () => {
    it('reports single-stage-build and runtime-not-distroless on the FROM line', async () => {
      const document = await openGoBasic();
      const line = fromLine(document);
      const [singleStage, notDistroless] = await waitForCodes(document.uri, [SINGLE_STAGE, NOT_DISTROLESS]);

      assert.match(singleStage.message, /^Single-stage build/);
      assert.match(notDistroless.message, /^Runtime image/);
      for (const [id, diagnostic] of [[SINGLE_STAGE, singleStage], [NOT_DISTROLESS, notDistroless]] as const) {
        assert.equal(diagnostic.source, 'stagecraft');
        assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning, id);
        assert.equal(diagnostic.range.start.line, line, `${id} starts on the FROM line`);
        // The LSP client turns code + codeDescription into { value, target }.
        const code = diagnostic.code;
        assert.ok(typeof code === 'object', `${id} has a codeDescription link`);
        assert.equal(String(code.value), id);
        assert.ok(code.target.toString().endsWith(`docs/rules/${id}.md`), `${id} links ${code.target.toString()}`);
      }
    });
  });
}
