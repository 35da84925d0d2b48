import { type SQL, sql } from 'drizzle-orm';

/**
 * A list of texts as one `text[]` parameter. Unlike a set expanded from JSON (which the planner
 * guesses at 100 rows), `= any(...)` over it is planned with its real length, so a lookup of a
 * push's lines by id goes through the primary key instead of scanning the table.
 */
export function textArray(values: readonly string[]): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
  return sql`${literal}::text[]`;
}
