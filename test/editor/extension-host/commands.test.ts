// "Stagecraft: Restart Server" is registered, and the restarted server still analyses files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { NOT_DISTROLESS, SINGLE_STAGE, openGoBasic, waitForCodes } from './helper';

export function registerCommandsSuite(): void {
  describe('commands', () => {
    it('stagecraft.restartServer exists and diagnostics still arrive after it ran', async () => {
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes('stagecraft.restartServer'), 'stagecraft.restartServer is registered');

      await vscode.commands.executeCommand('stagecraft.restartServer');
      const document = await openGoBasic('after-restart.Dockerfile');
      await waitForCodes(document.uri, [SINGLE_STAGE, NOT_DISTROLESS]);
    });
  });
}
