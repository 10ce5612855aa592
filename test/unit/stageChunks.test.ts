import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { decodeDockerfile } from '../../server/src/core/decode';
import { IncrementalParser, ParsedDockerfile, chunkStarts } from '../../server/src/core/stageChunks';
import { SHARED_CORPUS, dockerfile, requireSharedCorpus } from './helpers';

/** What the stage model reads of a parse, in a form to compare. */
function outline(parsed: ParsedDockerfile) {
  return {
    escape: parsed.getEscapeCharacter(),
    directives: parsed.getDirectives().map((directive) => `${directive.getName()}=${directive.getValue()}`),
    instructions: parsed.getInstructions().map((instruction) => {
      const range = instruction.getRange();
      return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${instruction.getKeyword()} ${instruction.getTextContent()}`;
    }),
  };
}

/** Parsed piece by piece (never whole), it gives what one whole parse gives. */
function assertSameAsWholeParse(text: string, label = 'text'): void {
  assert.deepEqual(outline(new IncrementalParser(Infinity).parse(text)), outline(DockerfileParser.parse(text)), label);
}

describe('IncrementalParser (large files parsed stage by stage)', () => {
  it('cuts before each FROM that starts an instruction, not inside continuations or heredocs', () => {
    const lines = dockerfile(
      'ARG BASE=alpine', // 0
      'FROM $BASE AS a', // 1
      'RUN echo \\', // 2
      'FROM not-a-stage', // 3: continues the RUN
      'RUN <<EOF', // 4
      'FROM inside-a-heredoc', // 5
      'EOF', // 6
      '# FROM in a comment', // 7
      '  from b AS c', // 8
      'COPY <<-END /x', // 9
      '\tFROM tabbed', // 10
      '\tEND', // 11
      'FROM d', // 12
    ).split('\n');
    assert.deepEqual(chunkStarts(lines, '\\'), [0, 1, 8, 12]);
  });

  it('follows the escape directive for continuations', () => {
    const lines = dockerfile('# escape=`', 'FROM a', 'RUN echo `', 'FROM b', 'FROM c').split('\n');
    assert.deepEqual(chunkStarts(lines, '`'), [0, 1, 4]);
  });

  it('parses to the same instructions, ranges and text as one whole parse', () => {
    assertSameAsWholeParse(dockerfile('# escape=`', '# syntax=docker/dockerfile:1', 'ARG X=1', 'FROM a AS b', 'RUN echo `', '  one', 'FROM b', 'COPY . .'));
    assertSameAsWholeParse('FROM a\r\nRUN x\r\n\r\nFROM b\r\nCMD ["y"]\r\n');
    assertSameAsWholeParse('FROM a\nRUN <<EOF\nFROM z\nEOF\nFROM b');
    assertSameAsWholeParse('');
    assertSameAsWholeParse('RUN before any FROM\nFROM a');
  });

  it('parses again only the stage an edit touches', () => {
    const stages = Array.from({ length: 50 }, (_, i) => `FROM alpine:3.20 AS s${i}\nRUN echo ${i}\n`).join('');
    const parser = new IncrementalParser();
    parser.parse(stages);
    assert.deepEqual(parser.lastParse, { reused: 0, parsed: -1 }, 'a first parse is one whole parse');
    const edited = stages.replace('RUN echo 25\n', 'RUN echo twenty-five\n');
    const outlineAfterEdit = outline(parser.parse(edited));
    assert.deepEqual(parser.lastParse, { reused: 49, parsed: 1 });
    assert.deepEqual(outlineAfterEdit, outline(DockerfileParser.parse(edited)));
    const linesAdded = 'RUN echo new\n' + edited;
    assert.deepEqual(outline(parser.parse(linesAdded)), outline(DockerfileParser.parse(linesAdded)));
    assert.deepEqual(parser.lastParse, { reused: 0, parsed: -1 }, 'every stage moved: one whole parse');
  });

  it('parses every corpus file to what one whole parse gives', function () {
    requireSharedCorpus(this);
    this.timeout(60_000);
    const files = fs.readFileSync(path.join(SHARED_CORPUS, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1).map((row) => row.split('\t')[0]);
    for (const file of files) {
      assertSameAsWholeParse(decodeDockerfile(fs.readFileSync(path.join(SHARED_CORPUS, 'files', file))), file);
    }
  });
});
