/** The carriers a package can leave with (M1.6), in the order the buttons show them. */
export const CARRIERS = ['SF', 'YTO', 'ZTO', 'JD', 'EMS'] as const;
export type Carrier = (typeof CARRIERS)[number];

/**
 * `scan-order` → `choose-carrier` → `scan-tracking` → `sending`, then back to `scan-order` for the
 * next package; `retry` holds a shipment the server could not be reached for.
 */
export type ShipStep = 'scan-order' | 'choose-carrier' | 'scan-tracking' | 'sending' | 'retry';

export interface Shipment {
  orderId: string;
  carrier: Carrier;
  trackingNumber: string;
}

/** What the last attempt ended with, shown until the next package starts. */
export type ShipOutcome =
  | ({ kind: 'shipped' } & Shipment)
  | { kind: 'refused'; message: string }
  | { kind: 'offline' }
  | { kind: 'bad-tracking'; code: string };

export interface ShipState {
  step: ShipStep;
  orderId: string | null;
  carrier: Carrier | null;
  trackingNumber: string | null;
  outcome: ShipOutcome | null;
}

export type ShipEvent =
  | { kind: 'scan'; code: string }
  | { kind: 'choose-carrier'; carrier: Carrier }
  | { kind: 'retry' }
  | { kind: 'start-over' }
  | { kind: 'shipped' }
  | { kind: 'refused'; message: string }
  | { kind: 'offline' };

export const initialShipState: ShipState = {
  step: 'scan-order',
  orderId: null,
  carrier: null,
  trackingNumber: null,
  outcome: null,
};

/** The server's rule (shipOrderSchema): checked here so that a misread is rescanned at once. */
export function isTrackingNumber(code: string): boolean {
  const length = code.trim().length;
  return length >= 6 && length <= 40;
}

/** The package being sent, or null when the flow is not waiting for the server. */
export function shipmentInFlight(state: ShipState): Shipment | null {
  const { step, orderId, carrier, trackingNumber } = state;
  if (step !== 'sending' || orderId === null || carrier === null || trackingNumber === null)
    return null;
  return { orderId, carrier, trackingNumber };
}

/** The next state of Pack & ship; pure, so the screen only renders it and sends what it says. */
export function shipFlow(state: ShipState, event: ShipEvent): ShipState {
  switch (event.kind) {
    case 'scan':
      return onScan(state, event.code);
    case 'choose-carrier':
      if (state.step !== 'choose-carrier' && state.step !== 'scan-tracking') return state;
      return { ...state, step: 'scan-tracking', carrier: event.carrier };
    case 'retry':
      return state.step === 'retry' ? { ...state, step: 'sending', outcome: null } : state;
    case 'start-over':
      return state.step === 'sending' ? state : initialShipState;
    case 'shipped': {
      const shipment = shipmentInFlight(state);
      if (!shipment) return state;
      return { ...initialShipState, outcome: { kind: 'shipped', ...shipment } };
    }
    case 'refused':
      if (state.step !== 'sending') return state;
      return { ...initialShipState, outcome: { kind: 'refused', message: event.message } };
    case 'offline':
      // Shipping needs the server; keep the scans so that the packer only taps "Send again".
      return state.step === 'sending' ? { ...state, step: 'retry', outcome: event } : state;
  }
}

function onScan(state: ShipState, code: string): ShipState {
  switch (state.step) {
    case 'scan-order':
    case 'choose-carrier':
      return { ...initialShipState, step: 'choose-carrier', orderId: code };
    case 'scan-tracking':
      if (!isTrackingNumber(code)) return { ...state, outcome: { kind: 'bad-tracking', code } };
      return { ...state, step: 'sending', trackingNumber: code, outcome: null };
    case 'sending':
    case 'retry':
      return state;
  }
}
