import type { PickLine } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { advancePick, startLine, type PickDecision, type PickInput } from './pick-flow';
import { aPickLine } from '../testing/a-pick-line';

const GS = '\u001d';
const TODAY = { today: '2026-11-22' };
const scan = (code: string): PickInput => ({ kind: 'scan', code });
const digits = (text: string): PickInput[] => [...text].map((digit) => ({ kind: 'digit', digit }));

const aLine = (overrides: Partial<PickLine> = {}): PickLine =>
  aPickLine({ checkDigits: '47', ...overrides });

function run(line: PickLine, inputs: readonly PickInput[]): PickDecision[] {
  let state = startLine(line);
  return inputs.map((input) => {
    const decision = advancePick(state, line, input, TODAY);
    state = decision.state;
    return decision;
  });
}

describe('bin check digits', () => {
  it('confirms the bin by its check digits when the label will not scan', () => {
    const decisions = run(aLine(), [
      { kind: 'label-unreadable' },
      ...digits('47'),
      { kind: 'confirm' },
    ]);
    expect(decisions.at(-1)?.state).toMatchObject({
      step: 'scan-item',
      binDigits: null,
      error: null,
    });
    expect(decisions.some((d) => d.reportLabel)).toBe(false);
  });

  it('reports the label for reprint on the third failed attempt in a row, once', () => {
    const decisions = run(aLine(), [
      scan('A-03-1'),
      { kind: 'label-unreadable' },
      ...digits('74'),
      { kind: 'confirm' },
      ...digits('11'),
      { kind: 'confirm' },
    ]);
    expect(decisions.filter((d) => d.reportLabel).map((d) => d.reportLabel)).toEqual([
      { attempts: 3 },
    ]);
    expect(decisions.at(-1)?.state.error).toEqual({ kind: 'wrong-check-digits', failures: 4 });
    expect(decisions.find((d) => d.reportLabel)?.prompt).toEqual({
      kind: 'label-reprint-requested',
      binCode: 'A-03-12',
    });
  });

  it('does not count a well-formed other bin as a label failure', () => {
    const decisions = run(aLine(), [scan('A-03-13'), scan('A-03-14'), scan('A-03-15')]);
    expect(decisions.every((d) => d.reportLabel === undefined)).toBe(true);
    expect(decisions[0]?.prompt).toEqual({ kind: 'wrong-bin', expectedBin: 'A-03-12' });
  });
});

describe('quantity', () => {
  it('counts units down scan by scan and records the line on the last unit', () => {
    const decisions = run(aLine(), [
      scan('A-03-12'),
      scan('6901234567892'),
      scan('6901234567892'),
      scan('6901234567892'),
    ]);
    // The first scan prefills all that is left and says so; each scan after counts up in the box
    // and the prompt says what is still missing (it said "2 more" over a box holding 3).
    expect(decisions.map((d) => d.prompt)).toEqual([
      { kind: 'scan-item', binCode: 'A-03-12' },
      { kind: 'qty-prefilled', qty: 3 },
      { kind: 'units-left', left: 1 },
      undefined,
    ]);
    expect(decisions.map((d) => d.state.qtyText)).toEqual(['', '3', '2', '']);
    expect(decisions.map((d) => d.recordQty)).toEqual([undefined, undefined, undefined, 3]);
  });

  it('still takes one scan and a keyed quantity for bulk lines', () => {
    const decisions = run(aLine({ qty: 40 }), [
      scan('A-03-12'),
      scan('6901234567892'),
      ...digits('40'),
      { kind: 'confirm' },
    ]);
    expect(decisions.at(-1)?.recordQty).toBe(40);
  });
});

describe('short pick', () => {
  it('reports the remainder short with its reason and starts over', () => {
    const line = aLine({ pickedQty: 1 });
    const [, decision] = run(line, [scan('A-03-12'), { kind: 'short', reason: 'damaged' }]);
    expect(decision?.recordShort).toEqual({ reason: 'damaged', qty: 2 });
    expect(decision?.prompt).toEqual({ kind: 'short-recorded', qty: 2 });
  });
});

describe('lot-tracked SKU', () => {
  const line = aLine({ lotTracked: true, qty: 1 });
  const label = (expiry: string) => `]C10106901234567892${GS}17${expiry}${GS}10L-88`;

  it('records the lot and expiry read from the GS1 label', () => {
    const decisions = run(line, [scan('A-03-12'), scan(label('270131')), { kind: 'confirm' }]);
    expect(decisions.at(-1)).toMatchObject({
      recordQty: 1,
      recordLot: { lot: 'L-88', expiry: '2027-01-31' },
    });
  });

  it('refuses an expired lot, loudly and aloud, and records nothing', () => {
    const decisions = run(line, [scan('A-03-12'), scan(label('261121')), { kind: 'confirm' }]);
    expect(decisions[1]).toMatchObject({
      tone: 'error',
      prompt: { kind: 'lot-expired', lot: 'L-88', expiry: '2026-11-21' },
      state: { step: 'scan-item', error: { kind: 'lot-expired' } },
    });
    expect(decisions.some((d) => d.recordQty !== undefined)).toBe(false);
  });

  it('asks for the lot label when the plain barcode is scanned', () => {
    const [, decision] = run(line, [scan('A-03-12'), scan('6901234567892')]);
    expect(decision?.state.error).toEqual({ kind: 'lot-label-needed' });
  });
});

describe('messages that say what happened', () => {
  it('says an over-quantity aloud, not only on screen', () => {
    const decisions = run(aLine(), [
      scan('A-03-12'),
      scan('6901234567892'),
      { kind: 'clear' },
      ...digits('4'),
      { kind: 'confirm' },
    ]);
    expect(decisions.at(-1)).toMatchObject({
      tone: 'error',
      prompt: { kind: 'qty-too-many', max: 3 },
      state: { error: { kind: 'qty-out-of-range', max: 3 } },
    });
  });

  it('names a wrong item when the device knows its product', () => {
    const line = aLine();
    let state = startLine(line);
    state = advancePick(state, line, scan('A-03-12'), TODAY).state;
    const context = {
      ...TODAY,
      skuOfBarcode: (code: string) =>
        code === '04006381333931' ? { name: 'Green tea 500 ml', nameZh: '绿茶500毫升' } : undefined,
    };
    const known = advancePick(state, line, scan('4006381333931'), context);
    expect(known.prompt).toEqual({
      kind: 'wrong-item',
      scanned: { name: 'Green tea 500 ml', nameZh: '绿茶500毫升' },
    });
    expect(known.state.error).toEqual({
      kind: 'wrong-item',
      scanned: '4006381333931',
      scannedSku: { name: 'Green tea 500 ml', nameZh: '绿茶500毫升' },
    });
    const unknown = advancePick(state, line, scan('96385074'), context);
    expect(unknown.prompt).toEqual({ kind: 'wrong-item' });
  });
});

describe('every scan gets an answer', () => {
  it('answers the same code again within the debounce "already counted" and counts nothing', () => {
    const line = aLine({ qty: 3 });
    const decisions = run(line, [
      scan('A-03-12'),
      scan('6901234567892'),
      { kind: 'repeat', code: '6901234567892' },
    ]);
    const repeat = decisions.at(-1);
    expect(repeat?.tone).toBe('repeat');
    expect(repeat?.prompt).toEqual({ kind: 'already-counted' });
    expect(repeat?.recordQty).toBeUndefined();
    expect(repeat?.state).toEqual(decisions[1]?.state);
    expect(repeat?.state.unitsScanned).toBe(1);
  });

  it('answers a burst that is no code "not read, scan again", at any step, and counts no failure', () => {
    const decisions = run(aLine(), [{ kind: 'misread' }, scan('A-03-12'), { kind: 'misread' }]);
    for (const decision of [decisions[0], decisions[2]]) {
      expect(decision?.tone).toBe('not-read');
      expect(decision?.prompt).toEqual({ kind: 'not-read' });
      expect(decision?.state.error).toEqual({ kind: 'not-read' });
    }
    expect(decisions[0]?.state.labelAttempts).toBeNull();
    expect(decisions[2]?.state.step).toBe('scan-item');
  });

  it('calls an item code with a wrong check digit, or a GS1 string cut short, not read', () => {
    const decisions = run(aLine(), [scan('A-03-12'), scan('6901234567893'), scan('010950110102')]);
    for (const decision of decisions.slice(1)) {
      expect(decision.tone).toBe('not-read');
      expect(decision.prompt).toEqual({ kind: 'not-read' });
      expect(decision.state).toMatchObject({ step: 'scan-item', error: { kind: 'not-read' } });
    }
  });
});
