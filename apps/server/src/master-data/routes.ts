import { documented } from '../api-docs/documented';
import {
  binInputSchema,
  binListSchema,
  binSchema,
  newSkuSchema,
  skuListSchema,
  skuSchema,
  userListSchema,
  warehouseListSchema,
  warehouseSchema,
  zoneListSchema,
  zoneSchema,
  newUserSchema,
  newWarehouseSchema,
  resetPinSchema,
  skuInputSchema,
  userInputSchema,
  warehouseInputSchema,
  zoneInputSchema,
  userSchema,
  type SkuInput,
} from '@wms/protocol';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { checkPresaleHolds } from '../holds/presale';
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
import { badRequest, notFound } from '../http/api-error';
import { ANY_HTTPS, pictureUrlErrors } from '../http/picture-hosts';
import { createWarehouse, listWarehouses, updateWarehouse } from './warehouses';
import { entityDocs, setActiveSchema } from './entity-docs';
import { createZone, listZones, setZoneActive, updateZone } from './zones';

const warehouseDocs = entityDocs('warehouses', {
  create: newWarehouseSchema,
  edit: warehouseInputSchema,
  item: warehouseSchema,
  list: warehouseListSchema,
});
const zoneDocs = entityDocs("zones of the admin's warehouse", {
  create: zoneInputSchema,
  edit: zoneInputSchema,
  item: zoneSchema,
  list: zoneListSchema,
});
const binDocs = entityDocs("bins of the admin's warehouse", {
  create: binInputSchema,
  edit: binInputSchema,
  item: binSchema,
  list: binListSchema,
});
const skuDocs = entityDocs('SKUs', {
  create: newSkuSchema,
  edit: skuInputSchema,
  item: skuSchema,
  list: skuListSchema,
});
const userDocs = entityDocs("users of the admin's warehouse", {
  create: newUserSchema,
  edit: userInputSchema,
  item: userSchema,
  list: userListSchema,
});

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
  // A picture the page would not load (PICTURE_HOSTS) is refused before anything is stored.
  const pictureHosts = deps.pictureHosts ?? ANY_HTTPS;
  const withPictureHosts = <T extends SkuInput>(sku: T): T => {
    const errors = pictureUrlErrors(pictureHosts, sku);
    if (errors.length > 0) throw badRequest('A picture is on a host the app may not load', errors);
    return sku;
  };
  const rowsWithPictureHosts = <T extends SkuInput>(rows: T[]): T[] => {
    const errors = rows.flatMap((row, i) => pictureUrlErrors(pictureHosts, row, `rows.${i + 1}.`));
    if (errors.length > 0)
      throw badRequest(`${errors.length} picture(s) on a host the app may not load`, errors);
    return rows;
  };
  return new Hono<SessionEnv>()
    .use(requireSession(deps.authSecret, ['admin']))
    .get('/warehouses', documented(warehouseDocs.list), async (c) =>
      c.json({ warehouses: await listWarehouses(db) }),
    )
    .post('/warehouses', documented(warehouseDocs.create), async (c) =>
      c.json(await createWarehouse(db, await parseBody(c, newWarehouseSchema)), 201),
    )
    .put('/warehouses/:warehouseId', documented(warehouseDocs.edit), async (c) =>
      c.json(await updateWarehouse(db, ownWarehouse(c), await parseBody(c, warehouseInputSchema))),
    )
    .post('/warehouses/:warehouseId/active', documented(warehouseDocs.active), async (c) =>
      c.json(await updateWarehouse(db, ownWarehouse(c), await parseBody(c, setActiveSchema))),
    )
    .get('/zones', documented(zoneDocs.list), async (c) =>
      c.json({ zones: await listZones(db, wh(c)) }),
    )
    .post('/zones', documented(zoneDocs.create), async (c) =>
      c.json(await createZone(db, wh(c), await parseBody(c, zoneInputSchema)), 201),
    )
    .put('/zones/:zoneId', documented(zoneDocs.edit), async (c) =>
      c.json(
        await updateZone(db, wh(c), pathParam(c, 'zoneId'), await parseBody(c, zoneInputSchema)),
      ),
    )
    .post('/zones/:zoneId/active', documented(zoneDocs.active), async (c) =>
      c.json(
        await setZoneActive(
          db,
          wh(c),
          pathParam(c, 'zoneId'),
          (await parseBody(c, setActiveSchema)).active,
        ),
      ),
    )
    .get('/bins', documented(binDocs.list), async (c) =>
      c.json({ bins: await listBins(db, wh(c)) }),
    )
    .post('/bins', documented(binDocs.create), async (c) =>
      c.json(await createBin(db, wh(c), await parseBody(c, binInputSchema)), 201),
    )
    .get('/bins.csv', documented(binDocs.exportCsv), async (c) =>
      sheetResponse(c, `bins-${wh(c)}`, 'csv', binsToSheet(await listBins(db, wh(c)))),
    )
    .get('/bins.xlsx', documented(binDocs.exportXlsx), async (c) =>
      sheetResponse(c, `bins-${wh(c)}`, 'xlsx', binsToSheet(await listBins(db, wh(c)))),
    )
    .post('/bins.csv', documented(binDocs.importCsv), async (c) =>
      c.json(await importBins(db, wh(c), binsFromCsv(await tableOfRequest(c)))),
    )
    .put('/bins/:binId', documented(binDocs.edit), async (c) =>
      c.json(await updateBin(db, wh(c), pathParam(c, 'binId'), await parseBody(c, binInputSchema))),
    )
    .post('/bins/:binId/active', documented(binDocs.active), async (c) =>
      c.json(
        await setBinActive(
          db,
          wh(c),
          pathParam(c, 'binId'),
          (await parseBody(c, setActiveSchema)).active,
        ),
      ),
    )
    .get('/skus', documented(skuDocs.list), async (c) => c.json({ skus: await listSkus(db) }))
    .post('/skus', documented(skuDocs.create), async (c) =>
      c.json(await createSku(db, withPictureHosts(await parseBody(c, newSkuSchema))), 201),
    )
    .get('/skus.csv', documented(skuDocs.exportCsv), async (c) =>
      sheetResponse(c, 'skus', 'csv', skusToSheet(await listSkus(db))),
    )
    .get('/skus.xlsx', documented(skuDocs.exportXlsx), async (c) =>
      sheetResponse(c, 'skus', 'xlsx', skusToSheet(await listSkus(db))),
    )
    .post('/skus.csv', documented(skuDocs.importCsv), async (c) =>
      c.json(await importSkus(db, rowsWithPictureHosts(skusFromCsv(await tableOfRequest(c))))),
    )
    .put('/skus/:skuId', documented(skuDocs.edit), async (c) => {
      const sku = await updateSku(
        db,
        pathParam(c, 'skuId'),
        withPictureHosts(await parseBody(c, skuInputSchema)),
      );
      // Issue 21: a pre-sale date moved (supplier delay) or reached: the held orders hear now.
      await checkPresaleHolds(db, deps.now());
      return c.json(sku);
    })
    .post('/skus/:skuId/active', documented(skuDocs.active), async (c) =>
      c.json(
        await setSkuActive(db, pathParam(c, 'skuId'), (await parseBody(c, setActiveSchema)).active),
      ),
    )
    .get('/users', documented(userDocs.list), async (c) =>
      c.json({ users: await listUsers(db, wh(c), deps.now()) }),
    )
    .post('/users', documented(userDocs.create), async (c) =>
      c.json(await createUser(db, wh(c), await parseBody(c, newUserSchema), deps.now()), 201),
    )
    .get('/users.csv', documented(userDocs.exportCsv), async (c) =>
      sheetResponse(
        c,
        `users-${wh(c)}`,
        'csv',
        usersToSheet(await listUsers(db, wh(c), deps.now())),
      ),
    )
    .get('/users.xlsx', documented(userDocs.exportXlsx), async (c) =>
      sheetResponse(
        c,
        `users-${wh(c)}`,
        'xlsx',
        usersToSheet(await listUsers(db, wh(c), deps.now())),
      ),
    )
    .post('/users.csv', documented(userDocs.importCsv), async (c) =>
      c.json(await importUsers(db, wh(c), usersFromCsv(await tableOfRequest(c)))),
    )
    .put('/users/:userId', documented(userDocs.edit), async (c) =>
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
    .post(
      '/users/:userId/active',
      documented({
        ...userDocs.active,
        refusals: [409],
        summary: `${userDocs.active.summary} (the hub's last hub admin stays active: 409 last_hub_admin)`,
      }),
      async (c) =>
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
    .post(
      '/users/:userId/reset-pin',
      documented({
        summary: 'Set a new PIN and unlock the badge',
        body: resetPinSchema,
        response: userSchema,
      }),
      async (c) =>
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
