// `# stagecraft: target=<stage>`: the stage this file ships, for files built with
// `docker build --target`. A comment above the first FROM, so it travels with the file and
// wins over the `target` setting (which is per folder, not per file).
import { Range, rangeOf } from './types';

export interface TargetDirective {
  /** The stage name as written. */
  name: string;
  /** Where the name is, for hovers, rename and the unknown-stage finding. */
  range: Range;
}

const TARGET_DIRECTIVE = /^(\s*#\s*stagecraft\s*:\s*target\s*=\s*)([^\s#]+)\s*$/i;

/** The first target directive in the lines before `beforeLine` (the first FROM's line). */
export function readTargetDirective(text: string, beforeLine: number): TargetDirective | undefined {
  let lineStart = 0;
  for (let line = 0; line < beforeLine && lineStart <= text.length; line++) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    // Only comment lines can hold it: a cheap test before the regular expression.
    const lineText = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (lineText.trimStart().startsWith('#')) {
      const match = TARGET_DIRECTIVE.exec(lineText);
      if (match) {
        const start = match[1].length;
        return { name: match[2], range: rangeOf(line, start, line, start + match[2].length) };
      }
    }
    if (newline === -1) {
      break;
    }
    lineStart = newline + 1;
  }
  return undefined;
}
