import * as p from '@wms/protocol';
import { z } from 'zod';
import * as r from './response-schemas';
import type { Operation } from './operations';

const setActive = z.strictObject({ active: z.boolean() });

/** One entity's list / create / edit / (de)activate operations, with CSV where it has it. */
function entity(
  plural: string,
  param: string,
  what: string,
  schemas: { create: z.ZodType; edit: z.ZodType; item: z.ZodType; list: z.ZodType },
  csv: boolean,
): Operation[] {
  const base = `/api/admin/${plural}`;
  return [
    { method: 'get', path: base, summary: `List ${what}`, response: schemas.list },
    {
      method: 'post',
      path: base,
      status: 201,
      refusals: [409],
      summary: `Create one ${what.replace(/s$/, '')}`,
      body: schemas.create,
      response: schemas.item,
    },
    {
      method: 'put',
      path: `${base}/{${param}}`,
      refusals: [409],
      summary: `Edit one ${what.replace(/s$/, '')}`,
      body: schemas.edit,
      response: schemas.item,
    },
    {
      method: 'post',
      path: `${base}/{${param}}/active`,
      summary: `Deactivate (active: false) or reactivate one ${what.replace(/s$/, '')}`,
      body: setActive,
      response: schemas.item,
    },
    ...(csv
      ? ([
          {
            method: 'get',
            path: `${base}.csv`,
            summary: `Export ${what} as CSV (UTF-8 with BOM; formula-like text starts with ')`,
          },
          {
            method: 'get',
            path: `${base}.xlsx`,
            summary: `Export ${what} as .xlsx`,
          },
          {
            method: 'post',
            path: `${base}.csv`,
            summary: `Import ${what} from CSV (UTF-8, GBK, UTF-16) or .xlsx (create or update; any bad row imports nothing, 400 names rows.N.column)`,
            csv: true,
            refusals: [409],
            response: p.csvImportResultSchema,
          },
        ] satisfies Operation[])
      : []),
  ];
}

/** Which labels: `codes` (comma-separated, up to 500) or, for bins, a whole zone or aisle. */
const CODES_QUERY = z.object({
  codes: z.string().describe('comma-separated codes, up to 500 (P-0001,P-0002)'),
});
const BIN_LABEL_QUERY = z.object({
  codes: z.string().optional().describe('comma-separated bin codes, up to 500 (A-03-12,A-03-13)'),
  zone: z.string().optional().describe('every active bin of a zone, in pick-path order (A)'),
  aisle: z.string().optional().describe('every active bin of an aisle, in pick-path order (A-03)'),
});

/** Master data (admins), device management and enrolment, labels. */
export const ADMIN_OPERATIONS: readonly Operation[] = [
  ...entity(
    'warehouses',
    'warehouseId',
    'warehouses',
    {
      create: p.newWarehouseSchema,
      edit: p.warehouseInputSchema,
      item: p.warehouseSchema,
      list: p.warehouseListSchema,
    },
    false,
  ),
  ...entity(
    'zones',
    'zoneId',
    "zones of the admin's warehouse",
    {
      create: p.zoneInputSchema,
      edit: p.zoneInputSchema,
      item: p.zoneSchema,
      list: p.zoneListSchema,
    },
    false,
  ),
  ...entity(
    'bins',
    'binId',
    "bins of the admin's warehouse",
    { create: p.binInputSchema, edit: p.binInputSchema, item: p.binSchema, list: p.binListSchema },
    true,
  ),
  ...entity(
    'skus',
    'skuId',
    'SKUs',
    { create: p.newSkuSchema, edit: p.skuInputSchema, item: p.skuSchema, list: p.skuListSchema },
    true,
  ),
  ...entity(
    'users',
    'userId',
    "users of the admin's warehouse",
    {
      create: p.newUserSchema,
      edit: p.userInputSchema,
      item: p.userSchema,
      list: p.userListSchema,
    },
    true,
  ),
  {
    method: 'post',
    path: '/api/admin/users/{userId}/reset-pin',
    summary: 'Set a new PIN and unlock the badge',
    body: p.resetPinSchema,
    response: p.userSchema,
  },
  {
    method: 'get',
    path: '/api/admin/channel-sku-codes',
    summary: "List the channel SKU codes mapped to ours in the admin's warehouse",
    response: p.channelSkuCodeListSchema,
  },
  {
    method: 'put',
    path: '/api/admin/channel-sku-codes',
    summary: "Map a channel's SKU code (per shop, or every shop) to one of our SKUs",
    body: p.channelSkuCodeSchema,
    response: p.channelSkuCodeSchema,
  },
  {
    method: 'post',
    path: '/api/admin/channel-sku-codes/remove',
    summary: 'Remove a channel SKU code mapping',
    body: p.channelSkuCodeSchema.omit({ skuId: true }),
  },
  {
    method: 'get',
    path: '/api/admin/sku-reviews',
    summary: 'Orders parked on SKU codes that are neither ours nor mapped, with the codes',
    response: p.skuReviewListSchema,
  },
  {
    method: 'post',
    path: '/api/admin/sku-reviews/send',
    summary: 'Send on every parked order whose codes are now all mapped',
    response: z.object({ sent: z.int(), stillParked: z.int() }),
  },
  {
    method: 'post',
    path: '/api/devices/register',
    status: 201,
    refusals: [401, 403, 429],
    summary:
      'Register a handheld, with the enrolment code of the admin QR (with ENROLMENT_REQUIRED, only admins may sign in on a device without one)',
    body: p.registerDeviceRequestSchema,
    response: p.registerDeviceResponseSchema,
  },
  {
    method: 'get',
    path: '/api/devices',
    summary: "The handhelds of the caller's warehouse, with their backlog",
    response: p.deviceListSchema,
  },
  {
    method: 'post',
    path: '/api/devices/enrolment-codes',
    status: 201,
    summary: "A single-use enrolment code (10 minutes) for the admin's warehouse, shown as a QR",
    response: p.enrolmentCodeResponseSchema,
  },
  {
    method: 'put',
    path: '/api/devices/{deviceId}',
    response: r.renamedDeviceSchema,
    summary: 'Rename a handheld',
    body: p.renameDeviceSchema,
  },
  {
    method: 'post',
    path: '/api/devices/{deviceId}/revoke',
    response: r.revokedDeviceSchema,
    summary: "Revoke a lost handheld of the caller's warehouse: its tokens stop at once",
  },
  ...(['bins', 'badges', 'totes'] as const).flatMap((kind) =>
    (['pdf', 'zpl'] as const).map((format): Operation => ({
      method: 'get',
      path: `/api/labels/${kind}.${format}`,
      refusals: [404],
      query: kind === 'bins' ? BIN_LABEL_QUERY : CODES_QUERY,
      summary: `${kind.replace(/s$/, '')} labels as ${format === 'pdf' ? 'PDF (100 × 50 mm pages)' : 'ZPL for Zebra printers (4 × 2 in, 203 dpi)'}: ?codes=a,b,c (up to 500)`,
    })),
  ),
];
