import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { type OwnedDatabase, testDatabases } from '../testing/test-databases';
import { NOT_GROWING, RETENTION_POLICIES, type RetentionPolicy } from './policies';

const POLICIES: Record<string, RetentionPolicy> = RETENTION_POLICIES;

describe.each(testDatabases())('retention policies cover the schema on $name', (target) => {
  let database: OwnedDatabase;
  let columns: Map<string, Set<string>>;
  beforeAll(async () => {
    database = await target.open();
    const rows = await queryRows<{ table: string; column: string }>(
      database.db,
      sql`select c.table_name as "table", c.column_name as "column"
          from information_schema.columns c
          join information_schema.tables t
            on t.table_schema = c.table_schema and t.table_name = c.table_name
          where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
            and c.table_name not like '\\_\\_drizzle%'
            -- A month of a partitioned table (partitions.ts) is under its table's policy.
            and not exists (select 1 from pg_inherits i join pg_class p on p.oid = i.inhrelid
                            where p.relname = c.table_name)`,
    );
    columns = new Map();
    for (const r of rows) columns.set(r.table, (columns.get(r.table) ?? new Set()).add(r.column));
  });
  afterAll(() => database.drop());

  it('every table is under a retention policy or says why it does not grow', () => {
    const missing = [...columns.keys()]
      .filter((table) => !(table in POLICIES) && !(table in NOT_GROWING))
      .sort();
    const advice = missing.map(
      (table) =>
        `${table}: add it to RETENTION_POLICIES in apps/server/src/retention/policies.ts ` +
        `(its time column, how long it stays, exported or pruned, or 'follows' its parent), ` +
        `or to NOT_GROWING there with the reason it does not grow with time`,
    );
    expect(advice).toEqual([]);
  });

  it('no policy names a table or a time column that is not there', () => {
    const stale: string[] = [];
    for (const [table, policy] of Object.entries(POLICIES)) {
      const have = columns.get(table);
      if (!have) stale.push(`${table}: no such table (remove or rename its policy)`);
      else if (
        (policy.kind === 'export-prune' || policy.kind === 'archive') &&
        !have.has(policy.time)
      ) {
        stale.push(`${table}: no column ${policy.time}`);
      } else if (policy.kind === 'follows' && !have.has(policy.via)) {
        stale.push(`${table}: no column ${policy.via}`);
      }
    }
    for (const table of Object.keys(NOT_GROWING)) {
      if (!columns.has(table)) stale.push(`${table}: on NOT_GROWING but not in the schema`);
      if (table in POLICIES) stale.push(`${table}: both under a policy and on NOT_GROWING`);
    }
    expect(stale).toEqual([]);
  });

  it('a table that has a time column and is said not to grow is master data or state', () => {
    const timed = Object.keys(NOT_GROWING).filter((table) =>
      [...(columns.get(table) ?? [])].some((c) => /(_at|_time)$/.test(c)),
    );
    // Each of these was looked at: their times are of an edit or a revocation, not of growth.
    expect(timed.sort()).toEqual([
      'api_keys',
      // Issue 27: a shop's last pull, push and reconcile; a code's last push.
      'connector_stock',
      'connectors',
      'devices',
      'hold_rules',
      'retention_exports',
      'retention_horizons',
      'webhook_subscriptions',
    ]);
  });
});
