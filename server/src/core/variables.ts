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
 * Replaces `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alt}` and
 * `${NAME+alt}` using `values` (undefined value: declared without a default).
 */
export function substituteVariables(text: string, values: ReadonlyMap<string, string | undefined>): Substitution {
  let unresolved = false;
  const result = text.replace(VARIABLE, (_match, bracedName: string | undefined, operator: string | undefined, operand: string | undefined, bareName: string | undefined) => {
    const name = bracedName ?? bareName ?? '';
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
        if (!isSet) {
          unresolved = true;
          return '';
        }
        return value;
    }
  });
  return { text: result, unresolved };
}
