import {
  binInputSchema,
  newSkuSchema,
  newUserSchema,
  newWarehouseSchema,
  resetPinSchema,
  skuInputSchema,
  userInputSchema,
  warehouseInputSchema,
  zoneInputSchema,
} from '@wms/protocol';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { checkPresaleHolds } from '../holds/presale';
import { z } from 'zod';
import { requireSession, type SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import { parseBody, pathParam } from '../http/parse-input';
import { sheetResponse } from '../spreadsheets/sheet-response';
import { tableOfRequest } from '../spreadsheets/table-request';
import { createBin, importBins, listBins, setBinActive, updateBin } from './bins';
import {
  binsFromCsv,
  binsToSheet,
  skusFromCsv,
  skusToSheet,
  usersFromCsv,
  usersToSheet,
} from './master-data-csv';
import { createSku, importSkus, listSkus, setSkuActive, updateSku } from './skus';
import { createUser, importUsers, listUsers, resetPin, setUserActive, updateUser } from './users';
import { notFound } from '../http/api-error';
import { createWarehouse, listWarehouses, updateWarehouse } from './warehouses';
import { createZone, listZones, setZoneActive, updateZone } from './zones';

/** `{ "active": false }` deactivates, `true` brings it back. */
export const setActiveSchema = z.strictObject({ active: z.boolean() });

/**
 * Master data for admins (`/api/admin`). Zones, bins and users are those of the admin's own
 * warehouse (from the login); SKUs and the warehouse list are shared.
 */
export function masterDataRoutes(deps: AppDeps) {
  const { db } = deps;
  const wh = (c: Context<SessionEnv>) => c.get('session').warehouseId;
  /**
   * An admin may add a warehouse to the hub, but renames or closes only their own: closing
   * another would stop its floor. Another warehouse's id answers 404, as everywhere.
   */
  const ownWarehouse = (c: Context<SessionEnv>) => {
    const warehouseId = pathParam(c, 'warehouseId');
    if (warehouseId !== wh(c)) throw notFound(`No warehouse ${warehouseId}`);
    return warehouseId;
  };
  return new Hono<SessionEnv>()
    .use(requireSession(deps.authSecret, ['admin']))
    .get('/warehouses', async (c) => c.json({ warehouses: await listWarehouses(db) }))
    .post('/warehouses', async (c) =>
      c.json(await createWarehouse(db, await parseBody(c, newWarehouseSchema)), 201),
    )
    .put('/warehouses/:warehouseId', async (c) =>
      c.json(await updateWarehouse(db, ownWarehouse(c), await parseBody(c, warehouseInputSchema))),
    )
    .post('/warehouses/:warehouseId/active', async (c) =>
      c.json(await updateWarehouse(db, ownWarehouse(c), await parseBody(c, setActiveSchema))),
    )
    .get('/zones', async (c) => c.json({ zones: await listZones(db, wh(c)) }))
    .post('/zones', async (c) =>
      c.json(await createZone(db, wh(c), await parseBody(c, zoneInputSchema)), 201),
    )
    .put('/zones/:zoneId', async (c) =>
      c.json(
        await updateZone(db, wh(c), pathParam(c, 'zoneId'), await parseBody(c, zoneInputSchema)),
      ),
    )
    .post('/zones/:zoneId/active', async (c) =>
      c.json(
        await setZoneActive(
          db,
          wh(c),
          pathParam(c, 'zoneId'),
          (await parseBody(c, setActiveSchema)).active,
        ),
      ),
    )
    .get('/bins', async (c) => c.json({ bins: await listBins(db, wh(c)) }))
    .post('/bins', async (c) =>
      c.json(await createBin(db, wh(c), await parseBody(c, binInputSchema)), 201),
    )
    .get('/bins.csv', async (c) =>
      sheetResponse(c, `bins-${wh(c)}`, 'csv', binsToSheet(await listBins(db, wh(c)))),
    )
    .get('/bins.xlsx', async (c) =>
      sheetResponse(c, `bins-${wh(c)}`, 'xlsx', binsToSheet(await listBins(db, wh(c)))),
    )
    .post('/bins.csv', async (c) =>
      c.json(await importBins(db, wh(c), binsFromCsv(await tableOfRequest(c)))),
    )
    .put('/bins/:binId', async (c) =>
      c.json(await updateBin(db, wh(c), pathParam(c, 'binId'), await parseBody(c, binInputSchema))),
    )
    .post('/bins/:binId/active', async (c) =>
      c.json(
        await setBinActive(
          db,
          wh(c),
          pathParam(c, 'binId'),
          (await parseBody(c, setActiveSchema)).active,
        ),
      ),
    )
    .get('/skus', async (c) => c.json({ skus: await listSkus(db) }))
    .post('/skus', async (c) => c.json(await createSku(db, await parseBody(c, newSkuSchema)), 201))
    .get('/skus.csv', async (c) => sheetResponse(c, 'skus', 'csv', skusToSheet(await listSkus(db))))
    .get('/skus.xlsx', async (c) =>
      sheetResponse(c, 'skus', 'xlsx', skusToSheet(await listSkus(db))),
    )
    .post('/skus.csv', async (c) =>
      c.json(await importSkus(db, skusFromCsv(await tableOfRequest(c)))),
    )
    .put('/skus/:skuId', async (c) => {
      const sku = await updateSku(db, pathParam(c, 'skuId'), await parseBody(c, skuInputSchema));
      // Issue 21: a pre-sale date moved (supplier delay) or reached: the held orders hear now.
      await checkPresaleHolds(db, deps.now());
      return c.json(sku);
    })
    .post('/skus/:skuId/active', async (c) =>
      c.json(
        await setSkuActive(db, pathParam(c, 'skuId'), (await parseBody(c, setActiveSchema)).active),
      ),
    )
    .get('/users', async (c) => c.json({ users: await listUsers(db, wh(c), deps.now()) }))
    .post('/users', async (c) =>
      c.json(await createUser(db, wh(c), await parseBody(c, newUserSchema), deps.now()), 201),
    )
    .get('/users.csv', async (c) =>
      sheetResponse(
        c,
        `users-${wh(c)}`,
        'csv',
        usersToSheet(await listUsers(db, wh(c), deps.now())),
      ),
    )
    .get('/users.xlsx', async (c) =>
      sheetResponse(
        c,
        `users-${wh(c)}`,
        'xlsx',
        usersToSheet(await listUsers(db, wh(c), deps.now())),
      ),
    )
    .post('/users.csv', async (c) =>
      c.json(await importUsers(db, wh(c), usersFromCsv(await tableOfRequest(c)))),
    )
    .put('/users/:userId', async (c) =>
      c.json(
        await updateUser(
          db,
          wh(c),
          pathParam(c, 'userId'),
          await parseBody(c, userInputSchema),
          deps.now(),
        ),
      ),
    )
    .post('/users/:userId/active', async (c) =>
      c.json(
        await setUserActive(
          db,
          wh(c),
          pathParam(c, 'userId'),
          (await parseBody(c, setActiveSchema)).active,
          deps.now(),
        ),
      ),
    )
    .post('/users/:userId/reset-pin', async (c) =>
      c.json(
        await resetPin(
          db,
          wh(c),
          pathParam(c, 'userId'),
          (await parseBody(c, resetPinSchema)).pin,
          deps.now(),
        ),
      ),
    );
}
