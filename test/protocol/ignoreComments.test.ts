// The server honours the ignore comments of other tools (`# hadolint ignore=`, BuildKit's
// `# check=skip=` and `check=error=true`) in the diagnostics it publishes.
import * as assert from 'node:assert/strict';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';
import { serverPerTest } from './serverPerTest';

const UNTAGGED_MAINTAINER = ['FROM debian', 'MAINTAINER me@example.org', 'CMD echo hello', ''];

function lineCodes(diagnostics: Diagnostic[], codes: readonly string[]): string[] {
  return diagnostics
    .filter((d) => codes.includes(String(d.code)))
    .map((d) => `${d.range.start.line}:${String(d.code)}`)
    .sort();
}

describe('language server: other tools\' ignore comments', function () {
  this.timeout(20_000);
  let client: LspClient;
  const CODES = ['unpinned-base-image', 'MaintainerDeprecated', 'shell-form-command', 'runtime-not-distroless'];

  serverPerTest((started) => (client = started));

  it('reports the findings without comments', async () => {
    const uri = 'file:///work/ignore-none/Dockerfile';
    await client.open(uri, UNTAGGED_MAINTAINER.join('\n'));
    assert.deepEqual(lineCodes(await client.diagnostics(uri, 1), CODES), ['0:runtime-not-distroless', '0:unpinned-base-image', '1:MaintainerDeprecated', '2:shell-form-command']);
  });

  it('honours # hadolint ignore= on the next instruction', async () => {
    const uri = 'file:///work/ignore-hadolint/Dockerfile';
    await client.open(uri, ['# hadolint ignore=DL3006', ...UNTAGGED_MAINTAINER].join('\n'));
    assert.deepEqual(lineCodes(await client.diagnostics(uri, 1), CODES), ['1:runtime-not-distroless', '2:MaintainerDeprecated', '3:shell-form-command']);
  });

  it('honours # check=skip= and check=error=true, and follows an edit that removes them', async () => {
    const uri = 'file:///work/ignore-check/Dockerfile';
    await client.open(uri, ['# check=skip=MaintainerDeprecated;error=true', ...UNTAGGED_MAINTAINER].join('\n'));
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(lineCodes(diagnostics, CODES), ['1:runtime-not-distroless', '1:unpinned-base-image', '3:shell-form-command']);
    assert.equal(diagnostics.find((d) => d.code === 'shell-form-command')?.severity, DiagnosticSeverity.Error);
    assert.equal(diagnostics.find((d) => d.code === 'unpinned-base-image')?.severity, DiagnosticSeverity.Warning);

    await client.replace(uri, UNTAGGED_MAINTAINER.join('\n'), 2);
    const after = await client.diagnostics(uri, 2);
    assert.ok(lineCodes(after, CODES).includes('1:MaintainerDeprecated'));
    assert.equal(after.find((d) => d.code === 'shell-form-command')?.severity, DiagnosticSeverity.Warning);
  });
});
