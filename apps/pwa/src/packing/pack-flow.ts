import {
  checkPackScan,
  expectedParcelGrams,
  findBox,
  isBarcodeOf,
  parseScaleReading,
  unitsToPack,
  weightMatches,
  type PackBox,
  type Prompt,
} from '@wms/domain';
import type { PackOrder, ParcelItem } from '@wms/protocol';

/**
 * The pack bench (issue 22): `scan-order` → (server answers) `scan-items` → `choose-box` →
 * `weigh` → `scan-tracking` → the parcel is recorded (outbox) and the next parcel starts at
 * `scan-items`, or `order-done`. Pure: the hook records what `effects` say and speaks `prompt`.
 */
export type PackStep =
  'scan-order' | 'loading' | 'scan-items' | 'choose-box' | 'weigh' | 'scan-tracking' | 'order-done';

export interface PackState {
  step: PackStep;
  order: PackOrder | null;
  /** Parcels of this order closed so far (the server's and this bench's). */
  packed: ParcelItem[][];
  parcelNo: number;
  items: ParcelItem[];
  box: PackBox | null;
  weightGrams: number | null;
  carrier: string | null;
  /** What the last scan or weighing said (shown, and spoken when it is a prompt). */
  notice: PackNotice | null;
}

export type PackNotice =
  | { kind: 'prompt'; prompt: Prompt; error: boolean }
  | { kind: 'not-a-box'; code: string }
  | { kind: 'not-a-weight'; code: string }
  | { kind: 'bad-tracking'; code: string }
  | { kind: 'order-unknown'; message: string }
  | { kind: 'needs-network' };

export type PackInput =
  | { kind: 'scan'; code: string }
  | { kind: 'order-loaded'; order: PackOrder }
  | { kind: 'order-failed'; message: string; offline: boolean }
  | { kind: 'close-parcel' }
  | { kind: 'choose-box'; code: string }
  | { kind: 'choose-carrier'; carrier: string }
  /** At `scan-tracking`: close the parcel without a number; the e-waybill service gives it one. */
  | { kind: 'e-waybill' }
  | { kind: 'restart-parcel' }
  | { kind: 'next-order' };

/** What the hook must do after a transition: record an outbox event, fetch an order. */
export type PackEffect =
  | { kind: 'load-order'; code: string }
  | {
      kind: 'record-mismatch';
      payload: {
        orderId: string;
        parcelNo: number;
        items: ParcelItem[];
        boxCode: string;
        weightGrams: number;
        expectedWeightGrams: number;
      };
    }
  | {
      kind: 'record-parcel';
      payload: {
        orderId: string;
        parcelNo: number;
        items: ParcelItem[];
        boxCode: string;
        weightGrams: number;
        expectedWeightGrams: number;
        carrier: string;
        /** Absent: the number comes from the e-waybill service once the parcel is on the server. */
        trackingNumber?: string;
      };
    };

export const initialPackState: PackState = {
  step: 'scan-order',
  order: null,
  packed: [],
  parcelNo: 1,
  items: [],
  box: null,
  weightGrams: null,
  carrier: null,
  notice: null,
};

const prompt = (p: Prompt, error = true): PackNotice => ({ kind: 'prompt', prompt: p, error });

/** The units of the order not in a closed parcel nor in the open one. */
export function unitsLeftToPack(state: PackState): number {
  if (!state.order) return 0;
  const left = unitsToPack(state.order.lines, [...state.packed.flat(), ...state.items]);
  return [...left.values()].reduce((sum, n) => sum + n, 0);
}

/** What the open parcel should weigh with the chosen box. */
export function expectedGrams(state: PackState): number {
  if (!state.order || !state.box) return 0;
  const grams = new Map(state.order.lines.map((l) => [l.skuId, l.weightGrams ?? 0]));
  return expectedParcelGrams(state.items, grams, state.box);
}

export function packFlow(state: PackState, input: PackInput): [PackState, PackEffect | null] {
  switch (input.kind) {
    case 'scan':
      return onScan(state, input.code.trim());
    case 'order-loaded':
      return [onLoaded(input.order), null];
    case 'order-failed':
      return [
        {
          ...initialPackState,
          notice: input.offline
            ? { kind: 'needs-network' }
            : { kind: 'order-unknown', message: input.message },
        },
        null,
      ];
    case 'close-parcel':
      if (state.step !== 'scan-items' || state.items.length === 0) return [state, null];
      return [{ ...state, step: 'choose-box', notice: null }, null];
    case 'choose-box':
      return chooseBox(state, input.code);
    case 'choose-carrier':
      return state.step === 'scan-tracking'
        ? [{ ...state, carrier: input.carrier }, null]
        : [state, null];
    case 'e-waybill':
      return state.step === 'scan-tracking' ? closeParcel(state, null) : [state, null];
    case 'restart-parcel':
      if (state.step === 'scan-order' || state.step === 'loading' || state.step === 'order-done')
        return [state, null];
      return [
        { ...state, step: 'scan-items', items: [], box: null, weightGrams: null, notice: null },
        null,
      ];
    case 'next-order':
      return state.step === 'loading' ? [state, null] : [initialPackState, null];
  }
}

function onLoaded(order: PackOrder): PackState {
  const packed = order.parcels.map((p) => p.items);
  const state: PackState = {
    ...initialPackState,
    order,
    packed,
    parcelNo: Math.max(0, ...order.parcels.map((p) => p.parcelNo)) + 1,
    carrier: order.carrier,
    step: 'scan-items',
  };
  if (unitsLeftToPack(state) === 0) return { ...state, step: 'order-done' };
  return {
    ...state,
    notice: order.signatureRequired ? prompt({ kind: 'pack-signature-required' }, false) : null,
  };
}

function onScan(state: PackState, code: string): [PackState, PackEffect | null] {
  if (code === '') return [state, null];
  switch (state.step) {
    case 'scan-order':
    case 'order-done':
      return [
        { ...initialPackState, step: 'loading' },
        { kind: 'load-order', code },
      ];
    case 'loading':
      return [state, null];
    case 'scan-items':
      return scanItem(state, code);
    case 'choose-box':
      return chooseBox(state, code);
    case 'weigh':
      return weigh(state, code);
    case 'scan-tracking':
      return scanTracking(state, code);
  }
}

function scanItem(state: PackState, code: string): [PackState, PackEffect | null] {
  const order = state.order;
  if (!order) return [state, null];
  const line = order.lines.find((l) => isBarcodeOf(l.barcodes, code));
  if (!line) return [{ ...state, notice: prompt({ kind: 'pack-not-in-order' }) }, null];
  const verdict = checkPackScan(order.lines, [...state.packed.flat(), ...state.items], line.skuId);
  if (verdict === 'extra') {
    const extra = prompt({ kind: 'pack-extra-item', name: line.name, nameZh: line.nameZh });
    return [{ ...state, notice: extra }, null];
  }
  // A lot-tracked SKU's units carry the lot picked for the order (one lot: it; several: the first,
  // which the screen shows for the packer to check against the label).
  const lot = line.lotTracked ? line.lots[0] : undefined;
  const items = addUnit(state.items, line.skuId, lot);
  const next: PackState = { ...state, items, notice: null };
  const left = unitsLeftToPack(next);
  return [{ ...next, step: left === 0 ? 'choose-box' : 'scan-items' }, null];
}

function addUnit(
  items: readonly ParcelItem[],
  skuId: string,
  lot: string | undefined,
): ParcelItem[] {
  const at = items.findIndex((i) => i.skuId === skuId && i.lot === lot);
  if (at < 0) return [...items, { skuId, qty: 1, ...(lot ? { lot } : {}) }];
  return items.map((item, i) => (i === at ? { ...item, qty: item.qty + 1 } : item));
}

function chooseBox(state: PackState, code: string): [PackState, PackEffect | null] {
  if (state.step !== 'choose-box') return [state, null];
  const box = findBox(code);
  if (!box) return [{ ...state, notice: { kind: 'not-a-box', code } }, null];
  return [{ ...state, box, step: 'weigh', notice: null }, null];
}

function weigh(state: PackState, code: string): [PackState, PackEffect | null] {
  const grams = parseScaleReading(code);
  if (grams === null || !state.order || !state.box) {
    return [{ ...state, notice: { kind: 'not-a-weight', code } }, null];
  }
  const expected = expectedGrams(state);
  const { pct, minGrams } = state.order.tolerance;
  if (!weightMatches(expected, grams, { pct, minGrams })) {
    const mismatch = prompt({
      kind: 'pack-weight-mismatch',
      expectedGrams: expected,
      measuredGrams: grams,
    });
    return [
      { ...state, weightGrams: null, notice: mismatch },
      {
        kind: 'record-mismatch',
        payload: {
          orderId: state.order.orderId,
          parcelNo: state.parcelNo,
          items: state.items,
          boxCode: state.box.code,
          weightGrams: grams,
          expectedWeightGrams: expected,
        },
      },
    ];
  }
  return [{ ...state, weightGrams: grams, step: 'scan-tracking', notice: null }, null];
}

/** The server's rule (trackingNumberSchema): checked here so that a misread is rescanned at once. */
export function isTrackingNumber(code: string): boolean {
  return /^[A-Za-z0-9-]{6,40}$/.test(code);
}

function scanTracking(state: PackState, code: string): [PackState, PackEffect | null] {
  if (!isTrackingNumber(code)) return [{ ...state, notice: { kind: 'bad-tracking', code } }, null];
  return closeParcel(state, code);
}

/** Records the weighed parcel (with the scanned number, or none for an e-waybill) and moves on. */
function closeParcel(
  state: PackState,
  trackingNumber: string | null,
): [PackState, PackEffect | null] {
  const { order, box, weightGrams } = state;
  if (!order || !box || weightGrams === null) return [state, null];
  const effect: PackEffect = {
    kind: 'record-parcel',
    payload: {
      orderId: order.orderId,
      parcelNo: state.parcelNo,
      items: state.items,
      boxCode: box.code,
      weightGrams,
      expectedWeightGrams: expectedGrams(state),
      carrier: state.carrier ?? 'SF',
      ...(trackingNumber === null ? {} : { trackingNumber }),
    },
  };
  const packed = [...state.packed, state.items];
  const next: PackState = {
    ...state,
    packed,
    parcelNo: state.parcelNo + 1,
    items: [],
    box: null,
    weightGrams: null,
  };
  const left = unitsLeftToPack(next);
  const done = prompt(
    { kind: 'pack-parcel-done', parcelNo: state.parcelNo, unitsLeft: left },
    false,
  );
  return [{ ...next, step: left === 0 ? 'order-done' : 'scan-items', notice: done }, effect];
}
