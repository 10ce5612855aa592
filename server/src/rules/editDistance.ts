// Edit distance for did-you-mean suggestions (stage names, and anything else a typo can hit).

/**
 * Damerau-Levenshtein distance in its "optimal string alignment" form: insertions, deletions,
 * substitutions and transpositions of two adjacent characters each cost 1 (`buidl` → `build` is 1).
 * Case-sensitive: lowercase both sides first where case does not matter.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  if (a.length === 0 || b.length === 0) {
    return Math.max(a.length, b.length);
  }
  // Three rows suffice: the transposition looks two rows back.
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, beforePrevious[j - 2] + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The largest distance at which `typed` still reads as a typo rather than another word: none for
 * one or two characters, 1 up to five characters, 2 from six on (`bulder` → `builder`, but not
 * `test` → `dist`).
 */
export function typoBudget(typed: string): number {
  if (typed.length <= 2) {
    return 0;
  }
  return typed.length <= 5 ? 1 : 2;
}

/**
 * The candidates closest to `typed` within the typo budget of the longer of the two words (all of
 * them when several tie), compared case-insensitively: `build` for `buidl`, `builder` for `build`.
 * Exact matches (distance 0) are not suggestions and are left out.
 */
export function closestMatches(typed: string, candidates: readonly string[]): string[] {
  if (typoBudget(typed) === 0) {
    return [];
  }
  const lower = typed.toLowerCase();
  let best = Infinity;
  let matches: string[] = [];
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    const budget = typoBudget(candidate.length > typed.length ? candidate : typed);
    if (distance === 0 || distance > budget) {
      continue;
    }
    if (distance < best) {
      best = distance;
      matches = [candidate];
    } else if (distance === best && !matches.some((m) => m.toLowerCase() === candidate.toLowerCase())) {
      matches.push(candidate);
    }
  }
  return matches;
}
