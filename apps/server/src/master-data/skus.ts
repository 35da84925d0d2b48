import type { FieldError, NewSku, Sku, SkuInput } from '@wms/protocol';
import { toGtin14 } from '@wms/domain';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, type Tx, queryRows } from '../db/database';
import { writeRowsAsJson } from '../db/bulk-rows';
import { skuBarcodes, skus } from '../db/schema';
import { badRequest, conflict, notFound } from '../http/api-error';
import { touchOpenLines } from './touch-open-lines';

/** Every SKU with its barcodes (14-digit GTINs), by id. */
export async function listSkus(db: Tx, ids?: readonly string[]): Promise<Sku[]> {
  const rows = await db
    .select()
    .from(skus)
    .where(ids ? inArray(skus.id, [...ids]) : undefined)
    .orderBy(asc(skus.id));
  const codes = await db
    .select()
    .from(skuBarcodes)
    .where(ids ? inArray(skuBarcodes.skuId, [...ids]) : undefined)
    .orderBy(asc(skuBarcodes.barcode));
  const bySku = new Map<string, string[]>();
  for (const c of codes) bySku.set(c.skuId, [...(bySku.get(c.skuId) ?? []), c.barcode]);
  return rows.map((s) => ({
    id: s.id,
    name: s.name,
    nameZh: s.nameZh,
    category: s.category,
    imageUrl: s.imageUrl,
    lotTracked: s.lotTracked,
    barcodes: bySku.get(s.id) ?? [],
    costCents: s.costCents,
    weightGrams: s.weightGrams,
    lengthMm: s.lengthMm,
    widthMm: s.widthMm,
    heightMm: s.heightMm,
    qcRequired: s.qcRequired,
    availableFrom: s.availableFrom,
    pictureUrls: s.pictureUrls,
    active: s.active,
  }));
}

/**
 * Barcodes that another SKU already has, as field errors at `prefix.barcodes.N`. Two SKUs may
 * never share a barcode: a scan must name one item.
 */
async function barcodeClashes(
  tx: Tx,
  skuId: string,
  barcodes: readonly string[],
  prefix: string,
): Promise<FieldError[]> {
  const gtins = barcodes.map(toGtin14);
  if (gtins.length === 0) return [];
  const owners = await tx.select().from(skuBarcodes).where(inArray(skuBarcodes.barcode, gtins));
  const ownerOf = new Map(owners.map((o) => [o.barcode, o.skuId]));
  return gtins.flatMap((g, i) => {
    const owner = ownerOf.get(g);
    return owner && owner !== skuId
      ? [{ path: `${prefix}barcodes.${i}`, message: `barcode ${g} belongs to ${owner}` }]
      : [];
  });
}

async function writeSku(tx: Tx, id: string, input: SkuInput, exists: boolean) {
  const { barcodes, ...fields } = input;
  if (exists) await tx.update(skus).set(fields).where(eq(skus.id, id));
  else await tx.insert(skus).values({ id, ...fields });
  await tx.delete(skuBarcodes).where(eq(skuBarcodes.skuId, id));
  const gtins = [...new Set(barcodes.map(toGtin14))];
  await tx.insert(skuBarcodes).values(gtins.map((barcode) => ({ barcode, skuId: id })));
}

export async function createSku(db: Db, input: NewSku): Promise<Sku> {
  return db.transaction(async (tx) => {
    const { id, ...rest } = input;
    const [existing] = await tx.select({ id: skus.id }).from(skus).where(eq(skus.id, id));
    if (existing)
      throw conflict(`SKU ${id} exists already`, [{ path: 'id', message: 'exists already' }]);
    const clashes = await barcodeClashes(tx, id, rest.barcodes, '');
    if (clashes.length > 0) throw conflict('A barcode belongs to another SKU', clashes);
    await writeSku(tx, id, rest, false);
    return (await listSkus(tx, [id]))[0]!;
  });
}

/** Edits a SKU; handhelds holding open lines of it pull the new names, barcodes and picture. */
export async function updateSku(db: Db, skuId: string, input: SkuInput): Promise<Sku> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: skus.id }).from(skus).where(eq(skus.id, skuId));
    if (!existing) throw notFound(`No SKU ${skuId}`);
    const clashes = await barcodeClashes(tx, skuId, input.barcodes, '');
    if (clashes.length > 0) throw conflict('A barcode belongs to another SKU', clashes);
    await writeSku(tx, skuId, input, true);
    await touchOpenLines(tx, { skuIds: [skuId] });
    return (await listSkus(tx, [skuId]))[0]!;
  });
}

export async function setSkuActive(db: Db, skuId: string, active: boolean): Promise<Sku> {
  const [updated] = await db.update(skus).set({ active }).where(eq(skus.id, skuId)).returning();
  if (!updated) throw notFound(`No SKU ${skuId}`);
  return (await listSkus(db, [skuId]))[0]!;
}

/**
 * Creates or updates every SKU of an import in one transaction; any bad row imports nothing.
 * Set-based: a catalogue of tens of thousands of rows is a handful of statements (one barcode
 * lookup, inserts in parameter-sized slices), not a few queries per row.
 */
export async function importSkus(
  db: Db,
  rows: readonly NewSku[],
): Promise<{ created: number; updated: number }> {
  return db.transaction(async (tx) => {
    const gtinsOf = rows.map((r) => r.barcodes.map(toGtin14));
    const owners = await queryRows<{ barcode: string; skuId: string }>(
      tx,
      sql`select barcode, sku_id as "skuId" from sku_barcodes
          where barcode in (select jsonb_array_elements_text(${JSON.stringify(gtinsOf.flat())}::jsonb))`,
    );
    // A barcode may move from a SKU that this file also lists (its barcodes are the file's now).
    const inFile = new Set(rows.map((r) => r.id));
    const ownerOf = new Map(
      owners.filter((o) => !inFile.has(o.skuId)).map((o) => [o.barcode, o.skuId]),
    );
    const fields: FieldError[] = [];
    const seen = new Map<string, number>();
    for (const [i, row] of rows.entries()) {
      for (const [j, g] of gtinsOf[i]!.entries()) {
        const owner = ownerOf.get(g);
        if (owner && owner !== row.id)
          fields.push({
            path: `rows.${i + 1}.barcodes.${j}`,
            message: `barcode ${g} belongs to ${owner}`,
          });
        const first = seen.get(g);
        if (first !== undefined && rows[first]!.id !== row.id)
          fields.push({
            path: `rows.${i + 1}.barcodes.${j}`,
            message: `barcode ${g} is also on row ${first + 1}`,
          });
        else seen.set(g, i);
      }
    }
    if (fields.length > 0)
      throw badRequest(`${fields.length} problem(s) in the CSV: fix them and import again`, fields);
    const ids = JSON.stringify(rows.map((r) => r.id));
    const existing = new Set(
      (
        await queryRows<{ id: string }>(
          tx,
          sql`select id from skus where id in (select jsonb_array_elements_text(${ids}::jsonb))`,
        )
      ).map((s) => s.id),
    );
    // Barcodes move between SKUs of the same file: clear them all before writing any.
    await tx.execute(
      sql`delete from sku_barcodes where sku_id in (select jsonb_array_elements_text(${ids}::jsonb))`,
    );
    await upsertSkus(tx, rows);
    const barcodes = [
      ...new Map(
        rows.flatMap((r, i) => gtinsOf[i]!.map((g) => [g, { barcode: g, skuId: r.id }])),
      ).values(),
    ];
    await writeRowsAsJson(tx, skuBarcodes, barcodes, ['barcode', 'skuId']);
    const updated = [...new Set(rows.map((r) => r.id))].filter((id) => existing.has(id));
    const created = new Set(rows.map((r) => r.id)).size - updated.length;
    await touchOpenLines(tx, { skuIds: updated });
    return { created, updated: updated.length };
  });
}

/**
 * Inserts or updates the rows' SKUs. A column a row leaves out keeps its stored value (as an
 * edit does), so rows are grouped by the columns they carry. (A file lists each SKU once: the
 * route refuses a repeated id, naming the row.)
 */
async function upsertSkus(tx: Tx, rows: readonly NewSku[]) {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const { barcodes: _b, ...row } of rows) {
    const present = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
    const shape = Object.keys(present).sort().join(',');
    groups.set(shape, [...(groups.get(shape) ?? []), present]);
  }
  for (const [shape, group] of groups) {
    const keys = shape.split(',');
    const set = keys.filter((k) => k !== 'id');
    await writeRowsAsJson(tx, skus, group, keys, { target: 'id', set });
  }
}
