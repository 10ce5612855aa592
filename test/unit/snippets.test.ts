// The templates of snippets/dockerfile.json: valid for VS Code, and each one, expanded with its
// defaults, a Dockerfile on which Stagecraft reports nothing. Fragments (a named stage, a COPY
// --from line) are expanded inside a correct host file, at the place they are meant for.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expandSnippet, parseSnippet, snippetFileProblems } from '../../server/src/authoring/snippetSyntax';
import { SNIPPETS_FILE, Template, parseTemplates } from '../../server/src/authoring/templates';
import { analyzeDockerfile } from '../../server/src/core/analyze';
import { parseImageReference } from '../../server/src/core/imageReference';
import { lookupImage } from '../../server/src/catalog/catalog';
import { PROJECT_ROOT } from './helpers';

const TODAY = '2026-11-29';
const json = fs.readFileSync(path.join(PROJECT_ROOT, SNIPPETS_FILE), 'utf8');
const { templates } = parseTemplates(json);

/** Where each fragment goes: `%SNIPPET%` marks the line it is inserted at. */
const FRAGMENT_HOSTS: Record<string, string> = {
  'Named build stage': [
    '%SNIPPET%',
    'COPY . .',
    'RUN CGO_ENABLED=0 go build -o /out/app .',
    '',
    'FROM gcr.io/distroless/static-debian13:nonroot',
    'COPY --from=build /out/app /app',
    'USER 65532:65532',
    'ENTRYPOINT ["/app"]',
    '',
  ].join('\n'),
  'COPY --from a build stage': [
    'FROM golang:1.26 AS build',
    'WORKDIR /src',
    'COPY . .',
    'RUN CGO_ENABLED=0 go build -o /out/app .',
    '',
    'FROM gcr.io/distroless/static-debian13:nonroot',
    '%SNIPPET%',
    'USER 65532:65532',
    'ENTRYPOINT ["/app"]',
    '',
  ].join('\n'),
};

/** The ecosystems the issue asks for, each matched by a template name. */
const REQUIRED = [/Python \(pip\)/, /Python \((uv|Poetry)\)/, /Node\.js \(npm\)/, /\bGo\b/, /Java \(Maven\)/, /Java \(Gradle\)/, /Rust/, /\.NET/, /build \+ distroless runtime/, /Named build stage/, /COPY --from/];

function documentFor(template: Template): string {
  if (template.isFileTemplate) {
    return template.text;
  }
  const host = FRAGMENT_HOSTS[template.name];
  assert.ok(host, `fragment "${template.name}" needs a host file in FRAGMENT_HOSTS`);
  return host.replace('%SNIPPET%', template.text);
}

describe('snippets/dockerfile.json', () => {
  it('is valid for VS Code: prefix, body and description on every snippet, bodies that parse', () => {
    assert.deepEqual(snippetFileProblems(JSON.parse(json)), []);
    assert.ok(templates.length >= REQUIRED.length);
  });

  it('has a template for every ecosystem the issue names', () => {
    for (const pattern of REQUIRED) {
      assert.ok(templates.some((t) => pattern.test(t.name)), `a template matching ${pattern}`);
    }
  });

  it('has unique prefixes', () => {
    const prefixes = templates.flatMap((t) => t.prefixes);
    assert.deepEqual(prefixes.filter((p, i) => prefixes.indexOf(p) !== i), []);
  });

  for (const template of templates) {
    describe(template.name, () => {
      it('expanded with its defaults, Stagecraft reports nothing', () => {
        const text = documentFor(template);
        const { findings } = analyzeDockerfile(text, { today: TODAY });
        const shown = findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}: ${f.message}`);
        assert.deepEqual(shown, [], `findings on:\n${text}`);
      });

      if (template.isFileTemplate) {
        it('is multistage, with a distroless runtime that runs as non-root in exec form', () => {
          const text = template.text;
          const froms = text.split('\n').filter((line) => /^FROM\s/.test(line));
          assert.ok(froms.length >= 2, 'at least two stages');
          const runtime = froms[froms.length - 1].replace(/^FROM\s+/, '').split(/\s+/)[0];
          const lookup = lookupImage(parseImageReference(runtime)!);
          assert.equal(lookup.kind, 'distroless', runtime);
          assert.ok(!lookup.isDebugVariant, `${runtime} is not a debug image`);
          assert.ok(/^USER (65532:65532|\$APP_UID)$/m.test(text), 'USER 65532:65532 (or $APP_UID on .NET)');
          assert.ok(!/^(CMD|ENTRYPOINT) [^[]/m.test(text), 'CMD and ENTRYPOINT in exec form');
          if (runtime.startsWith('gcr.io/distroless/')) {
            assert.match(runtime, /-debian13:nonroot$/, 'distroless runtimes are -debian13:nonroot');
          }
        });

        it('lets the user decide with tab stops, ending at $0', () => {
          const { stops } = expandSnippet(template.snippet);
          assert.ok(stops.size >= 2, 'at least one tab stop besides $0');
          assert.ok(stops.has(0), 'a final $0');
        });
      }
    });
  }

  it('offers matching runtime images as a choice where more than one fits', () => {
    const choices = templates.flatMap((t) => {
      const found: string[][] = [];
      const visit = (nodes: ReturnType<typeof parseSnippet>): void => {
        for (const node of nodes) {
          if (node.kind === 'choice') found.push(node.options);
          if (node.kind === 'placeholder') visit(node.children);
        }
      };
      visit(parseSnippet(t.snippet));
      return found;
    });
    const imageChoices = choices.filter((options) => options.every((option) => /\//.test(option)));
    assert.ok(imageChoices.length >= 3, 'runtime image choices in several templates');
    for (const option of imageChoices.flat()) {
      assert.equal(lookupImage(parseImageReference(option)!).kind, 'distroless', option);
    }
  });
});

describe('snippet syntax', () => {
  it('expands tab stops, placeholders, choices and $0 with their defaults', () => {
    assert.equal(expandSnippet('FROM ${1:golang:1.26} AS $2$0').text, 'FROM golang:1.26 AS ');
    assert.equal(expandSnippet('FROM ${1|static,base,cc|}-debian13').text, 'FROM static-debian13');
    assert.equal(expandSnippet('${1:outer ${2:inner} end}').text, 'outer inner end');
  });

  it('mirrors a tab stop with the first default given for its index', () => {
    assert.equal(expandSnippet('node:${1|24,22|} nodejs$1 ${1}').text, 'node:24 nodejs24 24');
    assert.equal(expandSnippet('$2 ${2:app} /${2:app}').text, 'app app /app');
  });

  it('unescapes \\$, \\} and \\\\, and keeps a $ that starts nothing', () => {
    assert.equal(expandSnippet('USER \\$APP_UID \\} \\\\ ${1:a\\}b} 5$ $').text, 'USER $APP_UID } \\ a}b 5$ $');
    assert.equal(expandSnippet('${1|a\\,b,c\\|d|}').text, 'a,b');
    // A line continuation: a backslash before a newline stays.
    assert.equal(expandSnippet('RUN a \\\n && b').text, 'RUN a \\\n && b');
  });

  it('reports where each tab stop starts in the expansion', () => {
    const { stops } = expandSnippet('FROM ${1:img} AS ${2:build}\n$0');
    assert.deepEqual(stops.get(1), { start: 5, end: 8 });
    assert.deepEqual(stops.get(2), { start: 12, end: 17 });
    assert.deepEqual(stops.get(0), { start: 18, end: 18 });
  });

  it('parses variables, and rejects unclosed placeholders and choices', () => {
    assert.deepEqual(parseSnippet('$TM_FILENAME'), [{ kind: 'variable', name: 'TM_FILENAME' }]);
    assert.throws(() => parseSnippet('FROM ${1:image'), /never closed/);
    assert.throws(() => parseSnippet('${1|a,b'), /never closed/);
    assert.throws(() => parseSnippet('${1 x}'), /not followed by/);
  });

  it('checks a snippet file against VS Code\'s format', () => {
    assert.deepEqual(snippetFileProblems({ ok: { prefix: 'p', body: ['a', 'b'], description: 'd' } }), []);
    assert.deepEqual(snippetFileProblems({ ok: { prefix: ['p', 'q'], body: 'a', description: 'd', isFileTemplate: true } }), []);
    const problems = snippetFileProblems({
      noPrefix: { body: 'a', description: 'd' },
      badBody: { prefix: 'p', body: 3, description: 'd' },
      noDescription: { prefix: 'p', body: 'a' },
      extra: { prefix: 'p', body: 'a', description: 'd', bogus: 1 },
      variable: { prefix: 'p', body: 'USER $APP_UID', description: 'd' },
      twoDefaults: { prefix: 'p', body: '${1:a} ${1:b}', description: 'd' },
    });
    assert.equal(problems.length, 6, problems.join('\n'));
    assert.match(problems.join('\n'), /"noPrefix".*prefix/);
    assert.match(problems.join('\n'), /"variable".*\\\\\$APP_UID/);
    assert.deepEqual(snippetFileProblems([]), ['the snippet file must be a JSON object of snippet names to snippets']);
  });
});
