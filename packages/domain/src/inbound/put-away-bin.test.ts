import { describe, expect, it } from 'vitest';
import { type BinRoomFacts, binRoom, choosePutAwayBin } from './put-away-bin';

const aBin = (binId: string, facts: Partial<BinRoomFacts> = {}): BinRoomFacts => ({
  binId,
  maxQty: null,
  volumeCm3: null,
  usedCm3: 0,
  skuUnits: 0,
  allUnits: 0,
  keptForOthers: false,
  ...facts,
});

describe('binRoom', () => {
  it.each([
    ['a capacity for the SKU, less what it holds', aBin('A', { maxQty: 24, skuUnits: 20 }), 500, 4],
    ['a full bin has none, never less', aBin('A', { maxQty: 24, skuUnits: 30 }), 500, 0],
    ['free volume over the unit volume', aBin('A', { volumeCm3: 24_000, usedCm3: 20_800 }), 500, 6],
    ['volume without the SKU size is unknown', aBin('A', { volumeCm3: 24_000 }), null, null],
    ['no capacity data is unknown', aBin('A', { allUnits: 3 }), 500, null],
  ])('%s', (_, bin, unitCm3, room) => {
    expect(binRoom(bin, unitCm3)).toBe(room);
  });
});

describe('choosePutAwayBin', () => {
  const face = aBin('GZ:A-01-01', { maxQty: 24, skuUnits: 20 });
  it('the pick face when it has room for all the units', () => {
    expect(choosePutAwayBin({ face, reserves: [], unitCm3: 500, qty: 4 })).toEqual({
      binId: 'GZ:A-01-01',
      kind: 'pick-face',
    });
  });
  it('else the first reserve bin in path order with room, past full, kept and busy bins', () => {
    const reserves = [
      face,
      aBin('GZ:A-02-01', { volumeCm3: 24_000, usedCm3: 22_000, allUnits: 4 }),
      aBin('GZ:A-02-02', { keptForOthers: true }),
      aBin('GZ:A-02-03', { allUnits: 1 }),
      aBin('GZ:A-02-04', { volumeCm3: 24_000, usedCm3: 20_000, allUnits: 8 }),
      aBin('GZ:A-02-05'),
    ];
    expect(choosePutAwayBin({ face, reserves, unitCm3: 500, qty: 6 })).toEqual({
      binId: 'GZ:A-02-04',
      kind: 'reserve',
    });
    // Without the SKU's size, volume says nothing: the first empty bin.
    expect(choosePutAwayBin({ face, reserves, unitCm3: null, qty: 6 })).toEqual({
      binId: 'GZ:A-02-05',
      kind: 'reserve',
    });
  });
  it('a face without capacity data takes what comes; nothing fits is null', () => {
    const open = aBin('GZ:A-01-01', { allUnits: 50, skuUnits: 50 });
    expect(choosePutAwayBin({ face: open, reserves: [], unitCm3: 500, qty: 99 })?.kind).toBe(
      'pick-face',
    );
    expect(
      choosePutAwayBin({
        face,
        reserves: [aBin('GZ:B-01-01', { allUnits: 2 })],
        unitCm3: null,
        qty: 5,
      }),
    ).toBeNull();
  });
});
