import { randomUUID } from 'node:crypto';
import type { ChannelSkuCode, OrderInput, SkuReview } from '@wms/protocol';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/database';
import { channelSkuCodes, skuReviews, skus } from '../db/schema';
import { ApiError, badRequest, notFound } from '../http/api-error';
import { cleanOrder } from '../orders/clean-order';

/** An order with our SKU ids on every line, or the codes that name none. */
export type ResolvedOrder = { input: OrderInput } | { unmapped: string[] };

/** The channel codes of a warehouse, by channel, shop and code. */
export async function listChannelSkuCodes(db: Tx, warehouseId: string): Promise<ChannelSkuCode[]> {
  const rows = await db
    .select()
    .from(channelSkuCodes)
    .where(eq(channelSkuCodes.warehouseId, warehouseId))
    .orderBy(asc(channelSkuCodes.channel), asc(channelSkuCodes.shopId), asc(channelSkuCodes.code));
  return rows.map((r) => ({
    channel: r.channel as ChannelSkuCode['channel'],
    shopId: r.shopId,
    code: r.code,
    skuId: r.skuId,
  }));
}

/** Maps a channel code to one of our SKUs (a second PUT of the same code re-points it). */
export async function putChannelSkuCode(db: Db, warehouseId: string, mapping: ChannelSkuCode) {
  const [sku] = await db.select({ id: skus.id }).from(skus).where(eq(skus.id, mapping.skuId));
  if (!sku) {
    throw badRequest(`No SKU ${mapping.skuId}`, [
      { path: 'skuId', message: `no SKU ${mapping.skuId}: create it first` },
    ]);
  }
  await db
    .insert(channelSkuCodes)
    .values({ warehouseId, ...mapping })
    .onConflictDoUpdate({
      target: [
        channelSkuCodes.warehouseId,
        channelSkuCodes.channel,
        channelSkuCodes.shopId,
        channelSkuCodes.code,
      ],
      set: { skuId: mapping.skuId },
    });
  return mapping;
}

export async function deleteChannelSkuCode(
  db: Db,
  warehouseId: string,
  key: { channel: string; shopId: string; code: string },
) {
  const deleted = await db
    .delete(channelSkuCodes)
    .where(
      and(
        eq(channelSkuCodes.warehouseId, warehouseId),
        eq(channelSkuCodes.channel, key.channel),
        eq(channelSkuCodes.shopId, key.shopId),
        eq(channelSkuCodes.code, key.code),
      ),
    )
    .returning();
  if (deleted.length === 0) throw notFound(`No mapping of ${key.channel} code ${key.code}`);
}

/**
 * Puts our SKU ids on every line: a line's `skuId` that is ours stays, a channel code mapped for
 * the order's channel and shop (or every shop) is replaced by our id. Two queries per batch.
 */
export async function resolveChannelSkus(
  db: Tx,
  warehouseId: string,
  inputs: readonly OrderInput[],
): Promise<ResolvedOrder[]> {
  const codes = [...new Set(inputs.flatMap((i) => i.lines.map((l) => l.skuId)))];
  if (codes.length === 0) return inputs.map((input) => ({ input }));
  const ours = new Set(
    (await db.select({ id: skus.id }).from(skus).where(inArray(skus.id, codes))).map((s) => s.id),
  );
  const foreign = codes.filter((c) => !ours.has(c));
  const mappings =
    foreign.length === 0
      ? []
      : await db
          .select()
          .from(channelSkuCodes)
          .where(
            and(
              // A channel key's orders belong to no warehouse until routed: any warehouse's
              // mapping for the channel applies (the channel is matched below).
              warehouseId ? eq(channelSkuCodes.warehouseId, warehouseId) : undefined,
              inArray(channelSkuCodes.code, foreign),
            ),
          );
  const mapped = (input: OrderInput, code: string) => {
    const fits = mappings.filter((m) => m.channel === input.channel && m.code === code);
    return (fits.find((m) => m.shopId === (input.shopId ?? '')) ?? fits.find((m) => !m.shopId))
      ?.skuId;
  };
  return inputs.map((input) => {
    const unmapped: string[] = [];
    const lines = input.lines.map((l) => {
      if (ours.has(l.skuId)) return l;
      const skuId = mapped(input, l.skuId);
      if (!skuId) unmapped.push(l.skuId);
      return { ...l, skuId: skuId ?? l.skuId };
    });
    return unmapped.length > 0
      ? { unmapped: [...new Set(unmapped)] }
      : { input: { ...input, lines } };
  });
}

/**
 * Parks an order whose codes are unmapped (a resend replaces the parked copy). An order that is
 * bad besides (a phone that is no phone) is refused as any other, its unmapped codes named too:
 * only an order a mapping would let through waits for one.
 */
export async function parkForSkuReview(
  db: Db,
  warehouseId: string,
  input: OrderInput,
  unmapped: string[],
): Promise<SkuReview> {
  assertOnlyUnmapped(input, unmapped);
  const [row] = await db
    .insert(skuReviews)
    .values({
      id: randomUUID(),
      warehouseId,
      channel: input.channel,
      channelOrderId: input.channelOrderId,
      unmappedCodes: unmapped,
      input,
    })
    .onConflictDoUpdate({
      target: [skuReviews.channel, skuReviews.channelOrderId],
      set: { unmappedCodes: unmapped, input },
    })
    .returning();
  return reviewOf(row!);
}

/** Orders parked from a channel key have no warehouse yet: every warehouse's admins see them. */
const UNROUTED = '';

export async function listSkuReviews(db: Tx, warehouseId: string): Promise<SkuReview[]> {
  const rows = await db
    .select()
    .from(skuReviews)
    .where(inArray(skuReviews.warehouseId, [warehouseId, UNROUTED]))
    .orderBy(asc(skuReviews.receivedAt));
  return rows.map(reviewOf);
}

export async function parkedOrders(db: Tx, warehouseId: string) {
  return db
    .select()
    .from(skuReviews)
    .where(inArray(skuReviews.warehouseId, [warehouseId, UNROUTED]));
}

export async function unpark(db: Db, ids: readonly string[]) {
  if (ids.length > 0) await db.delete(skuReviews).where(inArray(skuReviews.id, [...ids]));
}

function reviewOf(row: typeof skuReviews.$inferSelect): SkuReview {
  return {
    reviewId: row.id,
    channel: row.channel as SkuReview['channel'],
    channelOrderId: row.channelOrderId,
    status: 'sku-review',
    unmappedSkuCodes: row.unmappedCodes,
  };
}

function assertOnlyUnmapped(input: OrderInput, unmapped: readonly string[]) {
  const asKnown = new Map(input.lines.map((l) => [l.skuId, { category: '', costCents: null }]));
  try {
    cleanOrder(input, asKnown);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 400) throw err;
    const fields = [
      ...(err.extra.fields ?? []),
      ...input.lines.flatMap((l, i) =>
        unmapped.includes(l.skuId)
          ? [
              {
                path: `lines.${i}.skuId`,
                message: `no SKU ${l.skuId}, and no ${input.channel} code mapped to one: map it under channel SKU codes`,
              },
            ]
          : [],
      ),
    ];
    throw badRequest(fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields);
  }
}
