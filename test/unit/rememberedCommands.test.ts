import * as assert from 'node:assert/strict';
import { parseDockerfile } from '../../server/src/core/parse';
import { IncrementalParser } from '../../server/src/core/stageChunks';
import { DocumentText, commandsOf } from '../../server/src/rules/shellCommands';

const words = (text: string, doc: DocumentText, index: number, instructions = parseDockerfile(text).getInstructions()) =>
  commandsOf(instructions[index], doc, '\\').flatMap((command) => command.words.map((word) => `${word.value}@${word.start}`));

describe('commandsOf remembered per instruction', () => {
  it('answers with the remembered list itself (read-only) when asked again for the same text', () => {
    const text = 'FROM alpine\nRUN apk add curl && echo done\n';
    const doc = new DocumentText(text);
    const run = parseDockerfile(text).getInstructions()[1];
    const first = commandsOf(run, doc, '\\');
    const second = commandsOf(run, doc, '\\');
    assert.equal(first, second);
    assert.deepEqual(second.map((command) => command.words.map((word) => word.value)), [['apk', 'add', 'curl'], ['echo', 'done']]);
  });

  it('reads kept instructions again where an edit above them moved their offsets', () => {
    const parser = new IncrementalParser(1);
    const before = 'FROM alpine AS a\nWORKDIR /w\nFROM alpine AS b\nRUN apk add curl\n';
    const instructions = parser.parse(before).getInstructions();
    assert.deepEqual(words(before, new DocumentText(before), 3, instructions), ['apk@49', 'add@53', 'curl@57']);
    // One character more in the first stage: the second stage's instructions are kept, one offset later.
    const after = before.replace('/w', '/wx');
    const kept = parser.parse(after).getInstructions();
    assert.equal(kept[3], instructions[3]);
    assert.deepEqual(words(after, new DocumentText(after), 3, kept), ['apk@50', 'add@54', 'curl@58']);
  });

  it('reads a heredoc body again in another document text', () => {
    const before = 'FROM alpine\nRUN <<EOF\napk add curl\nEOF\n';
    const instructions = parseDockerfile(before).getInstructions();
    assert.deepEqual(words(before, new DocumentText(before), 1, instructions), ['apk@22', 'add@26', 'curl@30']);
    assert.deepEqual(words(before, new DocumentText(before), 1, instructions), ['apk@22', 'add@26', 'curl@30']);
  });
});
