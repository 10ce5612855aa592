// BuildKit's build checks through the real server (dist/server.js over stdio): each diagnostic's
// code is the check's name and its codeDescription links to Docker's page for the check; where
// our rule covers a check there is one diagnostic, naming it; the quick fixes apply.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';
import { serverPerTest } from './serverPerTest';

const URI = 'file:///work/buildkit/Dockerfile';
const TEXT = [
  'ARG TAG', // 0
  'FROM node:${TAG} as Build', // 1: InvalidDefaultArgInFrom, FromAsCasing, StageNameCasing
  'MAINTAINER Jane Doe', // 2: MaintainerDeprecated
  'ENV MODE production', // 3: LegacyKeyValueFormat
  'ARG GITHUB_TOKEN', // 4: SecretsUsedInArgOrEnv
  'WORKDIR src', // 5: WorkdirRelativePath
  'run npm ci', // 6: ConsistentInstructionCasing
  'CMD npm test', // 7: JSONArgsRecommended (not the shipped stage)
  'FROM --platform=$TARGETPLATFORM node:${NODE_VERSION}', // 8: RedundantTargetPlatform, UndefinedArgInFrom
  'EXPOSE 8080/TCP 127.0.0.1:9090:9090', // 9: ExposeProtoCasing, ExposeInvalidFormat
  'ENTRYPOINT ["node"]', // 10: MultipleInstructionsDisallowed
  'ENTRYPOINT ["node", "server.js"]', // 11
  'CMD node server.js', // 12: shell-form-command, naming JSONArgsRecommended
  '',
].join('\n');

const EXPECTED: [number, string][] = [
  [1, 'FromAsCasing'],
  [1, 'InvalidDefaultArgInFrom'],
  [1, 'StageNameCasing'],
  [2, 'MaintainerDeprecated'],
  [3, 'LegacyKeyValueFormat'],
  [4, 'SecretsUsedInArgOrEnv'],
  [5, 'WorkdirRelativePath'],
  [6, 'ConsistentInstructionCasing'],
  [7, 'JSONArgsRecommended'],
  [8, 'RedundantTargetPlatform'],
  [8, 'UndefinedArgInFrom'],
  [9, 'ExposeInvalidFormat'],
  [9, 'ExposeProtoCasing'],
  [10, 'MultipleInstructionsDisallowed'],
];

const kebab = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();

const isCheck = (diagnostic: Diagnostic) => /^[A-Z]/.test(String(diagnostic.code));

describe('BuildKit checks over stdio', function () {
  this.timeout(20_000);
  let client: LspClient;

  serverPerTest((started) => (client = started));

  it("publishes each check with its name as code and Docker's page as codeDescription", async () => {
    await client.open(URI, TEXT);
    const diagnostics = await client.diagnostics(URI, 1);
    const checks = diagnostics.filter(isCheck);
    assert.deepEqual(
      checks.map((d): [number, string] => [d.range.start.line, String(d.code)]).sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])),
      EXPECTED,
    );
    for (const diagnostic of checks) {
      assert.equal(diagnostic.source, 'stagecraft');
      assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
      assert.equal(diagnostic.codeDescription?.href, `https://docs.docker.com/go/dockerfile/rule/${kebab(String(diagnostic.code))}/`);
    }
    assert.equal(checks.find((d) => d.code === 'JSONArgsRecommended')?.codeDescription?.href, 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/');
  });

  it('gives one diagnostic on the shipped shell-form CMD: shell-form-command, naming JSONArgsRecommended', async () => {
    await client.open(URI, TEXT);
    const onCmd = (await client.diagnostics(URI, 1)).filter((d) => d.range.start.line === 12 && /JSONArgsRecommended|shell-form/.test(`${String(d.code)} ${String(d.message)}`));
    assert.deepEqual(
      onCmd.map((d) => d.code),
      ['shell-form-command'],
    );
    assert.match(String(onCmd[0].message), /\(BuildKit check JSONArgsRecommended\)\.$/);
  });

  it("applies MaintainerDeprecated's quick fix from the server", async () => {
    await client.open(URI, TEXT);
    const diagnostic = (await client.diagnostics(URI, 1)).find((d) => d.code === 'MaintainerDeprecated');
    assert.ok(diagnostic);
    const actions = await client.codeActions(URI, diagnostic.range, [diagnostic], ['quickfix']);
    const action = actions.find((a) => a.title.startsWith('Replace with LABEL'));
    assert.ok(action?.edit?.documentChanges, actions.map((a) => a.title).join('\n'));
    const change = action.edit.documentChanges[0] as TextDocumentEdit;
    const fixed = TextDocument.applyEdits(TextDocument.create(URI, 'dockerfile', 1, TEXT), change.edits.filter((edit): edit is TextEdit => 'newText' in edit));
    assert.equal(fixed.split('\n')[2], 'LABEL org.opencontainers.image.authors="Jane Doe"');
  });
});
