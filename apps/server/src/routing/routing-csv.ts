import { type RoutingRule, routingRuleSchema } from '@wms/protocol';
import { parseRows } from '../spreadsheets/parse-rows';
import type { Sheet } from '../spreadsheets/sheet';
import type { Table } from '../spreadsheets/table';

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

export function routingRulesToSheet(rules: readonly RoutingRule[]): Sheet {
  const list = (values: readonly string[] | undefined) => (values ?? []).join('|');
  const num = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    columns: COLUMNS,
    rows: rules.map((r) => ({
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
  };
}

/**
 * Reads a routing table exported by `routingRulesToCsv` (or typed in a spreadsheet). Every bad
 * cell is reported as `rows.N.column` (N counts data rows from 1); nothing is taken unless all
 * rows are good.
 */
export function routingRulesFromCsv(table: Table): RoutingRule[] {
  return parseRows(table, {
    required: [],
    schema: routingRuleSchema,
    toRecord: (row) => ruleOfRow(row as Row),
  });
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
