import type { Bin, BinInput } from '@wms/protocol';
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/database';
import { bins, zones } from '../db/schema';
import { badRequest, conflict, notFound } from '../http/api-error';
import { capacitiesOf, splitRoom, writeRoom } from './bin-room';
import { touchOpenLines } from './touch-open-lines';

const columns = {
  id: bins.id,
  warehouseId: bins.warehouseId,
  code: bins.code,
  zone: bins.zone,
  checkDigits: bins.checkDigits,
  pathSeq: bins.pathSeq,
  active: bins.active,
  volumeCm3: bins.volumeCm3,
};

/** The bins of a warehouse in pick-path order, with their capacities per SKU. */
export async function listBins(db: Tx, warehouseId: string): Promise<Bin[]> {
  const rows = await db
    .select(columns)
    .from(bins)
    .where(eq(bins.warehouseId, warehouseId))
    .orderBy(asc(bins.pathSeq), asc(bins.code));
  const capacities = await capacitiesOf(db, warehouseId);
  return rows.map((b) => ({ ...b, capacities: capacities.get(b.id) ?? [] }));
}

async function withCapacities(tx: Tx, bin: Omit<Bin, 'capacities'>): Promise<Bin> {
  const capacities = await capacitiesOf(tx, bin.warehouseId, bin.id);
  return { ...bin, capacities: capacities.get(bin.id) ?? [] };
}

export const binIdOf = (warehouseId: string, code: string) => `${warehouseId}:${code}`;

async function requireZone(tx: Tx, warehouseId: string, zone: string, path = 'zone') {
  const [found] = await tx
    .select({ active: zones.active })
    .from(zones)
    .where(and(eq(zones.warehouseId, warehouseId), eq(zones.code, zone)));
  if (!found?.active)
    throw badRequest(`No active zone ${zone} in ${warehouseId}: add it first`, [
      { path, message: `no active zone ${zone} in ${warehouseId}` },
    ]);
}

export async function createBin(db: Db, warehouseId: string, input: BinInput): Promise<Bin> {
  return db.transaction(async (tx) => {
    await requireZone(tx, warehouseId, input.zone);
    const { fields, room } = splitRoom(input);
    const [created] = await tx
      .insert(bins)
      .values({ id: binIdOf(warehouseId, input.code), warehouseId, ...fields })
      .onConflictDoNothing()
      .returning(columns);
    if (!created)
      throw conflict(`Bin ${input.code} exists already in ${warehouseId}`, [
        { path: 'code', message: 'exists already' },
      ]);
    await writeRoom(tx, warehouseId, [{ binId: created.id, ...room }]);
    return withCapacities(tx, created);
  });
}

/** Edits a bin; handhelds holding open lines at it pull the new code, digits and order. */
export async function updateBin(
  db: Db,
  warehouseId: string,
  binId: string,
  input: BinInput,
): Promise<Bin> {
  return db.transaction(async (tx) => {
    // Another warehouse's bin is not there for this caller: 404 before any check of the input
    // (a code clash would otherwise tell a GZ admin that CD's bin exists).
    const [own] = await tx
      .select({ id: bins.id })
      .from(bins)
      .where(and(eq(bins.id, binId), eq(bins.warehouseId, warehouseId)));
    if (!own) throw notFound(`No bin ${binId} in ${warehouseId}`);
    await requireZone(tx, warehouseId, input.zone);
    const [clash] = await tx
      .select({ id: bins.id })
      .from(bins)
      .where(and(eq(bins.warehouseId, warehouseId), eq(bins.code, input.code)));
    if (clash && clash.id !== binId)
      throw conflict(`Another bin has the code ${input.code}`, [
        { path: 'code', message: 'used by another bin' },
      ]);
    const { fields, room } = splitRoom(input);
    const [updated] = await tx
      .update(bins)
      .set(fields)
      .where(and(eq(bins.id, binId), eq(bins.warehouseId, warehouseId)))
      .returning(columns);
    if (!updated) throw notFound(`No bin ${binId} in ${warehouseId}`);
    await writeRoom(tx, warehouseId, [{ binId, ...room }]);
    await touchOpenLines(tx, { binIds: [binId] });
    return withCapacities(tx, updated);
  });
}

export async function setBinActive(
  db: Db,
  warehouseId: string,
  binId: string,
  active: boolean,
): Promise<Bin> {
  const [updated] = await db
    .update(bins)
    .set({ active })
    .where(and(eq(bins.id, binId), eq(bins.warehouseId, warehouseId)))
    .returning(columns);
  if (!updated) throw notFound(`No bin ${binId} in ${warehouseId}`);
  return withCapacities(db, updated);
}

/**
 * Creates or updates (by code) every bin of an import in one transaction: a row that breaks a
 * rule (unknown zone) fails the whole import, reported as `rows.N.zone`.
 */
export async function importBins(
  db: Db,
  warehouseId: string,
  rows: readonly BinInput[],
): Promise<{ created: number; updated: number }> {
  return db.transaction(async (tx) => {
    const known = new Map(
      (await tx.select().from(zones).where(eq(zones.warehouseId, warehouseId))).map((z) => [
        z.code,
        z.active,
      ]),
    );
    const fields = rows.flatMap((row, i) =>
      known.get(row.zone)
        ? []
        : [{ path: `rows.${i + 1}.zone`, message: `no active zone ${row.zone} in ${warehouseId}` }],
    );
    if (fields.length > 0)
      throw badRequest(`${fields.length} problem(s) in the CSV: fix them and import again`, fields);
    const existing = new Set(
      (
        await tx.select({ code: bins.code }).from(bins).where(eq(bins.warehouseId, warehouseId))
      ).map((b) => b.code),
    );
    const touched: string[] = [];
    const fresh: (ReturnType<typeof splitRoom>['fields'] & { id: string; warehouseId: string })[] =
      [];
    const rooms: Parameters<typeof writeRoom>[2][number][] = [];
    for (const row of rows) {
      const id = binIdOf(warehouseId, row.code);
      const { fields: values, room } = splitRoom(row);
      rooms.push({ binId: id, ...room });
      if (existing.has(row.code)) {
        await tx
          .update(bins)
          .set(values)
          .where(and(eq(bins.warehouseId, warehouseId), eq(bins.code, row.code)));
        touched.push(id);
      } else fresh.push({ id, warehouseId, ...values });
    }
    // New bins go in by the thousand: a 50,000-row layout is one file (README, Spreadsheets).
    for (let at = 0; at < fresh.length; at += 1_000)
      await tx.insert(bins).values(fresh.slice(at, at + 1_000));
    await writeRoom(tx, warehouseId, rooms, (i) => `rows.${i + 1}.capacities`);
    await touchOpenLines(tx, { binIds: touched });
    return { created: fresh.length, updated: touched.length };
  });
}
