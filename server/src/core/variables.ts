// Substitution of variables as Docker does it: build arguments in `FROM` image references (only
// the `ARG`s declared before the first `FROM` are in scope there, and only their defaults are
// known to us), and a stage's ARG and ENV values where the split reads its instructions.

export interface Substitution {
  text: string;
  /** True when a variable had no known value, so the result is not the real image. */
  unresolved: boolean;
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * The longest text a substitution may produce. Real values are a path or a version; a file that
 * doubles a value in each of 26 `ENV V2=$V1$V1` lines would otherwise need gigabytes. Past the
 * budget the value is unknown, which every caller already handles.
 */
export const MAX_SUBSTITUTED_LENGTH = 64 * 1024;

/**
 * Replaces `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alt}` and
 * `${NAME+alt}` using `values` (undefined value: declared without a default).
 */
export function substituteVariables(text: string, values: ReadonlyMap<string, string | undefined>): Substitution {
  let unresolved = false;
  let length = text.length;
  const result = text.replace(VARIABLE, (match: string, bracedName: string | undefined, operator: string | undefined, operand: string | undefined, bareName: string | undefined) => {
    const replacement = replace(bracedName ?? bareName ?? '', operator, operand, values);
    length += (replacement ?? '').length - match.length;
    if (replacement === undefined || length > MAX_SUBSTITUTED_LENGTH) {
      unresolved = true;
      return '';
    }
    return replacement;
  });
  return unresolved && length > MAX_SUBSTITUTED_LENGTH ? { text, unresolved } : { text: result, unresolved };
}

/** The value of one `$NAME` or `${NAME...}`; undefined when the variable has no known value. */
function replace(name: string, operator: string | undefined, operand: string | undefined, values: ReadonlyMap<string, string | undefined>): string | undefined {
  const declared = values.has(name);
  const value = values.get(name);
  const isSet = declared && value !== undefined;
  const isNonEmpty = isSet && value !== '';
  switch (operator) {
    case ':-':
      return isNonEmpty ? value : (operand ?? '');
    case '-':
      return isSet ? value : (operand ?? '');
    case ':+':
      return isNonEmpty ? (operand ?? '') : '';
    case '+':
      return isSet ? (operand ?? '') : '';
    default:
      return isSet ? value : undefined;
  }
}
