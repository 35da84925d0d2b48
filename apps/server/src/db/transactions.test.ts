import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnedDatabase, testDatabases } from '../testing/test-databases';
import { queryRows } from './database';

/**
 * `db.transaction` as the server uses it (on Postgres, BEGIN goes out with the first statement):
 * all or nothing, the first statement included, and connections come back clean.
 */
describe.each(testDatabases())('transactions on $name', (target) => {
  let database: OwnedDatabase;
  beforeAll(async () => {
    database = await target.open();
    await database.db.execute(sql`create table probe (id int primary key)`);
  });
  afterAll(() => database.drop());

  const ids = async () =>
    (await queryRows<{ id: number }>(database.db, sql`select id from probe order by id`)).map(
      (r) => r.id,
    );

  it('keeps every statement of a committed transaction, in one transaction', async () => {
    const txids = await database.db.transaction(async (tx) => {
      const [first] = await queryRows<{ txid: string }>(
        tx,
        sql`insert into probe values (1) returning pg_current_xact_id()::text as txid`,
      );
      const [second] = await queryRows<{ txid: string }>(
        tx,
        sql`insert into probe values (2) returning pg_current_xact_id()::text as txid`,
      );
      return [first!.txid, second!.txid];
    });
    expect(txids[0]).toBe(txids[1]);
    expect(await ids()).toEqual([1, 2]);
  });

  it('leaves nothing of a transaction whose callback throws, its first statement included', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into probe values (10)`);
        throw new Error('refused after the first statement');
      }),
    ).rejects.toThrow('refused after the first statement');
    expect(await ids()).toEqual([1, 2]);
  });

  it('leaves nothing of a transaction whose statement fails', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into probe values (20)`);
        await tx.execute(sql`insert into probe values (1)`); // taken
      }),
    ).rejects.toThrow();
    expect(await ids()).toEqual([1, 2]);
  });

  it('hands connections back usable after failed transactions', async () => {
    for (let i = 0; i < 12; i++) {
      await expect(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into probe values (${100 + i})`);
          await tx.execute(sql`select 1 / 0`);
        }),
      ).rejects.toThrow();
    }
    const inTransaction = await Promise.all(
      Array.from({ length: 12 }, () =>
        queryRows<{ open: boolean }>(
          database.db,
          sql`select pg_current_xact_id_if_assigned() is not null as open`,
        ),
      ),
    );
    expect(inTransaction.flat().map((r) => r.open)).toEqual(Array(12).fill(false));
    await database.db.transaction((tx) => tx.execute(sql`insert into probe values (3)`));
    expect(await ids()).toEqual([1, 2, 3]);
  });
});
