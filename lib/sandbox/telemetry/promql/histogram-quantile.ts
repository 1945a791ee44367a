/** One classic-histogram bucket: its upper bound (`le`) and cumulative count. */
export interface Bucket {
  readonly upperBound: number;
  readonly count: number;
}

/**
 * The q-quantile of a classic histogram as Prometheus 2.42's bucketQuantile computes it:
 * q < 0 -> -Inf, q > 1 -> +Inf, NaN q -> NaN; NaN without a +Inf bucket, with fewer than two
 * buckets, or with no observations; equal bounds are merged and counts forced monotonic; the
 * rank q x total is found by linear interpolation inside its bucket (the first bucket starts at
 * 0 unless its bound is <= 0, then the bound is the answer); a rank in the +Inf bucket gives the
 * highest finite bound.
 */
export function bucketQuantile(q: number, unsorted: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (unsorted.length === 0) return NaN;
  const sorted = [...unsorted].sort((a, b) => a.upperBound - b.upperBound);
  if ((sorted[sorted.length - 1] as Bucket).upperBound !== Infinity) return NaN;
  const buckets = ensureMonotonic(coalesce(sorted));
  if (buckets.length < 2) return NaN;
  const observations = (buckets[buckets.length - 1] as Bucket).count;
  if (observations === 0) return NaN;

  let rank = q * observations;
  // Go's sort.Search (a bisection, which matters only for NaN counts) over all but the +Inf
  // bucket: the first bucket whose count reaches the rank.
  let b = 0;
  for (let j = buckets.length - 1; b < j;) {
    const h = (b + j) >>> 1;
    if (!((buckets[h] as Bucket).count >= rank)) b = h + 1;
    else j = h;
  }
  if (b === buckets.length - 1) return (buckets[buckets.length - 2] as Bucket).upperBound;
  if (b === 0 && (buckets[0] as Bucket).upperBound <= 0) return (buckets[0] as Bucket).upperBound;

  let bucketStart = 0;
  const bucketEnd = (buckets[b] as Bucket).upperBound;
  let count = (buckets[b] as Bucket).count;
  if (b > 0) {
    const previous = buckets[b - 1] as Bucket;
    bucketStart = previous.upperBound;
    count -= previous.count;
    rank -= previous.count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** Buckets with the same bound (e.g. "1" and "1.0") are one bucket: their counts add up. */
function coalesce(sorted: readonly Bucket[]): Bucket[] {
  const out: Bucket[] = [];
  for (const bucket of sorted) {
    const last = out[out.length - 1];
    if (last && last.upperBound === bucket.upperBound)
      out[out.length - 1] = { upperBound: last.upperBound, count: last.count + bucket.count };
    else out.push(bucket);
  }
  return out;
}

/** Cumulative counts never decrease; a lower count (scrape skew, float error) takes the maximum so far. */
function ensureMonotonic(buckets: Bucket[]): Bucket[] {
  let max = -Infinity;
  return buckets.map((bucket) => {
    if (bucket.count > max) max = bucket.count;
    return bucket.count < max ? { upperBound: bucket.upperBound, count: max } : bucket;
  });
}
