import munkres from 'munkres';

/** Agreement between found groups and true labels: the usual external clustering scores. */

function contingency(truth: string[], found: number[]): { table: number[][]; rows: number[]; cols: number[]; n: number } {
  const t = new Map<string, number>();
  const f = new Map<number, number>();
  truth.forEach((x) => t.has(x) || t.set(x, t.size));
  found.forEach((x) => f.has(x) || f.set(x, f.size));
  const table = Array.from({ length: t.size }, () => new Array<number>(f.size).fill(0));
  truth.forEach((x, i) => table[t.get(x)!]![f.get(found[i]!)!]!++);
  return {
    table,
    rows: table.map((r) => r.reduce((a, b) => a + b, 0)),
    cols: [...f.keys()].map((_, j) => table.reduce((a, r) => a + r[j]!, 0)),
    n: truth.length,
  };
}

/** Normalized mutual information (arithmetic mean of the entropies, as scikit-learn's default). */
export function nmi(truth: string[], found: number[]): number {
  const { table, rows, cols, n } = contingency(truth, found);
  let mi = 0;
  table.forEach((r, i) => r.forEach((c, j) => c > 0 && (mi += (c / n) * Math.log((c * n) / (rows[i]! * cols[j]!)))));
  const h = (xs: number[]) => -xs.reduce((a, x) => (x > 0 ? a + (x / n) * Math.log(x / n) : a), 0);
  const denominator = (h(rows) + h(cols)) / 2;
  return denominator === 0 ? 1 : mi / denominator;
}

/** Adjusted Rand index. */
export function ari(truth: string[], found: number[]): number {
  const { table, rows, cols, n } = contingency(truth, found);
  const c2 = (x: number) => (x * (x - 1)) / 2;
  const index = table.flat().reduce((a, x) => a + c2(x), 0);
  const a = rows.reduce((s, x) => s + c2(x), 0);
  const b = cols.reduce((s, x) => s + c2(x), 0);
  const expected = (a * b) / c2(n);
  const max = (a + b) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** Accuracy under the best one-to-one mapping of groups to labels (Hungarian algorithm). */
export function mappedAccuracy(truth: string[], found: number[]): number {
  const { table, n } = contingency(truth, found);
  const size = Math.max(table.length, table[0]?.length ?? 0);
  const max = Math.max(...table.flat());
  const cost = Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => max - (table[i]?.[j] ?? 0)));
  return munkres(cost).reduce((a, [i, j]) => a + (table[i]?.[j] ?? 0), 0) / n;
}

/** Share of items whose group's most common label is their own. */
export function purity(truth: string[], found: number[]): number {
  const { table, n } = contingency(truth, found);
  return table[0] ? table[0].map((_, j) => Math.max(...table.map((r) => r[j]!))).reduce((a, b) => a + b, 0) / n : 1;
}
