import { describe, expect, it } from 'vitest';
import {
  initialShipState,
  shipFlow,
  shipmentInFlight,
  type ShipEvent,
  type ShipState,
} from './ship-flow';

const ORDER = 'SO-B26-07-001';

function run(...events: ShipEvent[]): ShipState {
  return events.reduce(shipFlow, initialShipState);
}

const scan = (code: string): ShipEvent => ({ kind: 'scan', code });
const readyToSend: ShipEvent[] = [
  scan(ORDER),
  { kind: 'choose-carrier', carrier: 'SF' },
  scan('SF1234567890'),
];

describe('pack & ship', () => {
  it('sends the package label, the carrier and the tracking number scanned, in that order', () => {
    const state = run(...readyToSend);
    expect(state.step).toBe('sending');
    expect(shipmentInFlight(state)).toEqual({
      orderId: ORDER,
      carrier: 'SF',
      trackingNumber: 'SF1234567890',
    });
  });

  it('ignores the carrier buttons until a package label is scanned', () => {
    expect(run({ kind: 'choose-carrier', carrier: 'JD' })).toEqual(initialShipState);
  });

  it('takes a second package label before the carrier as the package to ship', () => {
    expect(run(scan(ORDER), scan('SO-B26-07-002')).orderId).toBe('SO-B26-07-002');
  });

  it('lets the carrier be changed until the tracking number is scanned', () => {
    const state = run(
      scan(ORDER),
      { kind: 'choose-carrier', carrier: 'SF' },
      {
        kind: 'choose-carrier',
        carrier: 'ZTO',
      },
    );
    expect(state).toMatchObject({ step: 'scan-tracking', carrier: 'ZTO' });
  });

  it('asks for the tracking number again when the scan cannot be one', () => {
    const state = run(scan(ORDER), { kind: 'choose-carrier', carrier: 'SF' }, scan('SF0'));
    expect(state).toMatchObject({
      step: 'scan-tracking',
      trackingNumber: null,
      outcome: { kind: 'bad-tracking', code: 'SF0' },
    });
    expect(shipFlow(state, scan('SF1234567890')).step).toBe('sending');
  });

  it('is ready for the next package once shipped, with what was shipped on screen', () => {
    const state = run(...readyToSend, { kind: 'shipped' });
    expect(state).toEqual({
      ...initialShipState,
      outcome: { kind: 'shipped', orderId: ORDER, carrier: 'SF', trackingNumber: 'SF1234567890' },
    });
  });

  it('shows the server refusal and starts over', () => {
    const message = 'No order SO-NOPE-1 in warehouse W-GZ: scan the package label again';
    expect(run(...readyToSend, { kind: 'refused', message })).toEqual({
      ...initialShipState,
      outcome: { kind: 'refused', message },
    });
  });

  it('keeps the scans while offline and sends them again on retry', () => {
    const offline = run(...readyToSend, { kind: 'offline' });
    expect(offline).toMatchObject({ step: 'retry', outcome: { kind: 'offline' } });
    expect(shipFlow(offline, scan('SO-OTHER'))).toBe(offline);
    const again = shipFlow(offline, { kind: 'retry' });
    expect(shipmentInFlight(again)).toEqual(shipmentInFlight(run(...readyToSend)));
  });

  it('ignores scans while waiting for the server, and a reply that arrives after start over', () => {
    const sending = run(...readyToSend);
    expect(shipFlow(sending, scan('SO-B26-07-002'))).toBe(sending);
    expect(shipFlow(sending, { kind: 'start-over' })).toBe(sending);
    expect(run(scan(ORDER), { kind: 'start-over' }, { kind: 'shipped' })).toEqual(initialShipState);
  });
});
