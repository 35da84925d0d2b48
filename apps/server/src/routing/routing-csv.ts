import { type RoutingRule, routingRuleSchema, type FieldError } from '@wms/protocol';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { badRequest } from '../http/api-error';

/** The spreadsheet columns of a routing rule; list cells separate values with `|`. */
const COLUMNS = [
  'id',
  'priority',
  'name',
  'warehouse_id',
  'carrier',
  'enabled',
  'regions',
  'provinces',
  'cities',
  'districts',
  'channels',
  'min_amount_cents',
  'max_amount_cents',
  'min_unit_price_cents',
  'sku_ids',
  'categories',
] as const;

type Row = Partial<Record<(typeof COLUMNS)[number], string>>;

export function routingRulesToCsv(rules: readonly RoutingRule[]): string {
  const list = (values: readonly string[] | undefined) => (values ?? []).join('|');
  const num = (n: number | undefined) => (n === undefined ? '' : String(n));
  return stringify(
    rules.map((r) => ({
      id: r.id,
      priority: r.priority,
      name: r.name,
      warehouse_id: r.warehouseId,
      carrier: r.carrier,
      enabled: r.enabled ? 'yes' : 'no',
      regions: list(r.conditions.regions),
      provinces: list(r.conditions.provinces),
      cities: list(r.conditions.cities),
      districts: list(r.conditions.districts),
      channels: list(r.conditions.channels),
      min_amount_cents: num(r.conditions.minAmountCents),
      max_amount_cents: num(r.conditions.maxAmountCents),
      min_unit_price_cents: num(r.conditions.minUnitPriceCents),
      sku_ids: list(r.conditions.skuIds),
      categories: list(r.conditions.categories),
    })),
    { header: true, columns: [...COLUMNS] },
  );
}

/**
 * Reads a routing table exported by `routingRulesToCsv` (or typed in a spreadsheet). Every bad
 * cell is reported as `rows.N.column` (N counts data rows from 1); nothing is taken unless all
 * rows are good.
 */
export function routingRulesFromCsv(text: string): RoutingRule[] {
  const rows = parseCsv<Row>(text);
  const rules: RoutingRule[] = [];
  const fields: FieldError[] = [];
  rows.forEach((row, i) => {
    const parsed = routingRuleSchema.safeParse(ruleOfRow(row));
    if (parsed.success) rules.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        fields.push({ path: `rows.${i + 1}.${issue.path.join('.')}`, message: issue.message });
  });
  if (fields.length > 0)
    throw badRequest(`${fields.length} problem(s) in the CSV: fix them and import again`, fields);
  return rules;
}

/** Parses CSV with a header row into records; malformed CSV is a 400. */
export function parseCsv<R>(text: string): R[] {
  try {
    return parse<R>(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw badRequest(`The CSV could not be read: ${message}`, [{ path: '(csv)', message }]);
  }
}

function ruleOfRow(row: Row) {
  const list = (cell: string | undefined) =>
    cell
      ? cell
          .split('|')
          .map((v) => v.trim())
          .filter(Boolean)
      : undefined;
  const num = (cell: string | undefined) => (cell ? Number(cell) : undefined);
  const conditions = Object.fromEntries(
    Object.entries({
      regions: list(row.regions),
      provinces: list(row.provinces),
      cities: list(row.cities),
      districts: list(row.districts),
      channels: list(row.channels),
      minAmountCents: num(row.min_amount_cents),
      maxAmountCents: num(row.max_amount_cents),
      minUnitPriceCents: num(row.min_unit_price_cents),
      skuIds: list(row.sku_ids),
      categories: list(row.categories),
    }).filter(([, v]) => v !== undefined),
  );
  return {
    id: row.id,
    priority: num(row.priority),
    name: row.name,
    warehouseId: row.warehouse_id,
    carrier: row.carrier,
    enabled:
      row.enabled === undefined || row.enabled === ''
        ? true
        : ['yes', 'true', '1'].includes(row.enabled.toLowerCase()),
    conditions,
  };
}
