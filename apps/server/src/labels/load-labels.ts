import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { bins, users, warehouses } from '../db/schema';
import { notFound } from '../http/api-error';
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

const querySchemas = {
  bins: z.object({ codes: codeList(/^[A-Z]{1,2}-\d{2}-\d{2}$/, 'a bin code looks like A-03-12') }),
  badges: z.object({ codes: codeList(/^[A-Z]-\d{4}$/, 'a badge looks like P-0001') }),
  totes: z.object({ codes: codeList(/^T-\d{1,8}$/, 'a tote looks like T-0042') }),
};

/**
 * The labels asked for by `?codes=a,b,c` (bin codes, badges or totes), of the caller's
 * warehouse, in the order asked. An unknown bin or badge is a 404 that names it.
 */
export async function loadLabels(
  db: Db,
  warehouseId: string,
  kind: LabelKind,
  query: Record<string, string>,
): Promise<LabelContent[]> {
  const { codes } = parseWith(querySchemas[kind], query);
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
