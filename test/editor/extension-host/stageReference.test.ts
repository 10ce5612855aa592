// A COPY --from typo shows the unknown-stage-reference error, and its did-you-mean fix repairs it;
// the code lens over each FROM counts the stage's uses, and go to definition on a COPY --from name
// lands on the stage's AS name.
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

    it('shows a code lens over each FROM and goes to the stage from COPY --from', async () => {
      const text = WITH_TYPO.replace('--from=biuld', '--from=build').replace('FROM golang:1.26 AS build', 'FROM alpine:3.22 AS unused\nRUN echo unused\n\nFROM golang:1.26 AS build');
      const document = await openFile('navigation.Dockerfile', text);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10);
      const titlesOnLine = (line: number) =>
        lenses.filter((lens) => lens.range.start.line === line).map((lens) => lens.command?.title ?? '').sort();
      const buildLine = text.split('\n').findIndex((line) => line.startsWith('FROM golang'));
      const runtimeLine = text.split('\n').findIndex((line) => line.startsWith('FROM gcr.io'));
      assert.deepEqual(titlesOnLine(0), ['no references', 'not used by the shipped stage']);
      assert.deepEqual(titlesOnLine(buildLine), ['1 reference']);
      assert.deepEqual(titlesOnLine(runtimeLine), ['no references', 'shipped (the last stage)']);
      assert.equal(lenses.find((lens) => lens.command?.title === '1 reference')?.command?.command, 'stagecraft.showReferences');

      const copyLine = text.split('\n').findIndex((line) => line.startsWith('COPY --from=build'));
      const inName = new vscode.Position(copyLine, 'COPY --from=bu'.length);
      const targets = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, inName);
      const ranges = targets.map((target) => ('targetRange' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range));
      assert.ok(ranges.length > 0, 'a definition for the stage name');
      assert.equal(ranges[0].start.line, buildLine);
      assert.equal(document.lineAt(buildLine).text.slice(ranges[0].start.character, ranges[0].end.character), 'build');
    });
  });
}
