// Statistics over samples: median, nearest-rank percentile and a per-figure summary.

function sorted(values) {
  return [...values].sort((a, b) => a - b);
}

export function median(values) {
  const s = sorted(values);
  if (s.length === 0) {
    return undefined;
  }
  const middle = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[middle] : (s[middle - 1] + s[middle]) / 2;
}

/** Nearest-rank percentile. */
export function percentile(values, p) {
  const s = sorted(values);
  return s.length === 0 ? undefined : s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

export function summarize(values) {
  const numbers = values.filter((value) => typeof value === 'number' && Number.isFinite(value));
  return {
    n: numbers.length,
    median: median(numbers),
    p95: percentile(numbers, 95),
    max: numbers.length ? Math.max(...numbers) : undefined,
    total: numbers.reduce((sum, value) => sum + value, 0),
  };
}
