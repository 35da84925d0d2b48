import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { bins, users, warehouses } from '../db/schema';
import { badRequest, notFound } from '../http/api-error';
import { parseWith } from '../http/parse-input';
import type { LabelContent, LabelKind } from './label-content';

const MAX_LABELS = 500;
const codeList = (pattern: RegExp, hint: string) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(pattern, hint)).min(1).max(MAX_LABELS));

/**
 * Bins are asked for by code, or a whole zone (`zone=A`) or aisle (`aisle=A-03`) at once: one
 * file for the 216 bins of a zone instead of 216 taps.
 */
const binQuerySchemas = {
  codes: z.strictObject({
    codes: codeList(/^[A-Z]{1,2}-\d{2}-\d{2}$/, 'a bin code looks like A-03-12'),
  }),
  zone: z.strictObject({
    zone: z
      .string()
      .trim()
      .toUpperCase()
      .pipe(z.string().regex(/^[A-Z]{1,2}$/, 'a zone looks like A')),
  }),
  aisle: z.strictObject({
    aisle: z
      .string()
      .trim()
      .toUpperCase()
      .pipe(z.string().regex(/^[A-Z]{1,2}-\d{2}$/, 'an aisle looks like A-03')),
  }),
};
type BinQuery =
  | z.infer<typeof binQuerySchemas.codes>
  | z.infer<typeof binQuerySchemas.zone>
  | z.infer<typeof binQuerySchemas.aisle>;

/** Which of the three a bin query is decides its schema (so a refusal names the right field). */
function parseBinQuery(query: Record<string, string>): BinQuery {
  if ('zone' in query) return parseWith(binQuerySchemas.zone, query);
  if ('aisle' in query) return parseWith(binQuerySchemas.aisle, query);
  return parseWith(binQuerySchemas.codes, query);
}

const querySchemas = {
  badges: z.object({ codes: codeList(/^[A-Z]-\d{4}$/, 'a badge looks like P-0001') }),
  totes: z.object({ codes: codeList(/^T-\d{1,8}$/, 'a tote looks like T-0042') }),
};

/**
 * The labels asked for by `?codes=a,b,c` (bin codes, badges or totes), or a zone or aisle of
 * bins, of the caller's warehouse, in the order asked (a zone or aisle in pick-path order). An unknown bin or badge is a 404 that names it.
 */
export async function loadLabels(
  db: Db,
  warehouseId: string,
  kind: LabelKind,
  query: Record<string, string>,
): Promise<LabelContent[]> {
  const codes =
    kind === 'bins'
      ? await binCodes(db, warehouseId, parseBinQuery(query))
      : parseWith(querySchemas[kind], query).codes;
  const [warehouse] = await db.select().from(warehouses).where(eq(warehouses.id, warehouseId));
  const site = warehouse ? `${warehouse.name} (${warehouse.id})` : warehouseId;
  if (kind === 'totes')
    return codes.map((code) => ({ title: code, corner: null, barcode: code, caption: site }));
  if (kind === 'bins') {
    const rows = await db
      .select()
      .from(bins)
      .where(and(eq(bins.warehouseId, warehouseId), inArray(bins.code, codes)));
    const byCode = new Map(rows.map((b) => [b.code, b]));
    const missing = codes.filter((c) => !byCode.has(c));
    if (missing.length > 0) throw notFound(`No bin ${missing.join(', ')} in ${warehouseId}`);
    return codes.map((code) => {
      const bin = byCode.get(code)!;
      return {
        title: bin.code,
        corner: bin.checkDigits,
        barcode: bin.code,
        caption: `${site} · zone ${bin.zone} · path ${bin.pathSeq}`,
      };
    });
  }
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.warehouseId, warehouseId), inArray(users.badge, codes)));
  const byBadge = new Map(rows.map((u) => [u.badge, u]));
  const missing = codes.filter((c) => !byBadge.has(c));
  if (missing.length > 0) throw notFound(`No badge ${missing.join(', ')} in ${warehouseId}`);
  return codes.map((badge) => {
    const user = byBadge.get(badge)!;
    return { title: badge, corner: null, barcode: badge, caption: `${user.name} · ${site}` };
  });
}

/** The bin codes a label query names: as listed, or a zone's or an aisle's active bins by path. */
async function binCodes(db: Db, warehouseId: string, query: BinQuery): Promise<string[]> {
  if ('codes' in query) return query.codes;
  const where =
    'zone' in query
      ? and(eq(bins.warehouseId, warehouseId), eq(bins.zone, query.zone), eq(bins.active, true))
      : and(
          eq(bins.warehouseId, warehouseId),
          like(bins.code, `${query.aisle}-%`),
          eq(bins.active, true),
        );
  const rows = await db
    .select({ code: bins.code })
    .from(bins)
    .where(where)
    .orderBy(asc(bins.pathSeq));
  if (rows.length === 0)
    throw notFound(
      `No bin in ${'zone' in query ? `zone ${query.zone}` : `aisle ${query.aisle}`} of ${warehouseId}`,
    );
  if (rows.length > MAX_LABELS)
    throw badRequest(`More than ${MAX_LABELS} labels at once: print an aisle at a time`, [
      { path: 'zone' in query ? 'zone' : 'aisle', message: `more than ${MAX_LABELS} bins` },
    ]);
  return rows.map((r) => r.code);
}
