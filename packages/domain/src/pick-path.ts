/** What ordering by pick path needs of a line. */
export interface OnPickPath {
  pathSeq: number;
  binCode: string;
  id: string;
}

/**
 * Orders lines along the warehouse's pick path: by the bin's path sequence, then bin code, then
 * line id, so that two devices (and the server) always present the same walk.
 *
 * @example
 * orderByPickPath([{ pathSeq: 20, binCode: 'A-01-02', id: 'b' }, { pathSeq: 10, binCode: 'A-01-01', id: 'a' }])
 * // → [a, b]
 */
export function orderByPickPath<L extends OnPickPath>(lines: readonly L[]): L[] {
  return [...lines].sort(
    (a, b) => a.pathSeq - b.pathSeq || compareText(a.binCode, b.binCode) || compareText(a.id, b.id),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
