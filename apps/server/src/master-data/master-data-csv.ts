import {
  type Bin,
  type BinInput,
  binInputSchema,
  type FieldError,
  type NewSku,
  newSkuSchema,
  pinSchema,
  type Sku,
  type User,
  type UserInput,
  userInputSchema,
} from '@wms/protocol';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { badRequest } from '../http/api-error';
import { parseCsv } from '../routing/routing-csv';

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

type Cells = Record<string, string | undefined>;

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

/** Parses every row with `toRecord` + `schema`, naming faults by their CSV column. */
function readRows<S extends z.ZodType>(
  text: string,
  columns: readonly string[],
  schema: S,
  toRecord: (cells: Cells) => unknown,
  columnOf: Record<string, string>,
): z.infer<S>[] {
  const rows = parseCsv<Cells>(text);
  const fields: FieldError[] = [];
  if (rows.length === 0) fields.push({ path: '(csv)', message: 'no data rows under the header' });
  const missing = rows[0]
    ? columns.filter((c) => !(c in rows[0]!) && !OPTIONAL_COLUMNS.has(c))
    : [];
  for (const c of missing) fields.push({ path: `(header).${c}`, message: 'column missing' });
  if (fields.length > 0) throw badRequest(`The CSV has no rows or misses columns`, fields);
  const parsed: z.infer<S>[] = [];
  rows.forEach((cells, i) => {
    const result = schema.safeParse(toRecord(cells));
    if (result.success) parsed.push(result.data);
    else
      for (const issue of result.error.issues) {
        const [field, ...rest] = issue.path.map(String);
        const column = columnOf[field ?? ''] ?? field ?? '(row)';
        fields.push({ path: [`rows.${i + 1}`, column, ...rest].join('.'), message: issue.message });
      }
  });
  if (fields.length > 0)
    throw badRequest(`${fields.length} problem(s) in the CSV: fix them and import again`, fields);
  return parsed;
}

/** Bins, one per row; duplicate codes within the file are reported. */
export function binsFromCsv(text: string): BinInput[] {
  const rows = readRows(
    text,
    BIN_COLUMNS,
    binInputSchema,
    (c) => ({ code: c.code, zone: c.zone, checkDigits: c.check_digits, pathSeq: int(c.path_seq) }),
    { checkDigits: 'check_digits', pathSeq: 'path_seq' },
  );
  duplicates(
    rows.map((r) => r.code),
    'code',
  );
  return rows;
}

export function binsToCsv(bins: readonly Bin[]): string {
  return stringify(
    bins.map((b) => ({
      code: b.code,
      zone: b.zone,
      check_digits: b.checkDigits,
      path_seq: b.pathSeq,
    })),
    { header: true, columns: [...BIN_COLUMNS] },
  );
}

export function skusFromCsv(text: string): NewSku[] {
  const rows = readRows(
    text,
    SKU_COLUMNS,
    newSkuSchema,
    (c) => ({
      id: c.id,
      name: c.name,
      nameZh: c.name_zh,
      category: c.category,
      imageUrl: c.image_url ? c.image_url : null,
      lotTracked: yesNo(c.lot_tracked),
      barcodes: list(c.barcodes),
      ...skuRecordOf(c),
    }),
    {
      nameZh: 'name_zh',
      imageUrl: 'image_url',
      lotTracked: 'lot_tracked',
      ...SKU_RECORD_COLUMN_OF,
    },
  );
  duplicates(
    rows.map((r) => r.id),
    'id',
  );
  return rows;
}

export function skusToCsv(skus: readonly Sku[]): string {
  return stringify(
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
    { header: true, columns: [...SKU_COLUMNS] },
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
function skuRecordOf(c: Cells): Record<string, unknown> {
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
export function usersFromCsv(text: string): (UserInput & { id: string; pin?: string })[] {
  const rows = readRows(
    text,
    USER_COLUMNS,
    userRowSchema,
    (c) => ({
      id: c.id,
      name: c.name,
      role: c.role,
      badge: c.badge,
      language: c.language,
      ...(c.pin ? { pin: c.pin } : {}),
    }),
    {},
  );
  duplicates(
    rows.map((r) => r.id),
    'id',
  );
  return rows;
}

/** Users without their PINs (never exported; the `pin` column is left empty). */
export function usersToCsv(users: readonly User[]): string {
  return stringify(
    users.map((u) => ({
      id: u.id,
      name: u.name,
      role: u.role,
      badge: u.badge,
      language: u.language,
      pin: '',
    })),
    { header: true, columns: [...USER_COLUMNS] },
  );
}

function duplicates(keys: readonly string[], column: string) {
  const first = new Map<string, number>();
  const fields: FieldError[] = [];
  keys.forEach((key, i) => {
    const at = first.get(key);
    if (at === undefined) first.set(key, i);
    else
      fields.push({ path: `rows.${i + 1}.${column}`, message: `${key} is also on row ${at + 1}` });
  });
  if (fields.length > 0)
    throw badRequest(`${fields.length} problem(s) in the CSV: fix them and import again`, fields);
}
