import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aSeededAppPerFile } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { advanceLedgerCheckpoint } from './ledger-checkpoint';
import { reconcilePool } from './reconcile-pool';
import { moveStock } from './stock-ledger';

/** Issue 19: reconciliation adds the rows after a checkpoint instead of a year of them. */
describe.each(testDatabases())('the stock ledger checkpoint on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const mark = async () =>
    (
      await queryRows<{ throughId: number }>(
        fx.database.db,
        sql`select through_id::int as "throughId" from stock_ledger_mark`,
      )
    )[0]!.throughId;
  /** Slots whose checkpointed sum is not the sum of their ledger rows up to the mark. */
  const checkpointErrors = () =>
    queryRows<{ binId: string; inSums: number; inLedger: number }>(
      fx.database.db,
      sql`
      with ledger as (
        select bin_id, sku_id, lot, expiry, status, sum(delta)::int as qty from stock_movements
        where reason <> 'ship' and id <= (select through_id from stock_ledger_mark)
        group by bin_id, sku_id, lot, expiry, status
        having sum(delta) <> 0
      )
      select coalesce(s.bin_id, l.bin_id) as "binId", coalesce(s.qty, 0) as "inSums",
             coalesce(l.qty, 0) as "inLedger"
      from stock_ledger_sums s
      full join ledger l on l.bin_id = s.bin_id and l.sku_id = s.sku_id and l.status = s.status
        and l.lot is not distinct from s.lot and l.expiry is not distinct from s.expiry
      where coalesce(s.qty, 0) <> coalesce(l.qty, 0)`,
    );
  const aSlot = async (nth = 0) =>
    (
      await queryRows<{ binId: string; skuId: string }>(
        fx.database.db,
        sql`select bin_id as "binId", sku_id as "skuId" from stock
            where warehouse_id = 'GZ' and status = 'available' and lot is null and qty >= 5
            order by bin_id, sku_id limit 1 offset ${nth}`,
      )
    )[0]!;
  const move = (binId: string, skuId: string, delta: number) =>
    fx.database.db.transaction((tx) =>
      moveStock(
        tx,
        [
          {
            warehouseId: 'GZ',
            binId,
            skuId,
            lot: null,
            expiry: null,
            status: 'available',
            delta,
            reason: 'adjust',
            reasonCode: 'found',
          },
        ],
        new Date(),
      ),
    );

  it('sums the ledger up to its mark, and the check adds the rows after it', async () => {
    expect(await mark()).toBe(0);
    const [ledger] = await queryRows<{ newest: number }>(
      fx.database.db,
      sql`select max(id)::int as newest from stock_movements`,
    );
    // Few rows past the mark: it stays where it is.
    expect(await advanceLedgerCheckpoint(fx.database.db, ledger!.newest)).toBeNull();
    expect(await advanceLedgerCheckpoint(fx.database.db, 0)).toBe(ledger!.newest);
    expect(await mark()).toBe(ledger!.newest);
    expect(await checkpointErrors()).toEqual([]);

    const slot = await aSlot();
    await move(slot.binId, slot.skuId, 3);
    await move(slot.binId, slot.skuId, -1);
    const checked = await reconcilePool(fx.database.db, 'GZ');
    expect(checked.ledgerDrifts).toEqual([]);
    expect(checked.drifts).toEqual([]);
  });

  it('still sees stock written around the ledger, checkpointed or not', async () => {
    const slot = await aSlot();
    const [before] = await queryRows<{ qty: number }>(
      fx.database.db,
      sql`select qty from stock where bin_id = ${slot.binId} and sku_id = ${slot.skuId}
          and lot is null and status = 'available'`,
    );
    await fx.database.db.execute(sql`
      update stock set qty = qty + 7
      where bin_id = ${slot.binId} and sku_id = ${slot.skuId} and lot is null and status = 'available'`);
    const drifted = await reconcilePool(fx.database.db, 'GZ');
    expect(drifted.ledgerDrifts).toEqual([
      {
        binId: slot.binId,
        skuId: slot.skuId,
        lot: null,
        expiry: null,
        status: 'available',
        inStock: before!.qty + 7,
        inLedger: before!.qty,
      },
    ]);
    // Checkpointed now: the slot's ledger sum is in the checkpoint, and the drift still shows.
    expect(await advanceLedgerCheckpoint(fx.database.db, 0)).not.toBeNull();
    expect(await checkpointErrors()).toEqual([]);
    expect((await reconcilePool(fx.database.db, 'GZ')).ledgerDrifts).toEqual(drifted.ledgerDrifts);
    await fx.database.db.execute(sql`
      update stock set qty = qty - 7
      where bin_id = ${slot.binId} and sku_id = ${slot.skuId} and lot is null and status = 'available'`);
    expect((await reconcilePool(fx.database.db, 'GZ')).ledgerDrifts).toEqual([]);
  });

  // Two connections at once: Postgres only (PGlite has one, so no writer is ever in flight).
  if (target.name === 'postgres')
    it('never moves past a ledger row another transaction has yet to commit', async () => {
      const slot = await aSlot();
      const other = postgres(fx.database.url!, { max: 1, onnotice: () => {} });
      try {
        const reserved = await other.reserve();
        await reserved`begin`;
        await reserved`
          insert into stock_movements (warehouse_id, bin_id, sku_id, status, delta, reason)
          values ('GZ', ${slot.binId}, ${slot.skuId}, 'available', 4, 'adjust')`;
        await reserved`
          update stock set qty = qty + 4
          where bin_id = ${slot.binId} and sku_id = ${slot.skuId} and lot is null and status = 'available'`;
        // A committed row after it (another slot), so there is something to move the mark to.
        const another = await aSlot(1);
        await move(another.binId, another.skuId, 1);
        const markBefore = await mark();
        // The share lock waits for the open writer, then gives up: the mark stays.
        expect(await advanceLedgerCheckpoint(fx.database.db, 0)).toBeNull();
        expect(await mark()).toBe(markBefore);
        await reserved`commit`;
        reserved.release();
        expect(await advanceLedgerCheckpoint(fx.database.db, 0)).not.toBeNull();
        expect(await checkpointErrors()).toEqual([]);
        expect((await reconcilePool(fx.database.db, 'GZ')).ledgerDrifts).toEqual([]);
      } finally {
        await other.end();
      }
    });
});
