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

  it('creates .dockerignore beside the Dockerfile where the client can create files, and only there', () => {
    const text = dockerfile('FROM node:24', 'WORKDIR /app', 'COPY . .', 'RUN npm ci');
    const buildContext = { readFile: () => undefined, listDirectory: () => ['package.json'] };
    const analysis = analyze(text, { buildContext, documentPath: 'web/Dockerfile' });
    const finding = analysis.findings.find((f) => f.ruleId === 'missing-dockerignore');
    assert.ok(finding);
    const diagnostics = [toDiagnostic(finding, undefined)];
    const document = TextDocument.create('file:///work/web/Dockerfile', 'dockerfile', 3, text);
    const params = { textDocument: { uri: document.uri }, range: finding.range, context: { diagnostics, only: ['quickfix'] } };
    const titled = (createFileSupport: boolean, doc = document) =>
      codeActionsFor(doc, analysis, { ...params, textDocument: { uri: doc.uri } }, undefined, { disabledSupport: false, createFileSupport }).filter((action) => action.title.startsWith('Create a .dockerignore'));
    const [action, ...rest] = titled(true);
    assert.equal(rest.length, 0);
    assert.deepEqual(action.edit?.documentChanges?.[0], { kind: 'create', uri: 'file:///work/web/.dockerignore', options: { ignoreIfExists: true } });
    const insert = action.edit?.documentChanges?.[1];
    assert.ok(insert && 'edits' in insert);
    assert.deepEqual(insert.textDocument, { uri: 'file:///work/web/.dockerignore', version: null });
    const [inserted] = insert.edits;
    assert.ok('newText' in inserted);
    assert.match(inserted.newText, /^\.git$[\s\S]*^node_modules$/m);
    assert.equal(titled(false).length, 0, 'not offered to a client without CreateFile');
    assert.equal(titled(true, TextDocument.create('untitled:Untitled-1', 'dockerfile', 1, text)).length, 0, 'not offered without a folder');
  });
});
