// Each multistage template, inserted as VS Code inserts a snippet (every tab stop at its
// default), is the text our expander computes, and once saved Stagecraft reports nothing on it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { expandSnippet } from '../../../server/src/authoring/snippetSyntax';
import { SNIPPETS_FILE, parseTemplates } from '../../../server/src/authoring/templates';
import { NOT_DISTROLESS, codeOf, openFile, projectRoot, stagecraftDiagnostics, waitForCodes, waitForDiagnostics } from './helper';

export function registerSnippetsSuite(): void {
  describe('snippets', () => {
    const { templates } = parseTemplates(fs.readFileSync(path.join(projectRoot(), SNIPPETS_FILE), 'utf8'));

    it('reads the templates the extension contributes', () => {
      assert.ok(templates.filter((t) => t.isFileTemplate).length >= 9, `${templates.length} templates`);
    });

    for (const template of templates.filter((t) => t.isFileTemplate)) {
      it(`"${template.name}" inserts a full multistage Dockerfile that shows no problems`, async () => {
        // Start from a file with a finding, so that its disappearance proves the template was analysed.
        const document = await openFile('Dockerfile', 'FROM ubuntu:24.04\nCMD ["/app"]\n');
        // The template copies the whole context: the project has the .dockerignore it should have.
        fs.writeFileSync(path.join(path.dirname(document.uri.fsPath), '.dockerignore'), '.git\n.env\n.env.*\nnode_modules\n**/__pycache__\n**/*.pyc\ntarget\n**/bin\n**/obj\n');
        await waitForCodes(document.uri, [NOT_DISTROLESS]);
        const editor = await vscode.window.showTextDocument(document);
        const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
        assert.equal(await editor.insertSnippet(new vscode.SnippetString(template.snippet), whole), true, 'inserted');
        await vscode.commands.executeCommand('leaveSnippet');
        assert.equal(document.getText(), expandSnippet(template.snippet).text, 'VS Code inserted what the expander computes');
        assert.equal(await document.save(), true, 'saved');
        const diagnostics = await waitForDiagnostics(document.uri, (found) => found.length === 0, 'no Stagecraft finding on the template');
        assert.deepEqual(diagnostics, []);
        assert.deepEqual(stagecraftDiagnostics(document.uri).map((d) => `${codeOf(d)}: ${d.message}`), []);
      });
    }
  });
}
