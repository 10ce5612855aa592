// A COPY --from typo shows the unknown-stage-reference error, and its did-you-mean fix repairs it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyTextEdits, openFile, waitForCodes, waitForDiagnostics, codeOf } from './helper';

const UNKNOWN_STAGE = 'unknown-stage-reference';
const WITH_TYPO = [
  'FROM golang:1.26 AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /out/app .',
  '',
  'FROM gcr.io/distroless/static-debian13:nonroot',
  'COPY --from=biuld /out/app /app',
  'USER 65532:65532',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

export function registerStageReferenceSuite(): void {
  describe('stage references', () => {
    it('reports a COPY --from typo as an error and fixes it with did-you-mean', async () => {
      const document = await openFile('typo.Dockerfile', WITH_TYPO);
      const [error] = await waitForCodes(document.uri, [UNKNOWN_STAGE]);
      assert.equal(error.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(document.getText(error.range), 'biuld');

      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        error.range,
      );
      const fix = actions.find((action): action is vscode.CodeAction => action.title.includes('"build"') && 'edit' in action);
      assert.ok(fix?.edit, `did-you-mean offered among [${actions.map((action) => action.title).join(' | ')}]`);
      assert.equal(await applyTextEdits(fix.edit), true);
      assert.equal(document.getText(), WITH_TYPO.replace('--from=biuld', '--from=build'));
      await waitForDiagnostics(document.uri, (diagnostics) => !diagnostics.some((d) => codeOf(d) === UNKNOWN_STAGE), 'the error to go away');
    });
  });
}
