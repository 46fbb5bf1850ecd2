// Edit distance between two name parts. Damerau's study of spelling slips (1964) found about four
// in five are one insertion, deletion, substitution or swap of two neighbouring letters, so a swap
// counts as one edit here ("Jnae" is one slip from "Jane", not two).

/**
 * Optimal-string-alignment Damerau-Levenshtein distance, compared by Unicode code point (so a
 * name in Arabic script or Bengali is measured by its letters, not its UTF-16 units).
 * Stops early and returns `limit + 1` once the distance must exceed `limit`. With `swaps` false a swap
 * of neighbouring letters is two edits (plain Levenshtein), for comparisons that are not about typing.
 */
export function editDistance(left: string, right: string, limit = Number.POSITIVE_INFINITY, swaps = true): number {
  const a = Array.from(left);
  const b = Array.from(right);
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      // Every index read here is inside the rows built so far (j - 2 only once j > 1).
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + substitution);
      if (swaps && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, beforePrevious[j - 2]! + 1);
      }
      current.push(best);
      rowMinimum = Math.min(rowMinimum, best);
    }
    if (rowMinimum > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}
