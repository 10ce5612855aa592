// BuildKit's `check` parser directive and its per-instruction comment, as the Dockerfile frontend
// reads them:
// - `# check=skip=<Check>,<Check>`, `# check=skip=all`, `# check=error=true` (options joined by
//   `;`) in the directive block at the top of the file: only lines `# name=value` of a known
//   directive (syntax, escape, check), each once, before any other line; a blank line, another
//   comment or an instruction ends the block.
// - Dockerfile 1.21: a `# check=skip=...` comment above an instruction skips those checks for
//   that instruction only. The frontend attaches to an instruction the comments since the one
//   before it (an empty `#` line starts over) and uses the first `check` one; text after a space
//   is a free note (`# check=skip=SecretsUsedInArgOrEnv allow it here`). `error=` there is ignored.
// Check names are case-sensitive, as in BuildKit; unknown names are ignored, and options that
// do not parse (BuildKit would fail the build) are not honoured.
import { BUILDKIT_CHECK_NAMES } from '../rules/buildkit';
import { Silence, WHOLE_FILE } from './silences';

export interface CheckOptions {
  skipAll: boolean;
  skip: readonly string[];
  error: boolean;
}

export interface CheckDirectives {
  /** `error=true` in the file's directive: BuildKit check findings become errors. */
  error: boolean;
  silences: Silence[];
}

const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const GO_BOOLEANS: Readonly<Record<string, boolean>> = { '1': true, t: true, T: true, TRUE: true, true: true, True: true, '0': false, f: false, F: false, FALSE: false, false: false, False: false };

/** The options of a `check` directive's value (`skip=A,B;error=true`); undefined when invalid. */
export function parseCheckOptions(value: string): CheckOptions | undefined {
  const options = { skipAll: false, skip: [] as string[], error: false };
  if (value.trim() === '') {
    return options;
  }
  for (const part of value.split(';')) {
    const equals = part.indexOf('=');
    if (equals === -1) {
      return undefined;
    }
    const key = part.slice(0, equals).trim();
    const setting = part.slice(equals + 1).trim();
    if (key === 'skip') {
      if (setting === 'all') {
        options.skipAll = true;
      } else {
        options.skip = setting.split(',').map((name) => name.trim());
      }
    } else if (key === 'error') {
      const error = GO_BOOLEANS[setting];
      if (error === undefined) {
        return undefined;
      }
      options.error = error;
    } else if (key !== 'experimental') {
      return undefined;
    }
  }
  return options;
}

/** `name` (lowercase) and `value` of a directive-shaped comment text (what follows the `#`). */
function directiveOf(commentText: string): { name: string; value: string } | undefined {
  const match = DIRECTIVE.exec(commentText.trimStart());
  return match ? { name: match[1].toLowerCase(), value: match[2] } : undefined;
}

/** The text after `#` of a comment line, or undefined for other lines. */
function commentText(line: string): string | undefined {
  const trimmed = line.trimStart();
  return trimmed.startsWith('#') ? trimmed.slice(1) : undefined;
}

export function findCheckDirectives(lines: readonly string[], instructionRanges: readonly { first: number; last: number }[]): CheckDirectives {
  const result: CheckDirectives = { error: false, silences: [] };
  const directiveLines = new Set<number>();
  const seen = new Set<string>();
  for (let index = 0; index < lines.length; index++) {
    const text = commentText(lines[index]);
    const directive = text === undefined ? undefined : directiveOf(text);
    if (!directive || !KNOWN_DIRECTIVES.has(directive.name) || seen.has(directive.name)) {
      break;
    }
    seen.add(directive.name);
    directiveLines.add(index);
    if (directive.name === 'check') {
      const options = parseCheckOptions(directive.value);
      if (options) {
        result.error = options.error;
        addSkip(result.silences, options, WHOLE_FILE);
      }
    }
  }

  let previousEnd = -1;
  for (const range of instructionRanges) {
    const options = instructionCheckOptions(lines, previousEnd + 1, range.first, directiveLines);
    if (options) {
      addSkip(result.silences, options, range);
    }
    previousEnd = Math.max(previousEnd, range.last);
  }
  return result;
}

/** The first `check` comment among those attached to an instruction starting at `end`. */
function instructionCheckOptions(lines: readonly string[], start: number, end: number, directiveLines: ReadonlySet<number>): CheckOptions | undefined {
  let attached: string[] = [];
  for (let index = start; index < end; index++) {
    const text = commentText(lines[index]);
    if (text === undefined || directiveLines.has(index)) {
      continue;
    }
    if (text.trim() === '') {
      attached = [];
    } else {
      attached.push(text);
    }
  }
  for (const text of attached) {
    const directive = directiveOf(text);
    if (directive?.name === 'check') {
      return parseCheckOptions(directive.value.split(' ')[0]);
    }
  }
  return undefined;
}

function addSkip(silences: Silence[], options: CheckOptions, range: { first: number; last: number }): void {
  const targets = options.skipAll ? BUILDKIT_CHECK_NAMES : options.skip.filter((name) => BUILDKIT_CHECK_NAMES.includes(name));
  if (targets.length > 0) {
    silences.push({ ...range, targets: new Set(targets) });
  }
}
