import type { Zone, ZoneInput } from '@wms/protocol';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { zones } from '../db/schema';
import { conflict, notFound } from '../http/api-error';

const columns = {
  id: zones.id,
  warehouseId: zones.warehouseId,
  code: zones.code,
  name: zones.name,
  active: zones.active,
};

export async function listZones(db: Db, warehouseId: string): Promise<Zone[]> {
  return db
    .select(columns)
    .from(zones)
    .where(eq(zones.warehouseId, warehouseId))
    .orderBy(asc(zones.code));
}

export async function createZone(db: Db, warehouseId: string, input: ZoneInput): Promise<Zone> {
  const [created] = await db
    .insert(zones)
    .values({ id: `${warehouseId}:${input.code}`, warehouseId, ...input })
    .onConflictDoNothing()
    .returning(columns);
  if (!created)
    throw conflict(`Zone ${input.code} exists already in ${warehouseId}`, [
      { path: 'code', message: 'exists already' },
    ]);
  return created;
}

/** Renames a zone (its code is what bins refer to, so it stays). */
export async function updateZone(
  db: Db,
  warehouseId: string,
  zoneId: string,
  input: ZoneInput,
): Promise<Zone> {
  const [zone] = await db
    .select(columns)
    .from(zones)
    .where(and(eq(zones.id, zoneId), eq(zones.warehouseId, warehouseId)));
  if (!zone) throw notFound(`No zone ${zoneId} in ${warehouseId}`);
  if (zone.code !== input.code)
    throw conflict('A zone code cannot change: bins refer to it. Add a new zone instead', [
      { path: 'code', message: `stays ${zone.code}` },
    ]);
  const [updated] = await db
    .update(zones)
    .set({ name: input.name })
    .where(eq(zones.id, zoneId))
    .returning(columns);
  return updated!;
}

export async function setZoneActive(
  db: Db,
  warehouseId: string,
  zoneId: string,
  active: boolean,
): Promise<Zone> {
  const [updated] = await db
    .update(zones)
    .set({ active })
    .where(and(eq(zones.id, zoneId), eq(zones.warehouseId, warehouseId)))
    .returning(columns);
  if (!updated) throw notFound(`No zone ${zoneId} in ${warehouseId}`);
  return updated;
}
