// The preferred quick fix splits the file into builder + distroless runtime, exactly as the fixture expects.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  NOT_DISTROLESS,
  SINGLE_STAGE,
  SPLIT_TITLE,
  applyTextEdits,
  codeOf,
  freshDir,
  fromLine,
  openGoBasic,
  readFixture,
  waitForCodes,
  waitForDiagnostics,
} from './helper';

const INSTALL_AFTER_COPY = 'dependency-install-after-copy';
const MISSING_DOCKERIGNORE = 'missing-dockerignore';

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

    it('shows the cache-order finding on `npm ci` after `COPY . .` and applies "copy the manifests first"', async () => {
      // A saved file beside its package.json and lock file: the fix reads the build context.
      const folder = freshDir();
      fs.writeFileSync(path.join(folder, 'package.json'), '{"name":"app","scripts":{"start":"node server.js"}}\n');
      fs.writeFileSync(path.join(folder, 'package-lock.json'), '{}\n');
      const file = path.join(folder, 'Dockerfile');
      fs.writeFileSync(file, ['FROM node:24-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci --omit=dev', 'CMD ["node", "server.js"]', ''].join('\n'));
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      await vscode.window.showTextDocument(document);

      const [finding] = (await waitForCodes(document.uri, [INSTALL_AFTER_COPY])).filter((d) => codeOf(d) === INSTALL_AFTER_COPY);
      assert.equal(finding.range.start.line, 3);
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', document.uri, finding.range, vscode.CodeActionKind.QuickFix.value, 100);
      const titles = actions.map((action) => action.title);
      const fix = actions.find((action): action is vscode.CodeAction => action.title.startsWith('Copy package.json') && 'edit' in action);
      assert.ok(fix?.edit, `copy-manifests-first offered among [${titles.join(' | ')}]`);
      assert.equal(fix.isPreferred, true);

      assert.equal(await applyTextEdits(fix.edit), true, 'the edit was applied');
      assert.equal(document.getText(), ['FROM node:24-slim', 'WORKDIR /app', 'COPY package.json package-lock.json ./', 'RUN npm ci --omit=dev', 'COPY . .', 'CMD ["node", "server.js"]', ''].join('\n'));
      await waitForDiagnostics(document.uri, (diagnostics) => !diagnostics.some((d) => codeOf(d) === INSTALL_AFTER_COPY), 'the cache-order finding to be gone after the fix');
    });

    it('offers to create .dockerignore for COPY . . in a folder without one, and the finding goes once it is saved', async () => {
      const folder = freshDir();
      fs.writeFileSync(path.join(folder, 'package.json'), '{"name":"app"}\n');
      const file = path.join(folder, 'Dockerfile');
      fs.writeFileSync(file, ['FROM node:24-slim', 'WORKDIR /app', 'COPY . .', 'CMD ["node", "server.js"]', ''].join('\n'));
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      await vscode.window.showTextDocument(document);

      const [finding] = await waitForCodes(document.uri, [MISSING_DOCKERIGNORE]);
      assert.equal(finding.range.start.line, 2);
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', document.uri, finding.range, vscode.CodeActionKind.QuickFix.value, 100);
      const fix = actions.find((action): action is vscode.CodeAction => action.title === 'Create a .dockerignore for this build context' && 'edit' in action);
      assert.ok(fix?.edit, `offered among [${actions.map((action) => action.title).join(' | ')}]`);
      assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'the edit was applied');

      const ignoreUri = vscode.Uri.file(path.join(folder, '.dockerignore'));
      const created = await vscode.workspace.openTextDocument(ignoreUri);
      assert.match(created.getText(), /^\.git$[\s\S]*^\.env\.\*$[\s\S]*^node_modules$/m);
      assert.equal(await created.save(), true, 'saved');
      assert.equal(fs.readFileSync(ignoreUri.fsPath, 'utf8'), created.getText());
      await waitForDiagnostics(document.uri, (diagnostics) => !diagnostics.some((d) => codeOf(d) === MISSING_DOCKERIGNORE), 'the finding to be gone once .dockerignore is saved');
    });
  });
}
