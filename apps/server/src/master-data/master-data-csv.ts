import {
  type Bin,
  type BinInput,
  binInputSchema,
  type NewSku,
  newSkuSchema,
  pinSchema,
  type Sku,
  type User,
  type UserInput,
  userInputSchema,
} from '@wms/protocol';
import { assertUniqueKeys, parseRows } from '../spreadsheets/parse-rows';
import type { Sheet } from '../spreadsheets/sheet';
import type { Table } from '../spreadsheets/table';

/*
 * The spreadsheets admins keep master data in. Columns are snake_case; list cells separate
 * values with `|`; yes/no cells take yes/no, true/false or 1/0. A file is read whole and checked
 * whole: every bad cell is reported as `rows.N.column` (N counts data rows from 1) and nothing is
 * imported unless every row is good.
 */

const BIN_COLUMNS = ['code', 'zone', 'check_digits', 'path_seq'] as const;
const SKU_COLUMNS = [
  'id',
  'name',
  'name_zh',
  'category',
  'image_url',
  'lot_tracked',
  'barcodes',
] as const;
const USER_COLUMNS = ['id', 'name', 'role', 'badge', 'language', 'pin'] as const;

const list = (cell: string | undefined) =>
  (cell ?? '')
    .split('|')
    .map((v) => v.trim())
    .filter(Boolean);
const yesNo = (cell: string | undefined) => {
  const v = (cell ?? '').trim().toLowerCase();
  if (['yes', 'true', '1'].includes(v)) return true;
  if (['no', 'false', '0', ''].includes(v)) return false;
  return v; // not a boolean: the schema names the cell
};
const int = (cell: string | undefined) =>
  cell && /^-?\d+$/.test(cell.trim()) ? Number(cell) : cell;

/** Bins, one per row; duplicate codes within the file are reported. */
export function binsFromCsv(table: Table): BinInput[] {
  const rows = parseRows(table, {
    required: BIN_COLUMNS,
    needsRows: true,
    schema: binInputSchema,
    toRecord: (c) => ({
      code: c.code,
      zone: c.zone,
      checkDigits: c.check_digits,
      pathSeq: int(c.path_seq),
    }),
    columnOf: { checkDigits: 'check_digits', pathSeq: 'path_seq' },
  });
  assertUniqueKeys(
    rows.map((r) => r.code),
    'code',
  );
  return rows;
}

export function binsToSheet(bins: readonly Bin[]): Sheet {
  return sheetOf(
    bins.map((b) => ({
      code: b.code,
      zone: b.zone,
      check_digits: b.checkDigits,
      path_seq: b.pathSeq,
    })),
    BIN_COLUMNS,
  );
}

export function skusFromCsv(table: Table): NewSku[] {
  const rows = parseRows(table, {
    required: SKU_COLUMNS,
    needsRows: true,
    schema: newSkuSchema,
    toRecord: (c) => ({
      id: c.id,
      name: c.name,
      nameZh: c.name_zh,
      category: c.category,
      imageUrl: c.image_url ? c.image_url : null,
      lotTracked: yesNo(c.lot_tracked),
      barcodes: list(c.barcodes),
    }),
    columnOf: { nameZh: 'name_zh', imageUrl: 'image_url', lotTracked: 'lot_tracked' },
  });
  assertUniqueKeys(
    rows.map((r) => r.id),
    'id',
  );
  return rows;
}

export function skusToSheet(skus: readonly Sku[]): Sheet {
  return sheetOf(
    skus.map((s) => ({
      id: s.id,
      name: s.name,
      name_zh: s.nameZh,
      category: s.category,
      image_url: s.imageUrl ?? '',
      lot_tracked: s.lotTracked ? 'yes' : 'no',
      barcodes: s.barcodes.join('|'),
    })),
    SKU_COLUMNS,
  );
}

const userRowSchema = userInputSchema.extend({
  id: newSkuSchema.shape.id,
  pin: pinSchema.optional(),
});

/** Users; `pin` may be left empty for an existing user (their PIN stays). */
export function usersFromCsv(table: Table): (UserInput & { id: string; pin?: string })[] {
  const rows = parseRows(table, {
    required: USER_COLUMNS.filter((c) => c !== 'pin'),
    needsRows: true,
    schema: userRowSchema,
    toRecord: (c) => ({
      id: c.id,
      name: c.name,
      role: c.role,
      badge: c.badge,
      language: c.language,
      ...(c.pin ? { pin: c.pin } : {}),
    }),
  });
  assertUniqueKeys(
    rows.map((r) => r.id),
    'id',
  );
  return rows;
}

/** Users without their PINs (never exported; the `pin` column is left empty). */
export function usersToSheet(users: readonly User[]): Sheet {
  return sheetOf(
    users.map((u) => ({
      id: u.id,
      name: u.name,
      role: u.role,
      badge: u.badge,
      language: u.language,
      pin: '',
    })),
    USER_COLUMNS,
  );
}

const sheetOf = (rows: Sheet['rows'], columns: Sheet['columns']): Sheet => ({ columns, rows });
