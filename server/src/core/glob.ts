// Glob and /regex/ patterns from settings, for image references and file paths.

/**
 * A pattern written `/.../` is a regular expression; anything else is a glob where `**` matches
 * across `/`, `*` within one path segment, `?` one character. Invalid regexes match nothing.
 */
export function patternToRegExp(pattern: string): RegExp {
  const regex = /^\/(.+)\/([imsu]*)$/.exec(pattern);
  if (regex) {
    try {
      return new RegExp(regex[1], regex[2]);
    } catch {
      return /$^/;
    }
  }
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
      if (pattern[i + 1] === '/') {
        source += '/?';
        i++;
      }
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

export function matchesAny(value: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => patternToRegExp(pattern).test(value));
}

/** Is `pattern` valid as a setting value? (A broken /regex/ is reported, not silently ignored.) */
export function patternProblem(pattern: string): string | undefined {
  const regex = /^\/(.+)\/([imsu]*)$/.exec(pattern);
  if (!regex) {
    return undefined;
  }
  try {
    new RegExp(regex[1], regex[2]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
