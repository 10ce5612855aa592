import * as assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/stages';
import { SimpleCommand, commandsOf, documentText, programIndex } from '../../../server/src/rules/shellCommands';
import { dockerfile } from '../helpers';

/** The commands of the instruction on `line`, as `[separator, words...]` with word texts. */
function commands(text: string, line: number): string[][] {
  const parsed = parseDockerfile(text);
  const instruction = parsed.getInstructions().find((i) => i.getRange().start.line === line);
  assert.ok(instruction);
  return commandsOf(instruction, documentText(text), parsed.getEscapeCharacter()).map((c: SimpleCommand) => [c.before, ...c.assignments.map((a) => a.value), ...c.words.map((w) => w.value)]);
}

describe('shell commands of an instruction', () => {
  it('splits on &&, ||, ;, | and folds continuations and the comment lines inside them', () => {
    const text = dockerfile('FROM x', 'RUN apt-get update && \\', '  # why', '', '  DEBIAN_FRONTEND=noninteractive apt-get install -y "gcc" \'g++\' \\', '  make 2>/dev/null; a || b | c');
    assert.deepEqual(commands(text, 1), [
      ['', 'apt-get', 'update'],
      ['&&', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'gcc', 'g++', 'make'],
      [';', 'a'],
      ['||', 'b'],
      ['|', 'c'],
    ]);
  });

  it('keeps words with quotes, expansions and escaped blanks whole, with their document ranges', () => {
    const text = dockerfile('FROM x', 'RUN echo "a $B c" $(date +%s) `id -u` a\\ b');
    const parsed = parseDockerfile(text);
    const doc = documentText(text);
    const [command] = commandsOf(parsed.getInstructions()[1], doc, '\\');
    assert.deepEqual(command.words.map((w) => w.value), ['echo', 'a $B c', '$(date +%s)', '`id -u`', 'a b']);
    assert.deepEqual(command.words.map((w) => text.slice(w.start, w.end)), ['echo', '"a $B c"', '$(date +%s)', '`id -u`', 'a\\ b']);
    assert.deepEqual(doc.wordRange(command.words[1]), { start: { line: 1, character: 9 }, end: { line: 1, character: 17 } });
  });

  it('reads heredoc scripts, skips heredoc data and scripts in other languages', () => {
    const text = dockerfile('FROM x', 'RUN <<EOF', 'set -e', 'cat <<EOT > /f', 'npm ci', 'EOT', 'pip install .', 'EOF', 'RUN cat <<EOF > /x', 'npm ci', 'EOF', 'RUN <<EOF', '#!/usr/bin/env python3', 'print(1)', 'EOF', 'RUN bash -e <<EOF', 'make', 'EOF');
    assert.deepEqual(commands(text, 1), [
      ['', 'set', '-e'],
      ['\n', 'cat'],
      ['\n', 'pip', 'install', '.'],
    ]);
    assert.deepEqual(commands(text, 8), [['', 'cat']]);
    assert.deepEqual(commands(text, 11), []);
    assert.deepEqual(commands(text, 15), [
      ['', 'bash', '-e'],
      ['', 'make'],
    ]);
  });

  it('reads exec form, the script of ["sh", "-c", ...], and HEALTHCHECK CMD', () => {
    const text = dockerfile('FROM x', 'RUN ["/bin/sh", "-c", "echo \\"hi there\\" && npm ci"]', 'HEALTHCHECK --interval=5s CMD ["CMD", "curl", "-f", "http://a b"]', 'HEALTHCHECK CMD curl -f http://x || exit 1');
    assert.deepEqual(commands(text, 1), [
      ['', '/bin/sh', '-c', 'echo "hi there" && npm ci'],
      ['', 'echo', 'hi there'],
      ['&&', 'npm', 'ci'],
    ]);
    assert.deepEqual(commands(text, 2), [['', 'curl', '-f', 'http://a b']]);
    assert.deepEqual(commands(text, 3), [
      ['', 'curl', '-f', 'http://x'],
      ['||', 'exit', '1'],
    ]);
  });

  it('follows the backtick escape directive and finds the program past sudo and env', () => {
    const text = dockerfile('# escape=`', 'FROM x', 'RUN sudo -E env A=1 apt-get `', '  install gcc');
    assert.deepEqual(commands(text, 2), [['', 'sudo', '-E', 'env', 'A=1', 'apt-get', 'install', 'gcc']]);
    const parsed = parseDockerfile(text);
    const [command] = commandsOf(parsed.getInstructions()[1], documentText(text), '`');
    assert.equal(command.words[programIndex(command)].value, 'apt-get');
  });

  it('reads a case statement\'s patterns as patterns, not as commands, nested and on lines of their own', () => {
    const text = dockerfile(
      'FROM x',
      'RUN case "$(uname -m)" in amd64|x86_64) ARCH=x64 ;; arm64) apt-get install -y qemu ;; (*) exit 1 ;; esac && make',
      'RUN <<EOF',
      'case "$1" in',
      '  ten)',
      '    case "$2" in b) inner ;; esac',
      '    after ;;',
      '  *) exec "$@"',
      'esac',
      'node server.js',
      'EOF',
    );
    const programs = (line: number) => commands(text, line).map((command) => command.slice(1).join(' ')).filter((words) => words !== '');
    assert.deepEqual(programs(1), ['case $(uname -m) in', 'ARCH=x64', 'apt-get install -y qemu', 'exit 1', 'make']);
    assert.deepEqual(programs(2), ['case $1 in', 'case $2 in', 'inner', 'after', 'exec $@', 'node server.js']);
  });

  it('marks commands inside if, while and braces as compound', () => {
    const text = dockerfile('FROM x', 'CMD if [ -f x ]; then node a.js; fi');
    const parsed = parseDockerfile(text);
    const found = commandsOf(parsed.getInstructions()[1], documentText(text), '\\');
    assert.ok(found.every((c) => c.compound));
  });
});
