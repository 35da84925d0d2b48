import { randomBytes } from 'node:crypto';
import { cleanIdNumber, routeOrder, type RouteDecision } from '@wms/domain';
import type { OrderAccepted, OrderInput } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Db, type Tx, queryRows, queryRowsPrepared } from '../db/database';
import { pullFromWaves } from '../holds/raise-holds';
import { BatchPool, insertAlerts } from '../inventory/batch-pool';
import { ApiError, notFound } from '../http/api-error';
import { emitWebhooks } from '../webhooks/emit-webhook';
import { recordOrderSteps } from './order-timeline';
import { loadAfterSalesOriginals, writeAfterSales } from './after-sales';
import { cleanOrderAddress } from '../regions/clean-order-address';
import { type CleanOrder, type SkuFacts, cleanOrder, loadSkuFacts } from './clean-order';
import { type IntakeContext, loadIntakeContext } from './intake-context';
import {
  type StoredAnswer,
  channelKey,
  claimChannelOrders,
  countLocks,
  loadAddressTimes,
  loadIdNumberTimes,
  loadMergeCandidates,
  loadStoredAnswers,
  lockKeys,
  phoneLocks,
  recentPeakAlerts,
} from './intake-load';
import {
  IntakeRun,
  type IntakeWrites,
  presaleKey,
  type LiveOrder,
  peakAlertSince,
  type StepRow,
} from './intake-run';
import { chinaDayStart } from '../holds/hold-context';
import { presaleDate } from '../holds/presale';
import { availabilitySource } from '../holds/availability-source';

/** One order's answer in a batch: accepted (or found already stored), or refused with its 400. */
export type IntakeOutcome = { ok: true; order: OrderAccepted } | { ok: false; error: ApiError };

interface Prepared {
  input: OrderInput;
  key: string;
  orderId: string;
  clean: CleanOrder | null;
  error: ApiError | null;
  route: RouteDecision | null;
}

const DEADLOCK = '40P01';
const ATTEMPTS = 3;

/**
 * Takes channel orders in (M3), a batch in one transaction of a few statements per table: claims
 * their channel ids (a retry answers what is stored), cleans them, merges duplicates, routes
 * them, runs the hold rules, reserves their stock and puts their events in the outbox. The orders
 * are decided one after the other in memory (each sees the ones before it), then written together.
 * An order that cannot be cleaned gets its own 400 and the rest go on.
 */
export async function acceptOrders(
  db: Db,
  inputs: readonly OrderInput[],
  now: Date,
  /** Rules and settings read once (CSV import reads them for all its orders). */
  shared?: IntakeContext,
): Promise<IntakeOutcome[]> {
  if (inputs.length === 0) return [];
  const intake = shared ?? (await loadIntakeContext(db, now));
  const skus = await loadSkuFacts(
    db,
    inputs.flatMap((i) => i.lines.map((l) => l.skuId)),
  );
  const orderIds = newOrderIds(now, inputs.length);
  const prepared = inputs.map((input, i): Prepared => {
    const base = { input, key: channelKey(input), orderId: orderIds[i]! };
    try {
      const clean = cleanOrder(input, skus);
      return { ...base, clean, error: null, route: routeOrder(clean.facts, intake.routingRules) };
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 400) throw err;
      return { ...base, clean: null, error: err, route: null };
    }
  });
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => intakeBatch(tx, prepared, skus, intake, now));
    } catch (err) {
      // Another writer took the same rows in another order (a path outside intake): start over.
      if (attempt >= ATTEMPTS || errorCode(err) !== DEADLOCK) throw err;
    }
  }
}

/** One order (`POST /api/orders`): the batch path with one order; a refusal is thrown. */
export async function acceptOrder(db: Db, input: OrderInput, now: Date): Promise<OrderAccepted> {
  const [outcome] = await acceptOrders(db, [input], now);
  if (!outcome) throw new Error('intake answered nothing');
  if (!outcome.ok) throw outcome.error;
  return outcome.order;
}

async function intakeBatch(
  tx: Tx,
  prepared: readonly Prepared[],
  batchSkus: ReadonlyMap<string, SkuFacts>,
  intake: IntakeContext,
  now: Date,
): Promise<IntakeOutcome[]> {
  // The first valid order of a channel id claims it; a repeat in the batch answers as a resend.
  const claimant = new Map<string, number>();
  prepared.forEach((p, i) => {
    if (p.clean && !claimant.has(p.key)) claimant.set(p.key, i);
  });
  const claimed = await claimChannelOrders(
    tx,
    [...claimant.values()].map((i) => ({
      channel: prepared[i]!.input.channel,
      channelOrderId: prepared[i]!.input.channelOrderId,
      orderId: prepared[i]!.orderId,
    })),
    now,
  );
  const work = prepared.flatMap((p, i) =>
    p.clean && claimant.get(p.key) === i && claimed.has(p.key) ? [{ ...p, clean: p.clean, i }] : [],
  );
  const results: (IntakeOutcome | undefined)[] = prepared.map(() => undefined);
  if (work.length > 0) {
    const run = await decide(tx, work, batchSkus, intake, now);
    const answers = new Map<number, { order: LiveOrder; mergedInto: string | null }>();
    prepared.forEach((p, i) => {
      const first = claimant.get(p.key);
      if (first === undefined || !claimed.has(p.key)) return;
      if (first > i) {
        // Refused before the order that claimed its channel id came (as if sent one by one).
        results[i] = { ok: false, error: p.error! };
      } else if (first < i) {
        const answer = answers.get(first);
        results[i] = answer ? ok(run, answer, false) : results[first];
      } else {
        try {
          const answer = run.accept(p.clean!, p.orderId, p.route);
          answers.set(i, answer);
          results[i] = ok(run, answer, true);
        } catch (err) {
          if (!(err instanceof ApiError) || err.status !== 400) throw err;
          results[i] = { ok: false, error: err };
          run.writes.refusedClaims.push({
            channel: p.input.channel,
            channelOrderId: p.input.channelOrderId,
          });
        }
      }
    });
    await write(tx, run, intake, now);
  }
  const rest = prepared.flatMap((p, i) => (results[i] ? [] : [{ ...p, i }]));
  const stored = await loadStoredAnswers(
    tx,
    rest.map((p) => ({ channel: p.input.channel, channelOrderId: p.input.channelOrderId })),
  );
  for (const p of rest) {
    const found = stored.get(p.key);
    if (found) results[p.i] = { ok: true, order: storedAnswer(found) };
    else if (p.error) results[p.i] = { ok: false, error: p.error };
    else throw notFound(`No order for ${p.input.channel} ${p.input.channelOrderId}`);
  }
  return results as IntakeOutcome[];
}

/** Reads and locks what the batch's decisions need, in the lock order of `intake-load`. */
async function decide(
  tx: Tx,
  work: readonly (Prepared & { clean: CleanOrder })[],
  batchSkus: ReadonlyMap<string, SkuFacts>,
  intake: IntakeContext,
  now: Date,
): Promise<IntakeRun> {
  const phones = [...new Set(work.map((w) => w.clean.phone))];
  await lockKeys(tx, phoneLocks(phones));
  const placed = work.map((w) => Date.parse(w.input.placedAt));
  const windowMs = intake.dedup.windowMinutes * 60_000;
  const candidates = await loadMergeCandidates(
    tx,
    phones,
    Math.min(...placed) - windowMs,
    Math.max(...placed) + windowMs,
  );
  const missing = candidates.flatMap((c) =>
    c.lines.map((l) => l.skuId).filter((id) => !batchSkus.has(id)),
  );
  const skus =
    missing.length > 0 ? new Map([...batchSkus, ...(await loadSkuFacts(tx, missing))]) : batchSkus;

  // Whose counts the hold rules read: the batch's orders and every order they may merge into.
  const kinds = new Set(intake.holdRules.map((r) => r.rule.kind));
  const counted = {
    idNumber: kinds.has('id-daily-orders'),
    address: kinds.has('repeat-same-address'),
  };
  const keyed = [
    ...work.map((w) => ({
      idNumber: w.clean.idNumber,
      customerId: w.input.customerId,
      province: w.clean.province,
      city: w.clean.city,
      district: w.clean.district,
      detail: w.clean.detail,
      placedAtMs: Date.parse(w.input.placedAt),
    })),
    ...candidates.map((c) => {
      const a = cleanOrderAddress(c.original.address);
      const sentId = c.original.consignee.idNumber || null;
      return {
        idNumber: sentId && (cleanIdNumber(sentId) ?? sentId),
        customerId: c.original.customerId,
        province: a.province,
        city: a.city,
        district: a.district,
        detail: a.detail,
        placedAtMs: Date.parse(c.original.placedAt),
      };
    }),
  ];
  await lockKeys(
    tx,
    keyed.flatMap((k) => countLocks(k, counted)),
  );
  const earliest = Math.min(...keyed.map((k) => k.placedAtMs));
  const windowMinutes = repeatWindowMinutes(intake);
  const idTimes = counted.idNumber
    ? await loadIdNumberTimes(
        tx,
        [...new Set(keyed.flatMap((k) => (k.idNumber ? [k.idNumber] : [])))],
        Math.min(...keyed.map((k) => chinaDayStart(new Date(k.placedAtMs)).getTime())),
      )
    : new Map<string, number[]>();
  const addressTimes = counted.address
    ? await loadAddressTimes(
        tx,
        [...new Set(keyed.map((k) => k.customerId))],
        earliest - windowMinutes * 60_000,
      )
    : new Map<string, number[]>();

  const peakAlerted = kinds.has('peak-protection')
    ? await recentPeakAlerts(tx, peakAlertSince(now))
    : new Set<string>();
  const originals = await loadAfterSalesOriginals(
    tx,
    work.flatMap((w) => (w.input.originalOrderId ? [w.input.originalOrderId] : [])),
  );
  return new IntakeRun(
    intake,
    candidates,
    skus,
    idTimes,
    addressTimes,
    peakAlerted,
    now,
    originals,
    await loadPresaleDates(tx, work, skus),
  );
}

/**
 * Writes what the batch decided, a statement or two per table: first what no reservation changes
 * (orders, lines, merges, holds), then, with the pool rows locked, the reservations and what
 * carries their outcomes (alerts, timeline, outbox), so concurrent batches queue on the pool only
 * for that last part.
 */
async function write(tx: Tx, run: IntakeRun, intake: IntakeContext, now: Date) {
  const at = now.toISOString();
  const created = run.created.map((o) => newOrderRow(o));
  if (created.length > 0) {
    await queryRowsPrepared(
      tx,
      sql`
      insert into orders (id, warehouse_id, channel, channel_order_id, status, consignee_name,
        province, city, district, address_detail, phone, id_number, customer_id, vip, order_type,
        original_order_id, paid_cents, coupon_cents, freight_cents, carrier, route_rule_id,
        route_reason, flags, original, placed_at, ship_with_order_id, created_at)
      select id, warehouse_id, channel, channel_order_id, status, consignee_name,
        province, city, district, address_detail, phone, id_number, customer_id, vip, order_type,
        original_order_id, paid_cents, coupon_cents, freight_cents, carrier, route_rule_id,
        route_reason, flags, original, placed_at, ship_with_order_id, ${at}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(created)}::jsonb) as r(
        id text, warehouse_id text, channel text, channel_order_id text, status text,
        consignee_name text, province text, city text, district text, address_detail text,
        phone text, id_number text, customer_id text, vip boolean, order_type text,
        original_order_id text, paid_cents int, coupon_cents int, freight_cents int, carrier text,
        route_rule_id text, route_reason text, flags jsonb, original jsonb, placed_at timestamptz,
        ship_with_order_id text)`,
    );
  }
  const lines = [
    ...run.created.flatMap((o) => o.lines.map((l) => ({ ...l, orderId: o.id }))),
    ...run.stored.flatMap((o) => o.addedLines.map((l) => ({ ...l, orderId: o.id }))),
  ];
  if (lines.length > 0) {
    await queryRowsPrepared(
      tx,
      sql`
      insert into order_lines (id, order_id, sku_id, qty, unit_price_cents)
      select id, "orderId", "skuId", qty, "unitPriceCents"
      from jsonb_to_recordset(${JSON.stringify(lines)}::jsonb)
        as r(id text, "orderId" text, "skuId" text, qty int, "unitPriceCents" int)`,
    );
  }
  const changed = run.stored
    .filter((o) => o.changed)
    .map((o) => ({
      id: o.id,
      status: o.status,
      flags: o.flags,
      paid: o.paidCents,
      coupon: o.couponCents,
      freight: o.freightCents,
    }));
  if (changed.length > 0) {
    await queryRowsPrepared(
      tx,
      sql`
      update orders o set status = r.status, flags = r.flags, paid_cents = r.paid,
        coupon_cents = r.coupon, freight_cents = r.freight
      from jsonb_to_recordset(${JSON.stringify(changed)}::jsonb)
        as r(id text, status text, flags jsonb, paid int, coupon int, freight int)
      where o.id = r.id`,
    );
  }
  await writeClaims(tx, run.writes);
  await insertHolds(tx, run.writes.holds, now);
  // An order's timeline is ordered by id: its steps up to its first reservation are written
  // now, the reservation and every later step of the same order once the pool is settled.
  const early: StepRow[] = [];
  const late: IntakeWrites['steps'] = [];
  const reserving = new Set<string>();
  for (const s of await resolvePulls(tx, run.writes.steps)) {
    if ('pullFromWaves' in s) continue;
    if ('reserve' in s) reserving.add(s.reserve.order.id);
    if ('reserve' in s || reserving.has(s.orderId)) late.push(s);
    else early.push(s);
  }
  await recordOrderSteps(tx, early, now);
  const pool = await BatchPool.lock(tx, run.poolRows(), intake.safety, now);
  const { reservationSteps, webhooks } = run.settle(pool);
  await pool.write(tx, now);
  await insertAlerts(tx, run.writes.alerts, now);
  const made = new Map(run.reservations.map((slot, k) => [slot, reservationSteps[k] ?? []]));
  await recordOrderSteps(
    tx,
    late.flatMap((s) =>
      'reserve' in s ? (made.get(s.reserve) ?? []) : 'pullFromWaves' in s ? [] : [s],
    ),
    now,
  );
  await emitWebhooks(tx, webhooks, now);
  await writeAfterSales(tx, run.afterSales, now);
}

async function writeClaims(tx: Tx, writes: IntakeWrites) {
  if (writes.refusedClaims.length > 0) {
    await queryRowsPrepared(
      tx,
      sql`
      delete from channel_orders c
      using jsonb_to_recordset(${JSON.stringify(writes.refusedClaims)}::jsonb)
        as r(channel text, "channelOrderId" text)
      where c.channel = r.channel and c.channel_order_id = r."channelOrderId"`,
    );
  }
  const claims = writes.mergedClaims;
  if (claims.length === 0) return;
  await queryRowsPrepared(
    tx,
    sql`
    update channel_orders c set order_id = r."orderId", merged = true
    from jsonb_to_recordset(${JSON.stringify(claims)}::jsonb)
      as r(channel text, "channelOrderId" text, "orderId" text)
    where c.channel = r.channel and c.channel_order_id = r."channelOrderId"`,
  );
}

async function insertHolds(tx: Tx, holds: IntakeWrites['holds'], now: Date) {
  if (holds.length === 0) return;
  await queryRowsPrepared(
    tx,
    sql`
    insert into order_holds (id, warehouse_id, order_id, rule_id, kind, evidence, hold_until, raised_at)
    select id::uuid, warehouse_id, order_id, rule_id, kind, evidence, hold_until, ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(holds)}::jsonb)
      as r(id text, warehouse_id text, order_id text, rule_id text, kind text, evidence text,
           hold_until timestamptz)`,
  );
}

/** A stored order held by a merge leaves its waves (rare: intake merges only unwaved orders). */
async function resolvePulls(tx: Tx, steps: IntakeWrites['steps']) {
  const out: IntakeWrites['steps'] = [];
  for (const s of steps) {
    if (!('pullFromWaves' in s)) {
      out.push(s);
      continue;
    }
    const pulled = await pullFromWaves(tx, s.pullFromWaves);
    if (pulled.length > 0)
      out.push({
        orderId: s.pullFromWaves,
        kind: 'pulled-from-wave' as const,
        detail: { lines: pulled },
      });
  }
  return out;
}

function newOrderRow(o: LiveOrder) {
  const clean = o.clean!;
  const { input } = clean;
  return {
    id: o.id,
    warehouse_id: o.warehouseId,
    channel: input.channel,
    channel_order_id: input.channelOrderId,
    status: o.status,
    consignee_name: clean.consigneeName,
    province: clean.province,
    city: clean.city,
    district: clean.district,
    address_detail: clean.detail,
    phone: clean.phone,
    id_number: clean.idNumber,
    customer_id: input.customerId,
    vip: input.vip,
    order_type: input.orderType,
    original_order_id: input.originalOrderId ?? null,
    paid_cents: o.paidCents,
    coupon_cents: o.couponCents,
    freight_cents: o.freightCents,
    carrier: o.route?.rule.carrier ?? null,
    route_rule_id: o.route?.rule.id ?? null,
    route_reason: o.route?.reason ?? null,
    flags: o.flags,
    original: input,
    placed_at: new Date(input.placedAt).toISOString(),
    ship_with_order_id: o.shipWithOrderId,
  };
}

function ok(
  run: IntakeRun,
  answer: { order: LiveOrder; mergedInto: string | null },
  created: boolean,
): IntakeOutcome {
  return {
    ok: true,
    order: { ...run.summary(answer.order), created, mergedInto: answer.mergedInto },
  };
}

function storedAnswer(s: StoredAnswer): OrderAccepted {
  return {
    orderId: s.orderId,
    status: s.status,
    warehouseId: s.status === 'unrouted' ? null : s.warehouseId,
    carrier: s.carrier,
    holds: s.holds,
    flags: s.flags,
    created: false,
    mergedInto: s.shipWithOrderId ?? (s.merged ? s.orderId : null),
  };
}

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * `SO-20261122-` + 10 hex digits: sortable by day, unguessable within it. One read of the random
 * source for the batch (one `randomBytes` per order cost ~8 µs each).
 */
function newOrderIds(now: Date, count: number): string[] {
  const day = `SO-${now.toISOString().slice(0, 10).replaceAll('-', '')}-`;
  const hex = randomBytes(5 * count).toString('hex');
  return Array.from({ length: count }, (_, i) => day + hex.slice(10 * i, 10 * i + 10));
}

/**
 * Issue 21: the ship dates of the batch's pre-sale SKUs, per routed warehouse and SKU: only
 * where the goods are not here yet (the pool's on-hand units not promised to other orders do
 * not cover the batch's quantity), which is what a pre-sale or a late supplier means.
 */
async function loadPresaleDates(
  tx: Tx,
  work: readonly (Prepared & { clean: CleanOrder })[],
  skus: ReadonlyMap<string, SkuFacts>,
): Promise<Map<string, Date | null>> {
  const wanted = new Map<string, { warehouseId: string; skuId: string; qty: number }>();
  for (const w of work) {
    const warehouseId = w.route?.rule.warehouseId;
    if (!warehouseId) continue;
    for (const l of w.input.lines) {
      if (!skus.get(l.skuId)?.availableFrom) continue;
      const key = presaleKey(warehouseId, l.skuId);
      const entry = wanted.get(key) ?? { warehouseId, skuId: l.skuId, qty: 0 };
      entry.qty += l.qty;
      wanted.set(key, entry);
    }
  }
  // Goods already here (on hand, not promised to other orders) ship now, whatever the date says.
  const onHand = await queryRows<{ warehouseId: string; skuId: string; free: number }>(
    tx,
    sql`select warehouse_id as "warehouseId", sku_id as "skuId", (physical - reserved)::int as free
        from inventory_pool
        where (warehouse_id, sku_id) in (select "warehouseId", "skuId"
               from jsonb_to_recordset(${JSON.stringify([...wanted.values()])}::jsonb)
                 as r("warehouseId" text, "skuId" text))`,
  );
  for (const row of onHand) {
    const key = presaleKey(row.warehouseId, row.skuId);
    if (row.free >= (wanted.get(key)?.qty ?? 0)) wanted.delete(key);
  }
  const dates = new Map<string, Date | null>();
  for (const [key, line] of wanted) {
    const availableFrom = skus.get(line.skuId)?.availableFrom ?? null;
    dates.set(key, await presaleDate(tx, availabilitySource, { ...line, availableFrom }));
  }
  return dates;
}

function repeatWindowMinutes(intake: IntakeContext): number {
  for (const { rule } of intake.holdRules)
    if (rule.kind === 'repeat-same-address') return rule.windowMinutes;
  return 30;
}
