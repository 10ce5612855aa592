// Stage navigation: occurrences of a stage in every form, rename, the code lens, the target
// directive, and the stage graph's Mermaid and SVG.
import * as assert from 'node:assert/strict';
import { StageModel } from '../../server/src/core/stages';
import { Position } from '../../server/src/core/types';
import { runtimeStageOf } from '../../server/src/core/analyze';
import { invalidStageName, occurrenceAt, occurrencesOf, renameEdits } from '../../server/src/authoring/stageOccurrences';
import { stageLenses } from '../../server/src/authoring/stageLenses';
import { buildStageGraphView, stageGraphMermaid, stageGraphSvg } from '../../server/src/authoring/stageGraphView';
import { analyze, applyEdits, dockerfile, findingsOf } from './helpers';

const MULTISTAGE = dockerfile(
  'FROM golang:1.26 AS deps', // 0
  'COPY go.mod go.sum ./', // 1
  'RUN go mod download', // 2
  'FROM deps AS build', // 3
  'COPY . .', // 4
  'RUN --mount=type=cache,target=/root/.cache,from=deps go build -o /out/app .', // 5
  'FROM build AS test', // 6
  'RUN go test ./...', // 7
  'FROM gcr.io/distroless/static-debian13:nonroot AS runtime', // 8
  'COPY --from=build /out/app /app', // 9
  'COPY --from=0 /go/pkg/mod/cache/LICENSE /LICENSE', // 10
  'ENTRYPOINT ["/app"]', // 11
);

function modelOf(text: string): StageModel {
  const { model } = analyze(text);
  assert.ok(model);
  return model;
}

function at(line: number, character: number): Position {
  return { line, character };
}

/** The text of each range, with its line: easier to read in a failure than ranges. */
function described(text: string, ranges: { range: { start: Position; end: Position } }[]): string[] {
  const lines = text.split('\n');
  return ranges.map(({ range }) => `${range.start.line}:${lines[range.start.line].slice(range.start.character, range.end.character)}`);
}

describe('stage navigation', () => {
  describe('occurrences', () => {
    it('finds a stage by its name, FROM <stage>, COPY --from, RUN --mount from= and --from=<index>', () => {
      const model = modelOf(MULTISTAGE);
      const deps = occurrenceAt(model, at(0, 22));
      assert.equal(deps?.stage.name, 'deps');
      assert.deepEqual(described(MULTISTAGE, occurrencesOf(model, deps.stage)), ['0:deps', '3:deps', '5:deps', '10:0']);
      assert.deepEqual(
        occurrencesOf(model, deps.stage).map((occurrence) => occurrence.kind),
        ['definition', 'base', 'mount', 'copy'],
      );
    });

    it('finds the stage under the cursor from a use, including the end of the word', () => {
      const model = modelOf(MULTISTAGE);
      assert.equal(occurrenceAt(model, at(9, 12))?.stage.name, 'build'); // on `build` of --from=build
      assert.equal(occurrenceAt(model, at(9, 17))?.stage.name, 'build'); // just after it
      assert.equal(occurrenceAt(model, at(10, 12))?.stage.name, 'deps'); // --from=0
      assert.equal(occurrenceAt(model, at(9, 20)), undefined); // on the source path
      assert.equal(occurrenceAt(model, at(8, 10)), undefined); // on an image, not a stage
    });

    it('leaves out a FROM whose stage comes from an ARG default (a rename cannot follow it)', () => {
      const text = dockerfile('ARG BASE=build', 'FROM alpine:3.22 AS build', 'FROM ${BASE} AS runtime');
      const model = modelOf(text);
      const build = model.stages[0];
      assert.equal(model.stages[1].base.kind, 'stage');
      assert.deepEqual(described(text, occurrencesOf(model, build)), ['1:build']);
    });
  });

  describe('rename', () => {
    it('renames the definition and every named use, keeping --from=<index>', () => {
      const model = modelOf(MULTISTAGE);
      const deps = model.stages[0];
      const renamed = applyEdits(MULTISTAGE, renameEdits(model, deps, 'modules'));
      assert.match(renamed, /^FROM golang:1\.26 AS modules$/m);
      assert.match(renamed, /^FROM modules AS build$/m);
      assert.match(renamed, /from=modules go build/);
      assert.match(renamed, /^COPY --from=0 /m);
      assert.doesNotMatch(renamed, /\bdeps\b/);
    });

    it('refuses names BuildKit rejects and names another stage has (case-insensitively)', () => {
      const model = modelOf(MULTISTAGE);
      const deps = model.stages[0];
      assert.match(invalidStageName('2fast', deps, model) ?? '', /must start with a letter/);
      assert.match(invalidStageName('my stage', deps, model) ?? '', /not a valid stage name/);
      assert.match(invalidStageName('BUILD', deps, model) ?? '', /already exists/);
      assert.equal(invalidStageName('go-modules_v1.2', deps, model), undefined);
      assert.equal(invalidStageName('DEPS', deps, model), undefined); // the stage itself, recased
    });
  });

  describe('code lens', () => {
    it('counts each stage\'s uses and marks the shipped stage and the stages it does not need', () => {
      const model = modelOf(MULTISTAGE);
      const lenses = stageLenses(model, runtimeStageOf(model, undefined));
      const byLine = lenses.map((lens) => `${lens.range.start.line}: ${lens.title}`);
      assert.deepEqual(byLine, [
        '0: 3 references',
        '3: 2 references',
        '6: no references',
        '6: not used by the shipped stage "runtime"',
        '8: no references',
        '8: shipped (the last stage)',
      ]);
      const first = lenses[0].references;
      assert.ok(first);
      assert.deepEqual(described(MULTISTAGE, first.uses.map((range) => ({ range }))), ['3:deps', '5:deps', '10:0']);
    });
  });

  describe('target directive', () => {
    const WITH_TEST_TARGET = dockerfile(
      '# stagecraft: target=runtime',
      'FROM node:22 AS build',
      'RUN npm ci',
      'FROM gcr.io/distroless/nodejs22-debian13:nonroot AS runtime',
      'COPY --from=build /app /app',
      'CMD ["/app/server.js"]',
      'FROM build AS test',
      'RUN npm test',
    );

    it('makes the named stage the shipped one, over the target setting', () => {
      const model = modelOf(WITH_TEST_TARGET);
      assert.equal(model.targetDirective?.name, 'runtime');
      assert.equal(runtimeStageOf(model, 'test')?.name, 'runtime');
      const lenses = stageLenses(model, runtimeStageOf(model, undefined)).map((lens) => `${lens.range.start.line}: ${lens.title}`);
      assert.ok(lenses.includes('3: shipped (stagecraft: target)'), lenses.join('\n'));
      assert.ok(lenses.includes('6: not used by the shipped stage "runtime"'), lenses.join('\n'));
    });

    it('changes what the rules check: the test stage on node:22 is no longer the runtime', () => {
      assert.equal(findingsOf(WITH_TEST_TARGET, 'runtime-not-distroless').length, 0);
      const withoutDirective = WITH_TEST_TARGET.replace('# stagecraft: target=runtime\n', '');
      assert.equal(findingsOf(withoutDirective, 'runtime-not-distroless').length, 1);
    });

    it('is renamed with its stage', () => {
      const model = modelOf(WITH_TEST_TARGET);
      const runtime = model.stages[1];
      const renamed = applyEdits(WITH_TEST_TARGET, renameEdits(model, runtime, 'release'));
      assert.match(renamed, /^# stagecraft: target=release$/m);
      assert.match(renamed, /AS release$/m);
    });

    it('reports a directive that names no stage, with did-you-mean', () => {
      const text = WITH_TEST_TARGET.replace('target=runtime', 'target=runtme');
      const [finding] = findingsOf(text, 'unknown-stage-reference');
      assert.ok(finding, 'a finding for the unknown target');
      assert.equal(finding.range.start.line, 0);
      assert.match(finding.message, /target=runtme names no stage.*did you mean "runtime"/);
      assert.equal(applyEdits(text, finding.fixes?.[0].edits ?? []), WITH_TEST_TARGET);
    });

    it('is only read above the first FROM', () => {
      const text = dockerfile('FROM alpine:3.22 AS a', '# stagecraft: target=a', 'FROM alpine:3.22 AS b');
      assert.equal(modelOf(text).targetDirective, undefined);
    });
  });

  describe('stage graph', () => {
    it('draws FROM, COPY --from and mount edges and marks the shipped and unused stages in Mermaid', () => {
      const model = modelOf(MULTISTAGE);
      const mermaid = stageGraphMermaid(buildStageGraphView(model, runtimeStageOf(model, undefined)));
      assert.equal(
        mermaid,
        [
          'flowchart TD',
          '  s0["deps<br/>golang:1.26"]',
          '  s1["build"]',
          '  s2["test"]',
          '  s3[["runtime<br/>gcr.io/distroless/static-debian13:nonroot"]]',
          '  s0 -->|"FROM"| s1',
          '  s1 -->|"FROM"| s2',
          '  s1 -->|"COPY --from"| s3',
          '  s0 -->|"COPY --from"| s3',
          '  classDef shipped stroke-width:3px',
          '  classDef unused stroke-dasharray:4 4,opacity:0.6',
          '  class s3 shipped',
          '  class s2 unused',
          '',
        ].join('\n'),
      );
    });

    it('draws stages a variable can name as dashed edges', () => {
      const text = dockerfile('FROM alpine:3.22 AS build-amd64', 'FROM alpine:3.22 AS build-arm64', 'ARG TARGETARCH', 'FROM build-${TARGETARCH} AS final');
      const model = modelOf(text);
      const mermaid = stageGraphMermaid(buildStageGraphView(model, model.finalStage));
      assert.match(mermaid, /s0 -\.->\|"via a variable"\| s2/);
      assert.match(mermaid, /s1 -\.->\|"via a variable"\| s2/);
      assert.doesNotMatch(mermaid, /class .* unused/);
    });

    it('renders an SVG with one box per stage, escaped text and layered rows', () => {
      const text = dockerfile('FROM "weird<&>" AS a', 'FROM a AS b');
      const model = modelOf(text);
      const svg = stageGraphSvg(buildStageGraphView(model, model.finalStage));
      assert.equal((svg.match(/<rect /g) ?? []).length, 2);
      assert.doesNotMatch(svg, /weird<&>/);
      const ys = [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)"/g)].map((match) => Number(match[1]));
      assert.ok(ys[1] > ys[0], `the stage built on another is drawn below it (${ys.join(', ')})`);
      assert.match(svg, /class="node shipped"/);
    });
  });
});
