// Answers remembered on an object of one analysis (a stage, a stage model, a stage list), kept on
// the object itself rather than in a module-level WeakMap keyed by it. V8's young-generation
// collector keeps a WeakMap entry's value alive while the map lives (only a full collection
// clears entries whose key died); the values here reach the whole syntax tree, so each
// analysis' tree survived the next minor collections and was copied to the old generation.
// Profiled on the corpus, that made garbage collection a third of an analysis.

const MEMO = Symbol('stagecraft.memo');

type Memo = Record<symbol, unknown>;

/**
 * `compute()`, remembered on `owner` under `key` (a symbol of the caller's own). The answers are
 * kept in a non-enumerable property, so they are invisible to equality checks and JSON.
 * `undefined` answers are not remembered; use `null` for "none".
 */
export function rememberOn<T>(owner: object, key: symbol, compute: () => T): T {
  const memo = memoOf(owner);
  const known = memo[key];
  if (known !== undefined) {
    return known as T;
  }
  const answer = compute();
  memo[key] = answer;
  return answer;
}

/** The answer remembered on `owner` under `key`, if any (for callers that fill in several at once). */
export function rememberedOn<T>(owner: object, key: symbol): T | undefined {
  return (owner as { [MEMO]?: Memo })[MEMO]?.[key] as T | undefined;
}

/** Remembers `answer` on `owner` under `key`. */
export function rememberAnswer<T>(owner: object, key: symbol, answer: T): void {
  memoOf(owner)[key] = answer;
}

/** `owner`'s answers, added as a non-enumerable property on first use. */
function memoOf(owner: object): Memo {
  let memo = (owner as { [MEMO]?: Memo })[MEMO];
  if (memo === undefined) {
    memo = {};
    Object.defineProperty(owner, MEMO, { value: memo });
  }
  return memo;
}
