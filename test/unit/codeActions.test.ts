import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActionsFor } from '../../server/src/lsp/codeActions';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { analyze, dockerfile } from './helpers';

describe('code actions: the quick-fix menu', () => {
  it('lists the split first on a FROM line that also carries image findings', () => {
    const text = dockerfile('FROM golang:1.25', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /out/api .', 'CMD ["/out/api"]');
    const analysis = analyze(text);
    const onFrom = analysis.findings.filter((finding) => finding.range.start.line === 0);
    assert.ok(onFrom.some((finding) => finding.ruleId === 'single-stage-build'));
    assert.ok(onFrom.some((finding) => finding.ruleId !== 'single-stage-build' && finding.fixes && finding.fixes.length > 0), 'another finding on the line has a fix of its own');
    const diagnostics = onFrom.map((finding) => toDiagnostic(finding, undefined));
    const document = TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text);
    const actions = codeActionsFor(document, analysis, { textDocument: { uri: document.uri }, range: diagnostics[0].range, context: { diagnostics } });
    assert.match(actions[0].title, /^Split into build and distroless runtime stages/);
    assert.equal(actions[0].isPreferred, true);
  });
});
