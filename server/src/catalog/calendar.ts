// Date arithmetic on YYYY-MM-DD strings (UTC), for the date-based rules. The same few dozen dates
// (today, the catalog's ends of support) are shifted and compared several times per analysis, and
// Date.parse with toISOString was about 4% of a small file's analysis: answers are remembered.

const DAY_MS = 86_400_000;

/** Remembered answers; cleared when they grow past this (dates read from a Dockerfile are unbounded). */
const MAX_REMEMBERED = 1000;
const dayNumbers = new Map<string, number>();
const shiftedDates = new Map<string, string>();

/** Days since 1970-01-01 (UTC), or NaN for a text that is not a date. */
function dayNumber(date: string): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    if (dayNumbers.size >= MAX_REMEMBERED) {
      dayNumbers.clear();
    }
    day = Date.parse(`${date}T00:00:00Z`) / DAY_MS;
    dayNumbers.set(date, day);
  }
  return day;
}

/** `date` moved by `days` (negative: back); a text that is not a date is returned as it is. */
export function addDays(date: string, days: number): string {
  const key = `${date}|${days}`;
  let shifted = shiftedDates.get(key);
  if (shifted === undefined) {
    if (shiftedDates.size >= MAX_REMEMBERED) {
      shiftedDates.clear();
    }
    const day = dayNumber(date);
    shifted = Number.isNaN(day) ? date : new Date((day + days) * DAY_MS).toISOString().slice(0, 10);
    shiftedDates.set(key, shifted);
  }
  return shifted;
}

/** Whole days from `from` to `to` (negative when `to` is earlier); Infinity when either is not a date. */
export function daysBetween(from: string, to: string): number {
  const start = dayNumber(from);
  const end = dayNumber(to);
  if (Number.isNaN(start) || Number.isNaN(end)) {
    return Number.POSITIVE_INFINITY; // an unreadable date: say nothing
  }
  return Math.round(end - start);
}
