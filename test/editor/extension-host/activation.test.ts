// File names beyond plain "Dockerfile" get the dockerfile language, and so the extension.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, NOT_DISTROLESS, SINGLE_STAGE, openGoBasic, waitForCodes } from './helper';

export function registerActivationSuite(): void {
  describe('activation', () => {
    for (const name of ['app.Dockerfile', 'Containerfile']) {
      it(`${name} is a dockerfile and gets diagnostics`, async () => {
        const document = await openGoBasic(name);
        assert.equal(document.languageId, 'dockerfile');
        await waitForCodes(document.uri, [SINGLE_STAGE, NOT_DISTROLESS]);
        assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true, 'the extension is active');
      });
    }
  });
}
