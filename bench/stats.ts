// The statistics every benchmark prints: medians (of rounds and of ratios) and latency percentiles.

/** The median: the middle value, or the mean of the middle pair when the count is even (NaN when empty). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = ascending(xs);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A sorted copy, smallest first. */
export const ascending = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

/** The nearest-rank `p`th percentile of an ascending array (NaN when empty). */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length
    ? sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]!
    : NaN;
