import { z } from 'zod';
import { roleSchema } from './auth';
import { binCodeSchema, idSchema, isoDateSchema, isoTimeSchema, uuidSchema } from './codes';
import { gs1CheckDigit, hasValidCheckDigit } from './gtin';

/*
 * Master data kept by an admin (`/api/admin/*`): warehouses, zones, bins, SKUs, users. Every list
 * row carries `active`; deactivating keeps the row (history refers to it) and stops new use.
 * Bins, zones and users belong to the admin's own warehouse; SKUs are shared by all warehouses.
 */

const nameSchema = z.string().trim().min(1).max(120);

export const warehouseInputSchema = z.strictObject({
  name: nameSchema,
  nameZh: nameSchema,
  city: nameSchema,
});
export const newWarehouseSchema = warehouseInputSchema.extend({
  id: z.string().regex(/^[A-Z0-9]{2,8}$/, 'a warehouse id is 2–8 capital letters or digits'),
});
export const warehouseSchema = newWarehouseSchema.extend({ active: z.boolean() });

export const zoneInputSchema = z.strictObject({
  code: z.string().regex(/^[A-Z]{1,2}$/, 'a zone code is one or two capital letters'),
  name: nameSchema,
});
export const zoneSchema = zoneInputSchema.extend({
  id: idSchema,
  warehouseId: idSchema,
  active: z.boolean(),
});

/** Check digits printed on a bin label: two or three digits. */
export const checkDigitsSchema = z.string().regex(/^\d{2,3}$/, 'check digits are 2 or 3 digits');

/** How many units of one SKU a bin holds at most (its pick face for that SKU). Since v6. */
export const binCapacitySchema = z.strictObject({
  skuId: idSchema,
  maxQty: z.int().min(1).max(1_000_000),
});

/** A bin's usable volume in cm³ (40 × 30 × 20 cm is 24,000). */
const binVolumeSchema = z.int().min(1).max(1_000_000_000);

export const binInputSchema = z.strictObject({
  code: binCodeSchema,
  zone: zoneInputSchema.shape.code,
  checkDigits: checkDigitsSchema,
  /** Where the bin comes on the pick path: lower first. */
  pathSeq: z.int().min(0).max(10_000_000),
  /**
   * Put-away room (issue 23, since v6): the bin's volume (null: unknown), and per-SKU maximum
   * quantities. Left out, what the bin has is kept; `capacities` given replaces the bin's list.
   */
  volumeCm3: binVolumeSchema.nullable().optional(),
  capacities: z.array(binCapacitySchema).max(200).optional(),
});
export const binSchema = binInputSchema.extend({
  id: idSchema,
  warehouseId: idSchema,
  active: z.boolean(),
  volumeCm3: binVolumeSchema.nullable(),
  capacities: z.array(binCapacitySchema),
});

/**
 * A GTIN as printed (EAN-8, UPC-A, EAN-13, GTIN-14), its check digit right (the handheld reads a
 * wrong one as "not read": a SKU with it could never be scanned); stored in its 14-digit form.
 */
export const gtinSchema = z
  .string()
  .regex(/^(\d{8}|\d{12,14})$/, { error: 'a barcode is 8, 12, 13 or 14 digits', abort: true })
  .refine(hasValidCheckDigit, {
    error: (issue) =>
      `the check digit of barcode ${String(issue.input)} is wrong: the last digit should be ${gs1CheckDigit(String(issue.input).slice(0, -1))}`,
  });

const pictureUrlSchema = z.url({ protocol: /^https?$/ }).max(500);

/**
 * A SKU's record beyond its names (issue 20): what it costs us (M4.4 holds promotions far below
 * it), weight and size for cartons and carriers, whether it passes quality control before
 * shipping, the date a pre-sale item can first ship, and its pictures. Each may be left out when
 * creating (unknown) or editing (kept as it is).
 */
function skuRecordShape() {
  return {
    costCents: z.int().min(0).max(100_000_000).nullable(),
    weightGrams: z.int().min(0).max(10_000_000).nullable(),
    lengthMm: z.int().min(0).max(100_000).nullable(),
    widthMm: z.int().min(0).max(100_000).nullable(),
    heightMm: z.int().min(0).max(100_000).nullable(),
    qcRequired: z.boolean(),
    /** Pre-sale: the first day (China time) the item can ship; null when it is in stock. */
    availableFrom: isoDateSchema.nullable(),
    /** More pictures beside `imageUrl` (the one the pick card shows). */
    pictureUrls: z.array(pictureUrlSchema).max(10),
  };
}

function skuRecordInputShape() {
  const shape = skuRecordShape();
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof shape]: z.ZodOptional<(typeof shape)[K]>;
  };
}

export const skuInputSchema = z.strictObject({
  name: nameSchema,
  nameZh: nameSchema,
  category: nameSchema,
  imageUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
  lotTracked: z.boolean(),
  barcodes: z.array(gtinSchema).min(1).max(20),
  ...skuRecordInputShape(),
});
export const newSkuSchema = skuInputSchema.extend({ id: idSchema });
export const skuSchema = newSkuSchema.extend({ active: z.boolean(), ...skuRecordShape() });

/** A PIN: 4 to 8 digits. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');
export const staffRoleSchema = roleSchema.exclude(['integration']);
export const badgeSchema = z.string().regex(/^[A-Z]-\d{4}$/, 'a badge looks like P-0001');

export const userInputSchema = z.strictObject({
  name: nameSchema,
  role: staffRoleSchema,
  badge: badgeSchema,
  language: z.enum(['zh-CN', 'en']),
});
export const newUserSchema = userInputSchema.extend({ id: idSchema, pin: pinSchema });
export const userSchema = userInputSchema.extend({
  id: idSchema,
  warehouseId: idSchema,
  active: z.boolean(),
  /** Locked after too many wrong PINs; a PIN reset unlocks. */
  locked: z.boolean(),
});
/** `POST /api/admin/users/{userId}/reset-pin`: sets a new PIN and unlocks the badge. */
export const resetPinSchema = z.strictObject({ pin: pinSchema });

export const warehouseListSchema = z.object({ warehouses: z.array(warehouseSchema) });
export const zoneListSchema = z.object({ zones: z.array(zoneSchema) });
export const binListSchema = z.object({ bins: z.array(binSchema) });
export const skuListSchema = z.object({ skus: z.array(skuSchema) });
export const userListSchema = z.object({ users: z.array(userSchema) });

/**
 * The answer to a CSV import (`POST /api/admin/{bins,skus,users}.csv`). A file with any bad row
 * imports nothing: it is a 400 whose `error.fields` name each fault as `rows.N.column` (N counts
 * data rows from 1, the header not counted).
 */
export const csvImportResultSchema = z.object({ created: z.int(), updated: z.int() });

/** A handheld as supervisors and admins see it (`GET /api/devices`: their warehouse's only). */
export const deviceSummarySchema = z.object({
  id: uuidSchema,
  label: z.string(),
  warehouseId: idSchema.nullable(),
  epoch: z.int(),
  createdAt: isoTimeSchema,
  revokedAt: isoTimeSchema.nullable(),
  lastSeenAt: isoTimeSchema.nullable(),
  lastUserName: z.string().nullable(),
  /** Events the device has and the server does not yet: its unsynced backlog. */
  backlog: z.int(),
});
export const deviceListSchema = z.object({ devices: z.array(deviceSummarySchema) });
export const renameDeviceSchema = z.strictObject({ label: z.string().trim().min(1).max(64) });

/** An enrolment code: 8 capital letters/digits (no 0/O/1/I), as text and as a QR. */
export const enrolmentCodeSchema = z
  .string()
  .regex(/^[A-HJ-NP-Z2-9]{8}$/, 'an enrolment code is 8 letters and digits');
/** `POST /api/devices/enrolment-codes` (admin): a single-use code for the admin's warehouse. */
export const enrolmentCodeResponseSchema = z.object({
  code: enrolmentCodeSchema,
  warehouseId: idSchema,
  expiresAt: isoTimeSchema,
});

export type WarehouseInput = z.infer<typeof warehouseInputSchema>;
export type NewWarehouse = z.infer<typeof newWarehouseSchema>;
export type Warehouse = z.infer<typeof warehouseSchema>;
export type ZoneInput = z.infer<typeof zoneInputSchema>;
export type Zone = z.infer<typeof zoneSchema>;
export type BinInput = z.infer<typeof binInputSchema>;
export type Bin = z.infer<typeof binSchema>;
export type BinCapacity = z.infer<typeof binCapacitySchema>;
export type SkuInput = z.infer<typeof skuInputSchema>;
export type NewSku = z.infer<typeof newSkuSchema>;
export type Sku = z.infer<typeof skuSchema>;
export type UserInput = z.infer<typeof userInputSchema>;
export type NewUser = z.infer<typeof newUserSchema>;
export type User = z.infer<typeof userSchema>;
export type CsvImportResult = z.infer<typeof csvImportResultSchema>;
export type DeviceSummary = z.infer<typeof deviceSummarySchema>;
export type EnrolmentCodeResponse = z.infer<typeof enrolmentCodeResponseSchema>;
