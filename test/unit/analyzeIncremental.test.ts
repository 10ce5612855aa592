import * as assert from 'node:assert/strict';
import { analyzeDockerfile } from '../../server/src/core/analyze';
import { remembersLists } from '../../server/src/core/parse';
import { IncrementalParser, MIN_CHUNKED_LENGTH } from '../../server/src/core/stageChunks';
import { Finding } from '../../server/src/core/types';

const TODAY = '2026-12-07';

/** A generated file past MIN_CHUNKED_LENGTH, of stages on which many rules have something to say. */
function largeDockerfile(): string {
  const stages: string[] = [];
  for (let index = 0; stages.join('').length < MIN_CHUNKED_LENGTH * 1.2; index++) {
    stages.push(
      [
        `FROM python:3.${8 + (index % 5)}-slim as s${index}`,
        'ENV APP_HOME /app',
        'WORKDIR $APP_HOME',
        'RUN apt-get update && apt-get install -y gcc \\',
        '    libpq-dev',
        `COPY --from=s${Math.max(0, index - 1)} /app /app`,
        'COPY . .',
        'RUN pip install -r requirements.txt',
        `EXPOSE ${8000 + (index % 100)}`,
        'CMD python app.py',
        '',
      ].join('\n'),
    );
  }
  return stages.join('');
}

const outline = (findings: Finding[]) =>
  findings.map((f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.ruleId} ${f.message} ${JSON.stringify(f.fixes ?? [])}`);

describe('analyzeDockerfile with an incremental parser (large files)', function () {
  this.timeout(60_000);

  it('finds after each edit what an analysis of the whole text finds', () => {
    let text = largeDockerfile();
    const parser = new IncrementalParser();
    // Each edit replaces the last occurrence: a line added near the end moves few stages, so the rest are kept.
    const edits: [string, string][] = [
      ['RUN pip install -r requirements.txt\nEXPOSE', 'RUN pip install --no-cache-dir -r requirements.txt\nEXPOSE'],
      ['CMD python app.py\n', 'CMD ["python", "app.py"]\nUSER 65532\n'],
      ['WORKDIR $APP_HOME\nRUN apt-get', 'WORKDIR $APP_HOMEE\nRUN apt-get'],
    ];
    assert.deepEqual(outline(analyzeDockerfile(text, { today: TODAY, incrementalParser: parser }).findings), outline(analyzeDockerfile(text, { today: TODAY }).findings));
    for (const [before, after] of edits) {
      const at = text.lastIndexOf(before);
      assert.ok(at !== -1, before);
      text = text.slice(0, at) + after + text.slice(at + before.length);
      const incremental = analyzeDockerfile(text, { today: TODAY, incrementalParser: parser });
      assert.ok(parser.lastParse.reused > 0, 'the edit reused the stages it did not touch');
      assert.deepEqual(outline(incremental.findings), outline(analyzeDockerfile(text, { today: TODAY }).findings), after);
    }
  });

  it('keeps instructions that compute their argument lists afresh, and finds the same as a whole parse', () => {
    let text = largeDockerfile();
    const parser = new IncrementalParser();
    const first = analyzeDockerfile(text, { today: TODAY, incrementalParser: parser });
    const kept = first.model!.stages[0].instructions[0];
    assert.equal(remembersLists(kept), false);
    assert.notEqual(kept.getArguments()[0], kept.getArguments()[0], 'each call builds a fresh list: nothing is held between analyses');
    assert.equal(kept.getArguments()[0].getValue(), kept.getArguments()[0].getValue());
    const whole = analyzeDockerfile(text, { today: TODAY }).model!.stages[0].instructions[0];
    assert.equal(remembersLists(whole), true, 'a whole-text parse (CLI, small documents) still remembers them');
    assert.equal(whole.getArguments()[0].getValue(), kept.getArguments()[0].getValue());
    text = text.replace('EXPOSE 8050', 'EXPOSE 8051');
    const second = analyzeDockerfile(text, { today: TODAY, incrementalParser: parser });
    assert.equal(second.model!.stages[0].instructions[0], kept, 'the first stage was kept, not parsed again');
    assert.equal(parser.lastParse.parsed > 0 && parser.lastParse.reused > 0, true);
    assert.ok(second.model!.stages.every((stage) => stage.instructions.every((instruction) => !remembersLists(instruction))), 'stages parsed again do not remember theirs either');
    assert.deepEqual(outline(second.findings), outline(analyzeDockerfile(text, { today: TODAY }).findings));
  });
});
