// The line ending that edits to a document should use. A file with a few CRLF lines among
// mostly LF ones (a pasted block) keeps LF: like VS Code, the majority of the file's line
// breaks decides, so a fix does not add a third style to the file.
export type LineEnding = '\n' | '\r\n';

export function lineEnding(text: string): LineEnding {
  let crlf = 0;
  let lf = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (at > 0 && text.charCodeAt(at - 1) === 13) {
      crlf++;
    } else {
      lf++;
    }
  }
  return crlf > lf ? '\r\n' : '\n';
}
