import { type SQL, sql } from 'drizzle-orm';

/**
 * A timestamptz column of a raw query as the API sends every time: RFC 3339 in UTC with
 * milliseconds, what `Date.toISOString()` gives (a raw query otherwise answers Postgres text,
 * `2026-12-06 14:29:24.512+00`). Null stays null.
 *
 * @example
 * sql`select ${isoTime('h.raised_at')} as "raisedAt" from order_holds h`
 */
export const isoTime = (column: string): SQL =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
