/** One data row: the cells under each header, as text (typed .xlsx cells are written out). */
export type TableRow = Record<string, string>;

/** A sheet read from a file: its header and the rows under it (row 1 is the first under it). */
export interface Table {
  columns: string[];
  rows: TableRow[];
}

/** What a file may hold; both are stated in the README. */
export const TABLE_LIMITS = { maxRows: 50_000, maxBytes: 20 * 1024 * 1024 } as const;

/** At most this many faults are listed in one answer (a binary file would list every cell). */
export const MAX_REPORTED_FAULTS = 1_000;
