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
import type { Table, TableRow } from '../spreadsheets/table';

/*
 * The spreadsheets admins keep master data in. Columns are snake_case; list cells separate
 * values with `|`; yes/no cells take yes/no, true/false or 1/0. A file is read whole and checked
 * whole: every bad cell is reported as `rows.N.column` (N counts data rows from 1) and nothing is
 * imported unless every row is good.
 */

/** The SKU record's columns (issue 20): optional in a file, so older spreadsheets still import. */
const SKU_RECORD_COLUMNS = [
  'cost_cents',
  'weight_g',
  'length_mm',
  'width_mm',
  'height_mm',
  'qc_required',
  'available_from',
  'picture_urls',
] as const;
const OPTIONAL_COLUMNS = new Set<string>(['pin', ...SKU_RECORD_COLUMNS]);

const BIN_COLUMNS = ['code', 'zone', 'check_digits', 'path_seq'] as const;
/** Put-away room (issue 23): optional, so older layouts still import; an empty cell keeps the bin's. */
const BIN_ROOM_COLUMNS = ['volume_cm3', 'capacities'] as const;
const SKU_COLUMNS = [
  'id',
  'name',
  'name_zh',
  'category',
  'image_url',
  'lot_tracked',
  'barcodes',
  ...SKU_RECORD_COLUMNS,
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
      ...(c.volume_cm3?.trim() ? { volumeCm3: int(c.volume_cm3) } : {}),
      ...(c.capacities?.trim() ? { capacities: capacitiesOfCell(c.capacities) } : {}),
    }),
    columnOf: { checkDigits: 'check_digits', pathSeq: 'path_seq', volumeCm3: 'volume_cm3' },
  });
  assertUniqueKeys(
    rows.map((r) => r.code),
    'code',
  );
  return rows;
}

/** A capacities cell: `SKU:max` pairs separated by `|`, e.g. `SKU-00042:24|SKU-00043:12`. */
function capacitiesOfCell(cell: string) {
  return list(cell).map((pair) => {
    const at = pair.lastIndexOf(':');
    return at < 0
      ? { skuId: pair, maxQty: undefined }
      : { skuId: pair.slice(0, at).trim(), maxQty: int(pair.slice(at + 1).trim()) };
  });
}

export function binsToSheet(bins: readonly Bin[]): Sheet {
  return sheetOf(
    bins.map((b) => ({
      code: b.code,
      zone: b.zone,
      check_digits: b.checkDigits,
      path_seq: b.pathSeq,
      volume_cm3: b.volumeCm3 ?? '',
      capacities: b.capacities.map((c) => `${c.skuId}:${c.maxQty}`).join('|'),
    })),
    [...BIN_COLUMNS, ...BIN_ROOM_COLUMNS],
  );
}

export function skusFromCsv(table: Table): NewSku[] {
  const rows = parseRows(table, {
    required: SKU_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c)),
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
      ...skuRecordOf(c),
    }),
    columnOf: {
      nameZh: 'name_zh',
      imageUrl: 'image_url',
      lotTracked: 'lot_tracked',
      ...SKU_RECORD_COLUMN_OF,
    },
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
      cost_cents: s.costCents ?? '',
      weight_g: s.weightGrams ?? '',
      length_mm: s.lengthMm ?? '',
      width_mm: s.widthMm ?? '',
      height_mm: s.heightMm ?? '',
      qc_required: s.qcRequired ? 'yes' : 'no',
      available_from: s.availableFrom ?? '',
      picture_urls: s.pictureUrls.join('|'),
    })),
    SKU_COLUMNS,
  );
}

const SKU_RECORD_COLUMN_OF = {
  costCents: 'cost_cents',
  weightGrams: 'weight_g',
  lengthMm: 'length_mm',
  widthMm: 'width_mm',
  heightMm: 'height_mm',
  qcRequired: 'qc_required',
  availableFrom: 'available_from',
  pictureUrls: 'picture_urls',
};

/**
 * The record's cells; a column left out of the file, or a cell left empty, keeps what the SKU
 * has (nothing for a new one). A date cell takes 2026-12-01.
 */
function skuRecordOf(c: Partial<TableRow>): Record<string, unknown> {
  const given = (cell: string | undefined) => cell !== undefined && cell.trim() !== '';
  const record: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(SKU_RECORD_COLUMN_OF)) {
    const cell = c[column];
    if (!given(cell)) continue;
    if (field === 'qcRequired') record[field] = yesNo(cell);
    else if (field === 'pictureUrls') record[field] = list(cell);
    else if (field === 'availableFrom') record[field] = cell?.trim();
    else record[field] = int(cell);
  }
  return record;
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
