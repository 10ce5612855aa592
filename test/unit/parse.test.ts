import * as assert from 'node:assert/strict';
import { Copy, DockerfileParser, From, Label } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { Parser } from 'dockerfile-ast/lib/parser';
import { parseDockerfile, withSharedParse } from '../../server/src/core/parse';
import { dockerfile } from './helpers';

const values = (list: { getValue(): string }[]) => list.map((item) => item.getValue());

describe('parseDockerfile (each instruction remembers its arguments)', () => {
  const text = dockerfile(
    'FROM docker.io/library/python:3.13-slim@sha256:abc AS build',
    'COPY --chown=1000:1000 --link src/ /app/',
    "LABEL quoted='$NOT_A_VARIABLE' plain=$HOME",
    'RUN echo $A ${B}',
  );

  it('answers the same on every call', () => {
    const instructions = parseDockerfile(text).getInstructions();
    for (let round = 0; round < 3; round++) {
      assert.deepEqual(instructions.map((i) => i.getKeyword()), ['FROM', 'COPY', 'LABEL', 'RUN']);
      assert.deepEqual(values(instructions[0].getArguments()), ['docker.io/library/python:3.13-slim@sha256:abc', 'AS', 'build']);
      assert.deepEqual(values(instructions[3].getArguments()), ['echo', '$A', '${B}']);
      assert.deepEqual(instructions[3].getVariables().map((v) => v.getName()), ['A', 'B']);
      assert.equal(instructions[3].getTextContent(), 'RUN echo $A ${B}');
      assert.equal(instructions[1].getArgumentsContent(), 'src/ /app/');
    }
  });

  it('keeps COPY flags out of the arguments, however often asked (dockerfile-ast shortens the list it is given)', () => {
    const copy = parseDockerfile(text).getInstructions()[1] as Copy;
    assert.deepEqual(values(copy.getArguments()), ['src/', '/app/']);
    assert.deepEqual(values(copy.getArguments()), ['src/', '/app/']);
  });

  it('hands out copies, so a caller changing the list changes nothing for the next', () => {
    const run = parseDockerfile(text).getInstructions()[3];
    run.getArguments().pop();
    assert.deepEqual(values(run.getArguments()), ['echo', '$A', '${B}']);
  });

  it('hands out variables with ranges of their own, so a caller changing one changes nothing for the next', () => {
    // dockerfile-language-service's semantic tokens shorten a variable's range to the token they draw.
    const run = parseDockerfile(text).getInstructions()[3];
    const before = run.getVariables().map((variable) => JSON.stringify(variable.getRange()));
    const first = run.getVariables()[1];
    first.getRange().end = first.getRange().start;
    assert.deepEqual(run.getVariables().map((variable) => JSON.stringify(variable.getRange())), before);
    assert.equal(run.getVariables()[1].getName(), 'B');
  });

  it("leaves LABEL's single-quoted values out of its variables, every time", () => {
    const label = parseDockerfile(text).getInstructions()[2] as Label;
    assert.deepEqual(label.getVariables().map((v) => v.getName()), ['HOME']);
    assert.deepEqual(label.getVariables().map((v) => v.getName()), ['HOME']);
  });

  it('keeps FROM image parts right after the calls that change an argument range (getRegistryRange, getImageNameRange)', () => {
    const from = parseDockerfile(text).getInstructions()[0] as From;
    assert.equal(from.getRegistry(), 'docker.io');
    assert.equal(from.getImageName(), 'library/python');
    assert.equal(from.getImage(), 'docker.io/library/python:3.13-slim@sha256:abc');
    assert.equal(from.getImageTag(), '3.13-slim');
  });

  it("gives FROM's remembered arguments ranges of their own, which the image-part calls cannot change", () => {
    const from = parseDockerfile(text).getInstructions()[0] as From;
    const before = from.getArguments().map((argument) => argument.getRange());
    from.getImageNameRange();
    from.getRegistryRange();
    const after = from.getArguments().map((argument) => argument.getRange());
    assert.deepEqual(after, before);
    assert.deepEqual(after[0], { start: { line: 0, character: 5 }, end: { line: 0, character: 50 } });
    assert.notEqual(after[0], before[0]);
    assert.deepEqual(values(from.getArguments()), ['docker.io/library/python:3.13-slim@sha256:abc', 'AS', 'build']);
  });
});

describe('withSharedParse', () => {
  it('gives the validator the parse already made, and its findings stay the same', () => {
    const broken = dockerfile('FROM alpine:3.20', 'EXPOSE 99999', 'RUNN echo');
    const parsed = parseDockerfile(broken);
    // Counted where dockerfile-ast really parses: the shared answer is given inside DockerfileParser.parse.
    let parses = 0;
    const original = Parser.prototype.parse;
    Parser.prototype.parse = function (this: Parser, content: string) {
      parses++;
      return original.call(this, content);
    };
    try {
      const shared = withSharedParse(broken, parsed, () => validate(broken));
      assert.equal(parses, 0, 'the validator parsed the text again');
      const own = validate(broken);
      assert.equal(parses, 1);
      assert.deepEqual(shared, own);
      // Outside the call the tree is no longer lent.
      assert.notEqual(DockerfileParser.parse(broken), parsed);
      assert.equal(parses, 2);
    } finally {
      Parser.prototype.parse = original;
    }
  });

  it('parses other texts as before, and restores the parser even when the call throws', () => {
    const original = DockerfileParser.parse;
    const parsed = parseDockerfile('FROM a\n');
    const other = withSharedParse('FROM a\n', parsed, () => DockerfileParser.parse('FROM b\n'));
    assert.notEqual(other, parsed);
    assert.throws(() =>
      withSharedParse('FROM a\n', parsed, () => {
        throw new Error('boom');
      }),
    );
    assert.equal(DockerfileParser.parse, original);
  });
});

describe('createEachInstructionOnce', () => {
  it('builds each instruction once, except one whose heredoc makes it end later, and keeps heredoc bodies', () => {
    const text = dockerfile('FROM alpine:3.20', 'COPY a /b', 'WORKDIR /b', 'RUN <<EOF', 'echo hi', 'EOF', 'USER 1000', 'EXPOSE');
    let built = 0;
    const original = Parser.createInstruction;
    Parser.createInstruction = (...args: Parameters<typeof Parser.createInstruction>) => {
      built++;
      return original(...args);
    };
    let instructions;
    try {
      instructions = parseDockerfile(text).getInstructions();
    } finally {
      Parser.createInstruction = original;
    }
    assert.deepEqual(instructions.map((i) => i.getKeyword()), ['FROM', 'COPY', 'WORKDIR', 'RUN', 'USER', 'EXPOSE']);
    // dockerfile-ast alone builds 11: twice each instruction with arguments (not the bare EXPOSE).
    assert.equal(built, 7);
    assert.deepEqual(instructions[3].getRange(), { start: { line: 3, character: 0 }, end: { line: 5, character: 3 } });
    assert.equal(instructions[4].getRange().start.line, 6);
  });
});
