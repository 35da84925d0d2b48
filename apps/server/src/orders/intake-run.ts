import { randomUUID } from 'node:crypto';
import { evaluateHolds, type HoldContext, type HoldHit, type RouteDecision } from '@wms/domain';
import type { OrderAccepted, OrderStatus, WebhookEventType } from '@wms/protocol';
import { addressKey, chinaDayStart, peakJudge, type PeakRule } from '../holds/hold-context';
import type { AlertRow, BatchPool } from '../inventory/batch-pool';
import type { CleanOrder, SkuFacts } from './clean-order';
import type { IntakeContext } from './intake-context';
import type { StoredCandidate } from './intake-load';
import type { OrderStep } from './order-timeline';
import { intakeSteps } from './store-order';
import { presaleHit } from '../holds/presale';
import {
  type AfterSalesLink,
  type AfterSalesOriginal,
  afterSalesSteps,
  assertOriginal,
} from './after-sales';

export type Line = { id: string; skuId: string; qty: number; unitPriceCents: number };

/** An order as the batch sees it: stored before (a merge candidate) or created by the batch. */
export interface LiveOrder extends StoredCandidate {
  isNew: boolean;
  /** Lines a merge added to a stored order (a new order's lines are all in `lines`). */
  addedLines: Line[];
  changed: boolean;
  /** A new order's cleaning and route (what its row is written from). */
  clean?: CleanOrder;
  route?: RouteDecision | null;
}

export type StepRow = { orderId: string; kind: OrderStep; detail: Record<string, unknown> };
type Webhook = { type: WebhookEventType; data: Record<string, unknown> };

/** A reservation decided in the first pass, made against the locked pool in the second. */
export interface ReservationSlot {
  order: { id: string; warehouseId: string };
  lines: readonly { skuId: string; qty: number }[];
  shedNonCore: boolean;
  /** A new order's reservation steps name the warehouse (a merge's do not, as before). */
  stepWarehouse: string | null;
  /** The `order.created` event that carries the outcomes (M3.8), if any. */
  created: Webhook | null;
}

/** What the batch writes, in the order one-order-at-a-time intake would have written it. */
export interface IntakeWrites {
  steps: (StepRow | { pullFromWaves: string } | { reserve: ReservationSlot })[];
  webhooks: (Webhook | { alertsOf: ReservationSlot })[];
  alerts: AlertRow[];
  holds: {
    id: string;
    warehouse_id: string;
    order_id: string;
    rule_id: string | null;
    kind: string;
    evidence: string;
    /** A pre-sale hold's date (issue 21). */
    hold_until: string | null;
  }[];
  mergedClaims: { channel: string; channelOrderId: string; orderId: string }[];
  /** Claims of orders refused after claiming (a merge that could not be cleaned): undone. */
  refusedClaims: { channel: string; channelOrderId: string }[];
}

type Summary = Omit<OrderAccepted, 'created' | 'mergedInto'>;

const MERGEABLE: readonly OrderStatus[] = ['received', 'backordered', 'held', 'unrouted'];
const PEAK_ALERT_EVERY_MS = 15 * 60_000;

/**
 * The decisions of an intake batch, made in memory one order after the other, exactly as
 * one-order-at-a-time intake made them against the database: each order sees the orders before
 * it in the batch (a duplicate merges into one created a moment earlier, a count rule counts it,
 * a reservation finds the units it left). The caller has read and locked everything this needs.
 */
export class IntakeRun {
  readonly writes: IntakeWrites = {
    steps: [],
    webhooks: [],
    alerts: [],
    holds: [],
    mergedClaims: [],
    refusedClaims: [],
  };
  readonly created: LiveOrder[] = [];
  readonly stored: LiveOrder[];
  /** The reservations to make, in the order the orders came. */
  readonly reservations: ReservationSlot[] = [];
  /** The returns and exchanges the batch created (issue 21). */
  readonly afterSales: AfterSalesLink[] = [];
  private readonly byPhone = new Map<string, LiveOrder[]>();
  private readonly rules;
  /** M4.8 for an order placed at a time, with the batch's samples. */
  private readonly isPeak: (placedAt: Date) => boolean;
  private readonly repeatWindowMs: number;

  constructor(
    private readonly intake: IntakeContext,
    candidates: readonly StoredCandidate[],
    private readonly skus: ReadonlyMap<string, SkuFacts>,
    private readonly idTimes: Map<string, number[]>,
    private readonly addressTimes: Map<string, number[]>,
    private readonly peakAlerted: Set<string>,
    private readonly now: Date,
    private readonly originals: Map<string, AfterSalesOriginal> = new Map(),
    /** Issue 21: pre-sale SKUs' ship dates by `presaleKey`. */
    private readonly presaleDates: ReadonlyMap<string, Date | null> = new Map(),
  ) {
    this.rules = intake.holdRules.map((r) => r.rule);
    const peakRule = this.rules.find((r): r is PeakRule => r.kind === 'peak-protection');
    const samples = intake.peakSamples;
    this.isPeak = peakRule && samples ? peakJudge(peakRule, samples, now) : () => false;
    const repeat = this.rules.find((r) => r.kind === 'repeat-same-address');
    this.repeatWindowMs = (repeat?.windowMinutes ?? 30) * 60_000;
    this.stored = candidates.map((c) => ({
      ...c,
      placedAtMs: Number(c.placedAtMs),
      isNew: false,
      addedLines: [],
      changed: false,
    }));
    for (const o of this.stored) this.track(o);
  }

  /**
   * Takes one cleaned, claimed order in: merges it into a suspected duplicate (M3.3) or creates
   * it (route, hold rules, reservation). Returns its answer, or throws the 400 of a merge whose
   * merged order cannot be cleaned (nothing of it is then written).
   */
  accept(clean: CleanOrder, orderId: string, route: RouteDecision | null) {
    if (clean.input.orderType !== 'sale') return this.acceptAfterSales(clean, orderId, route);
    const earlier = this.duplicateOf(clean);
    return earlier
      ? this.mergeOrReview(clean, orderId, route, earlier)
      : this.create(clean, orderId, route);
  }

  /**
   * Issue 21, the one place intake handles returns and exchanges (see `after-sales.ts`): a
   * return is stored `awaiting-return` in its sale's warehouse (no rules, no reservation, no
   * wave); an exchange is a normal order linked to what it names.
   */
  private acceptAfterSales(clean: CleanOrder, orderId: string, route: RouteDecision | null) {
    const kind = clean.input.orderType === 'return' ? 'return' : 'exchange';
    const original = assertOriginal(this.originals, kind, clean.input.originalOrderId);
    const saleOrderId =
      original.orderType === 'sale' ? original.id : (original.originalOrderId ?? original.id);
    const answer =
      kind === 'exchange'
        ? this.create(clean, orderId, route)
        : this.createReturn(clean, orderId, original);
    const link: AfterSalesLink = {
      kind,
      orderId,
      warehouseId: answer.order.warehouseId,
      originalOrderId: original.id,
      saleOrderId,
      lines: clean.input.lines,
    };
    this.afterSales.push(link);
    this.writes.steps.push(...afterSalesSteps(link));
    // A return of this batch can be named by an exchange later in the batch.
    this.originals.set(orderId, {
      id: orderId,
      warehouseId: answer.order.warehouseId,
      orderType: kind,
      originalOrderId: original.id,
    });
    return answer;
  }

  private createReturn(clean: CleanOrder, orderId: string, original: AfterSalesOriginal) {
    const { input } = clean;
    const order: LiveOrder = {
      id: orderId,
      isNew: true,
      warehouseId: original.warehouseId,
      status: 'awaiting-return',
      phone: clean.phone,
      placedAtMs: Date.parse(input.placedAt),
      carrier: null,
      flags: [],
      paidCents: input.paidCents,
      couponCents: input.couponCents,
      freightCents: input.freightCents,
      original: input,
      lines: input.lines.map((l, i) => ({ id: `${orderId}-${i + 1}`, ...l })),
      addedLines: [],
      openHolds: [],
      changed: false,
      clean,
      route: null,
      shipTo: shipToOf(clean),
      shipWithOrderId: null,
    };
    this.created.push(order);
    this.writes.steps.push(
      ...intakeSteps(orderId, clean, null, original.warehouseId, []).filter(
        (s) => s.kind !== 'unrouted',
      ),
      {
        orderId,
        kind: 'return-expected',
        detail: { originalOrderId: original.id, warehouseId: original.warehouseId },
      },
    );
    this.writes.webhooks.push({
      type: 'order.created',
      data: {
        orderId,
        channel: input.channel,
        channelOrderId: input.channelOrderId,
        status: order.status,
        warehouseId: original.warehouseId,
        orderType: 'return',
        originalOrderId: original.id,
        reservations: [],
      },
    });
    return { order, mergedInto: null };
  }

  /** The answer for an order, as it stands now. */
  summary(order: LiveOrder): Summary {
    return {
      orderId: order.id,
      status: order.status,
      warehouseId: order.status === 'unrouted' ? null : order.warehouseId,
      carrier: order.carrier,
      holds: [...order.openHolds],
      flags: [...order.flags],
    };
  }

  private duplicateOf(clean: CleanOrder): LiveOrder | null {
    const placed = Date.parse(clean.input.placedAt);
    const windowMs = this.intake.dedup.windowMinutes * 60_000;
    const skuIds = new Set(clean.input.lines.map((l) => l.skuId));
    let best: LiveOrder | null = null;
    for (const o of this.byPhone.get(clean.phone) ?? []) {
      if (!MERGEABLE.includes(o.status)) continue;
      if (o.placedAtMs < placed - windowMs || o.placedAtMs > placed + windowMs) continue;
      if (!o.lines.some((l) => skuIds.has(l.skuId))) continue;
      if (
        !best ||
        o.placedAtMs < best.placedAtMs ||
        (o.placedAtMs === best.placedAtMs && o.id < best.id)
      )
        best = o;
    }
    return best;
  }

  /**
   * M3.3 made safe (issue 21): a duplicate going to the same cleaned consignee and address ships
   * together with the earlier order: each keeps its own lines, amounts, trace and channel
   * write-back (nothing is summed), both are flagged `suspected-duplicate` and point at the
   * group's first order. Anything else (another name or address behind the same phone) is not
   * merged: both orders are flagged `duplicate-review` for a person to look at.
   */
  private mergeOrReview(
    clean: CleanOrder,
    orderId: string,
    route: RouteDecision | null,
    earlier: LiveOrder,
  ) {
    const together = earlier.shipTo === shipToOf(clean);
    const head = together ? (earlier.shipWithOrderId ?? earlier.id) : null;
    const answer = this.create(clean, orderId, route, head);
    const flag = together ? 'suspected-duplicate' : 'duplicate-review';
    const kind = together ? ('ship-together' as const) : ('dedup-review' as const);
    const why = together
      ? 'suspected duplicate / promotion abuse: same phone, SKU, consignee and address; ships together'
      : 'same phone and SKU within the window but another consignee or address: not merged, check both';
    for (const [order, other] of [
      [earlier, answer.order],
      [answer.order, earlier],
    ] as const) {
      if (!order.flags.includes(flag)) order.flags.push(flag);
      if (!order.isNew) order.changed = true;
      this.writes.steps.push({
        orderId: order.id,
        kind,
        detail: { otherOrderId: other.id, groupOrderId: head, phone: clean.phone, flag: why },
      });
    }
    return { order: answer.order, mergedInto: head };
  }

  private create(
    clean: CleanOrder,
    orderId: string,
    route: RouteDecision | null,
    shipWithOrderId: string | null = null,
  ) {
    const { input } = clean;
    const context = this.context(clean, false);
    const hits: (HoldHit & { until?: Date })[] = [
      ...clean.reviews,
      ...evaluateHolds(clean.facts, context, this.rules),
    ];
    const presale = route && this.presaleHitOf(route.rule.warehouseId, input.lines);
    if (presale) hits.push(presale);
    const holds = hits.filter((h) => h.action === 'hold');
    const flags = [...new Set(hits.filter((h) => h.action === 'flag').map((h) => flagName(h)))];
    const warehouseId = route?.rule.warehouseId ?? this.intake.manualQueueWarehouse;
    const status = holds.length > 0 ? 'held' : route ? 'received' : 'unrouted';
    const order: LiveOrder = {
      id: orderId,
      isNew: true,
      warehouseId,
      status,
      phone: clean.phone,
      placedAtMs: Date.parse(input.placedAt),
      carrier: route?.rule.carrier ?? null,
      flags,
      paidCents: input.paidCents,
      couponCents: input.couponCents,
      freightCents: input.freightCents,
      original: input,
      lines: input.lines.map((l, i) => ({ id: `${orderId}-${i + 1}`, ...l })),
      addedLines: [],
      openHolds: [],
      changed: false,
      clean,
      route,
      shipTo: shipToOf(clean),
      shipWithOrderId,
    };
    this.created.push(order);
    this.track(order);
    this.count(clean, order.placedAtMs);
    this.writes.steps.push(...intakeSteps(orderId, clean, route, warehouseId, hits));
    const created: Webhook = {
      type: 'order.created',
      data: {
        orderId,
        channel: input.channel,
        channelOrderId: input.channelOrderId,
        status,
        warehouseId: route ? warehouseId : null,
        // M3.8: the inventory event of this order, for channels that keep their own stock view.
        reservations: [],
      },
    };
    if (route) {
      this.reserve({
        order: { id: orderId, warehouseId },
        lines: input.lines,
        shedNonCore: context.peak,
        stepWarehouse: warehouseId,
        created,
      });
    }
    this.writes.webhooks.push(created);
    this.raiseHolds(order, holds);
    if (context.peak) this.raisePeakAlert(warehouseId);
    return { order, mergedInto: null };
  }

  /** Issue 21: a `presale` hold until the latest ship date of the order's pre-sale SKUs. */
  private presaleHitOf(warehouseId: string, lines: readonly { skuId: string }[]) {
    return presaleHit(
      lines.map((l) => ({
        skuId: l.skuId,
        date: this.presaleDates.get(presaleKey(warehouseId, l.skuId)) ?? null,
      })),
      this.now,
    );
  }

  private reserve(slot: ReservationSlot) {
    this.reservations.push(slot);
    this.writes.steps.push({ reserve: slot });
    this.writes.webhooks.push({ alertsOf: slot });
  }

  /** The pool rows the reservations take: lock these, then `settle`. */
  poolRows(): { warehouseId: string; skuId: string }[] {
    return this.reservations.flatMap((r) =>
      r.lines.map((l) => ({ warehouseId: r.order.warehouseId, skuId: l.skuId })),
    );
  }

  /**
   * The second pass: makes the reservations against the locked pool, in order; returns each
   * slot's steps (one per SKU) and the outbox with the alerts and outcomes where
   * one-order-at-a-time intake had them. Nothing decided in the first pass depends on a
   * reservation, so the batch locks the pool rows only for this and the writes that follow
   * (concurrent batches queue on those rows).
   */
  settle(pool: BatchPool): { reservationSteps: StepRow[][]; webhooks: Webhook[] } {
    const made = new Map<ReservationSlot, ReturnType<BatchPool['reserve']>>();
    const reservationSteps = this.reservations.map((slot) => {
      const result = pool.reserve(slot.order, slot.lines, { shedNonCore: slot.shedNonCore });
      made.set(slot, result);
      if (slot.created) slot.created.data.reservations = result.outcomes;
      this.writes.alerts.push(...result.alerts);
      return result.outcomes.map((r) => ({
        orderId: slot.order.id,
        kind: r.reserved ? ('reserved' as const) : ('reservation-short' as const),
        detail: slot.stepWarehouse ? { ...r, warehouseId: slot.stepWarehouse } : { ...r },
      }));
    });
    const webhooks = this.writes.webhooks.flatMap((w) =>
      'alertsOf' in w ? (made.get(w.alertsOf)?.alerts ?? []).map(alertRaised) : [w],
    );
    return { reservationSteps, webhooks };
  }

  /** M4.1 / M4.5 counts and M4.8 peak for an order (`stored`: it is already counted). */
  private context(order: CleanOrder, stored: boolean): HoldContext {
    const { input } = order;
    const placedAt = new Date(input.placedAt);
    const self = stored ? 0 : 1;
    const idNumber = order.idNumber;
    return {
      sameIdOrdersToday: idNumber
        ? countSince(this.idTimes.get(idNumber), chinaDayStart(placedAt).getTime()) + self
        : 0,
      sameAddressOrdersInWindow:
        countSince(
          this.addressTimes.get(addressKeyOf(order)),
          placedAt.getTime() - this.repeatWindowMs,
        ) + self,
      peak: this.isPeak(placedAt),
    };
  }

  private count(order: CleanOrder, placedAtMs: number) {
    const idNumber = order.idNumber;
    if (idNumber) push(this.idTimes, idNumber, placedAtMs);
    push(this.addressTimes, addressKeyOf(order), placedAtMs);
  }

  private track(order: LiveOrder) {
    const list = this.byPhone.get(order.phone) ?? [];
    list.push(order);
    this.byPhone.set(order.phone, list);
  }

  /**
   * Holds an order for review (as `raiseHolds`): one open hold per finding, the order `held`,
   * `order.held` in the outbox; a stored order is also pulled out of any wave.
   */
  private raiseHolds(order: LiveOrder, holds: readonly (HoldHit & { until?: Date })[]) {
    if (holds.length === 0) return;
    const rows = holds.map((h) => ({
      hold_until: h.until?.toISOString() ?? null,
      id: randomUUID(),
      warehouse_id: order.warehouseId,
      order_id: order.id,
      rule_id: this.intake.holdRules.find((r) => r.rule.kind === h.kind)?.id ?? null,
      kind: h.kind,
      evidence: h.evidence,
    }));
    this.writes.holds.push(...rows);
    if (order.status !== 'shipped') order.status = 'held';
    order.openHolds.push(...rows.map((r) => r.kind));
    order.changed = true;
    this.writes.steps.push(
      ...rows.map((r) => ({
        orderId: order.id,
        kind: 'held' as const,
        detail: { ruleId: r.rule_id, kind: r.kind, evidence: r.evidence },
      })),
    );
    if (!order.isNew) this.writes.steps.push({ pullFromWaves: order.id });
    this.writes.webhooks.push({
      type: 'order.held',
      data: { orderId: order.id, holds: rows.map((r) => ({ kind: r.kind, evidence: r.evidence })) },
    });
  }

  private raiseAlerts(alerts: readonly AlertRow[]) {
    for (const a of alerts) {
      this.writes.alerts.push(a);
      this.writes.webhooks.push(alertRaised(a));
    }
  }

  /** Tells people intake is in peak protection (M4.8), at most once per quarter hour per warehouse. */
  private raisePeakAlert(warehouseId: string) {
    if (this.peakAlerted.has(warehouseId)) return;
    this.peakAlerted.add(warehouseId);
    this.raiseAlerts([
      {
        id: randomUUID(),
        warehouseId,
        kind: 'peak',
        skuId: null,
        orderId: null,
        message:
          'Peak protection: orders reach us late; safety-level checks are paused, orders queue by time, VIP and high-value orders go to manual review',
      },
    ]);
  }
}

export const presaleKey = (warehouseId: string, skuId: string) => `${warehouseId}|${skuId}`;

export const peakAlertSince = (now: Date) => now.getTime() - PEAK_ALERT_EVERY_MS;

function alertRaised(a: AlertRow): Webhook {
  const { id, ...alert } = a;
  return { type: 'alert.raised', data: { alertId: id, ...alert } };
}

/** What "the same parcel's recipient" compares: cleaned consignee and address (as `shipTo`). */
function shipToOf(order: CleanOrder): string {
  return [order.consigneeName, order.province, order.city, order.district, order.detail].join(
    '\u0001',
  );
}

function addressKeyOf(order: CleanOrder): string {
  return addressKey({
    customerId: order.input.customerId,
    province: order.province,
    city: order.city,
    district: order.district,
    detail: order.detail,
  });
}

function countSince(times: readonly number[] | undefined, sinceMs: number): number {
  return times ? times.filter((t) => t >= sinceMs).length : 0;
}

function push(map: Map<string, number[]>, key: string, value: number) {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

function flagName(hit: HoldHit): string {
  return hit.kind === 'signature-unit-price' ? 'signature-required' : hit.kind;
}
