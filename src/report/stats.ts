/** Small descriptive statistics, written out so the report's definitions are visible in one place. */

/** The q-quantile of sorted values, linear between closest ranks (Hyndman & Fan type 7, as R and spreadsheets do). */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function quartiles(values: number[]): { q1: number; median: number; q3: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { q1: quantile(sorted, 0.25), median: quantile(sorted, 0.5), q3: quantile(sorted, 0.75) };
}

export const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/**
 * Point-biserial correlation between a 0/1 item and a score: Pearson's r with the item as one
 * variable. Null when either has no variance (everyone right, or everyone the same score).
 */
export function pointBiserial(pairs: Array<[number, number]>): number | null {
  if (pairs.length < 2) return null;
  const xs = pairs.map((p) => p[0]);
  const ys = pairs.map((p) => p[1]);
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** Rounds for display and JSON (figures are aggregates, not measurements to the last bit). */
export const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;
