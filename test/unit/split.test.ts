// Golden files for the split: test/fixtures/split/<case>/ holds `input.Dockerfile`, an optional
// `context/` folder (the build context: package.json, go.mod, ...), and `expected.Dockerfile` for
// the preferred result (`expected-2.Dockerfile`, ... for further variants). A case without
// `expected.Dockerfile` must not be offered; its `declined.txt`, when there, is the reason the
// editor shows for it. `STAGECRAFT_UPDATE_GOLDEN=1` rewrites the expected files from the current
// output: read the diff before committing it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planSplit, splitIntoStages } from '../../server/src/fixes/split/splitStages';
import { FIXTURES, analyze, applyFix, applyFixVariants, dockerfile, folderContext } from './helpers';
import { splitProblems } from './splitInvariants';

const SPLIT_FIXTURES = path.join(FIXTURES, 'split');

function goldenCase(name: string) {
  const folder = path.join(SPLIT_FIXTURES, name);
  const input = fs.readFileSync(path.join(folder, 'input.Dockerfile'), 'utf8');
  const contextFolder = path.join(folder, 'context');
  const buildContext = fs.existsSync(contextFolder) ? folderContext(contextFolder) : undefined;
  const expected = fs
    .readdirSync(folder)
    .filter((file) => /^expected(-\d+)?\.Dockerfile$/.test(file))
    .sort((a, b) => variantNumber(a) - variantNumber(b))
    .map((file) => fs.readFileSync(path.join(folder, file), 'utf8'));
  const declinedFile = path.join(folder, 'declined.txt');
  const declined = fs.existsSync(declinedFile) ? fs.readFileSync(declinedFile, 'utf8').trim() : undefined;
  return { folder, input, buildContext, expected, declined };
}

const UPDATE = process.env.STAGECRAFT_UPDATE_GOLDEN === '1';

function updateGolden(folder: string, variants: string[], declined: string | undefined): void {
  for (const file of fs.readdirSync(folder).filter((name) => /^expected(-\d+)?\.Dockerfile$|^declined\.txt$/.test(name))) {
    fs.rmSync(path.join(folder, file));
  }
  variants.forEach((text, index) => fs.writeFileSync(path.join(folder, index === 0 ? 'expected.Dockerfile' : `expected-${index + 1}.Dockerfile`), text));
  if (declined) {
    fs.writeFileSync(path.join(folder, 'declined.txt'), `${declined}\n`);
  }
}

function variantNumber(file: string): number {
  return Number(/-(\d+)\./.exec(file)?.[1] ?? 1);
}

describe('fix split-into-stages: golden files', () => {
  for (const name of fs.readdirSync(SPLIT_FIXTURES).sort()) {
    describe(name, () => {
      const { folder, input, buildContext, expected, declined } = goldenCase(name);
      const variants = applyFixVariants(splitIntoStages, input, buildContext);
      const why = planSplit({ model: analyze(input).model!, text: input, buildContext }).declined;
      if (UPDATE) {
        updateGolden(folder, variants.map((variant) => variant.text), why);
      }

      it(expected.length === 0 ? 'is not offered' : `gives the expected result${expected.length > 1 ? 's' : ''}`, () => {
        assert.deepEqual(variants.map((variant) => variant.text), expected);
      });

      if (expected.length === 0) {
        it(declined ? `says why: "${declined}"` : 'is not recognised by any recipe', () => assert.equal(why, declined));
      }

      variants.forEach((variant, index) => {
        it(`variant ${index + 1} "${variant.title}" passes the invariants and applying again changes nothing`, () => {
          assert.deepEqual(splitProblems(input, variant.text), []);
          assert.equal(applyFix(splitIntoStages, variant.text, buildContext), undefined);
        });
      });
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
    assert.match(output, /FROM gcr\.io\/distroless\/base-debian13:nonroot\r\n/);
  });

  it('reuses an existing stage name', () => {
    const output = applyFix(splitIntoStages, dockerfile('FROM golang:1.23 AS compile', 'RUN go build -o /app .'))!;
    assert.match(output, /COPY --from=compile \/app \/app/);
    assert.match(output, /ENTRYPOINT \["\/app"\]\n$/);
  });
});
