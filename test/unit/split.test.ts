import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitIntoStages } from '../../server/src/fixes/split/splitStages';
import { FIXTURES, analyze, applyFix, dockerfile } from './helpers';

const SPLIT_FIXTURES = path.join(FIXTURES, 'split');

describe('fix split-into-stages: golden files', () => {
  for (const name of fs.readdirSync(SPLIT_FIXTURES)) {
    const folder = path.join(SPLIT_FIXTURES, name);
    const expectedFile = path.join(folder, 'expected.Dockerfile');
    it(name, () => {
      const input = fs.readFileSync(path.join(folder, 'input.Dockerfile'), 'utf8');
      const output = applyFix(splitIntoStages, input);
      if (!fs.existsSync(expectedFile)) {
        assert.equal(output, undefined, 'no expected.Dockerfile: the split must not be offered');
        return;
      }
      assert.equal(output, fs.readFileSync(expectedFile, 'utf8'));
    });
  }
});

describe('fix split-into-stages: invariants', () => {
  const inputs = fs
    .readdirSync(SPLIT_FIXTURES)
    .filter((name) => fs.existsSync(path.join(SPLIT_FIXTURES, name, 'expected.Dockerfile')))
    .map((name) => [name, fs.readFileSync(path.join(SPLIT_FIXTURES, name, 'input.Dockerfile'), 'utf8')] as const);

  for (const [name, input] of inputs) {
    it(`${name}: the result has no finding left and a second application changes nothing`, () => {
      const output = applyFix(splitIntoStages, input)!;
      assert.deepEqual(analyze(output).findings, []);
      assert.equal(applyFix(splitIntoStages, output), undefined);
    });

    it(`${name}: every original instruction is still there`, () => {
      const output = applyFix(splitIntoStages, input)!;
      const outputModel = analyze(output).model!;
      const kept = outputModel.dockerfile.getInstructions().map((i) => i.getKeyword());
      for (const instruction of analyze(input).model!.dockerfile.getInstructions()) {
        const keyword = instruction.getKeyword();
        const index = kept.indexOf(keyword);
        assert.ok(index >= 0, `${keyword} on line ${instruction.getRange().start.line + 1} was dropped`);
        kept.splice(index, 1);
      }
    });
  }
});

describe('fix split-into-stages: when not to offer it', () => {
  const notOffered: Record<string, string> = {
    'a multistage file': dockerfile('FROM golang AS b', 'RUN go build -o /a', 'FROM scratch', 'COPY --from=b /a /a'),
    'go build without -o (binary name unknown)': dockerfile('FROM golang:1.23', 'COPY . .', 'RUN go build', 'CMD ["/go/app"]'),
    'a start command that is not the built binary': dockerfile('FROM golang:1.23', 'RUN go build -o /app .', 'CMD ["go", "run", "."]'),
    'a shell-form command with shell syntax': dockerfile('FROM golang:1.23', 'RUN go build -o /app .', 'CMD /app | tee log'),
    'a HEALTHCHECK that needs curl': dockerfile('FROM golang:1.23', 'RUN go build -o /app .', 'HEALTHCHECK CMD curl -f localhost', 'CMD ["/app"]'),
    'a non-Go build': dockerfile('FROM python:3.12', 'RUN pip install -r requirements.txt', 'CMD ["python", "app.py"]'),
  };
  for (const [label, text] of Object.entries(notOffered)) {
    it(label, () => assert.equal(applyFix(splitIntoStages, text), undefined));
  }
});

describe('fix split-into-stages: edits', () => {
  it('is one edit that keeps CRLF line endings', () => {
    const input = 'FROM golang:1.23\r\nRUN go build -o /app .\r\nCMD ["/app"]\r\n';
    const output = applyFix(splitIntoStages, input)!;
    assert.ok(!/[^\r]\n/.test(output), 'every newline is CRLF');
    assert.match(output, /FROM gcr\.io\/distroless\/static-debian13:nonroot\r\n/);
  });

  it('reuses an existing stage name', () => {
    const output = applyFix(splitIntoStages, dockerfile('FROM golang:1.23 AS compile', 'RUN go build -o /app .'))!;
    assert.match(output, /COPY --from=compile \/app \/app/);
    assert.match(output, /ENTRYPOINT \["\/app"\]\n$/);
  });
});
