import { describe, expect, it } from 'vitest';
import { checkLot, readItemScan } from './item-scan';
import { GS } from './parse-gs1';

describe('readItemScan', () => {
  it('pads EAN-13 and UPC-A to GTIN-14 for look-up', () => {
    expect(readItemScan('6901234567892')).toEqual({
      ok: true,
      scan: { lookupCode: '06901234567892' },
    });
    expect(readItemScan('036000291452')).toEqual({
      ok: true,
      scan: { lookupCode: '00036000291452' },
    });
  });

  it('verifies the check digit of every plain EAN-8, UPC-A, EAN-13 and GTIN-14', () => {
    expect(readItemScan('96385074')).toEqual({ ok: true, scan: { lookupCode: '00000096385074' } });
    expect(readItemScan('09501101020917')).toEqual({
      ok: true,
      scan: { lookupCode: '09501101020917' },
    });
    const notRead = { ok: false, error: { kind: 'bad-check-digit', at: 0 } };
    expect(readItemScan('96385075')).toEqual(notRead);
    expect(readItemScan('036000291453')).toEqual(notRead);
    expect(readItemScan('6901234567893')).toEqual(notRead);
    expect(readItemScan('09501101020918')).toEqual(notRead);
  });

  it('does not take a GS1 string cut short for a UPC-A', () => {
    expect(readItemScan('010950110102')).toEqual({
      ok: false,
      error: { kind: 'bad-check-digit', at: 0 },
    });
  });

  it('verifies the check digit of the GTIN in a GS1 label', () => {
    expect(readItemScan(`]C10106901234567893${GS}10L-88`)).toMatchObject({
      ok: false,
      error: { kind: 'bad-check-digit', ai: '01' },
    });
  });

  it('takes GTIN, lot, expiry and serial from a GS1 label', () => {
    expect(readItemScan(`]C10106901234567892${GS}10L-88${GS}17261231${GS}21S9`)).toEqual({
      ok: true,
      scan: { lookupCode: '06901234567892', lot: 'L-88', expiry: '2026-12-31', serial: 'S9' },
    });
  });

  it('keeps any other code as it is', () => {
    expect(readItemScan('SKU-00042')).toEqual({ ok: true, scan: { lookupCode: 'SKU-00042' } });
  });

  it('fails a GS1 label whose lot swallowed the expiry', () => {
    expect(readItemScan('01069012345678921028A17261231')).toMatchObject({
      ok: false,
      error: { kind: 'missing-separator', ai: '10' },
    });
  });
});

describe('checkLot', () => {
  const scan = { lookupCode: '06901234567892', lot: 'L-88', expiry: '2026-11-22' };

  it('passes any scan of a SKU that is not lot-tracked', () => {
    expect(checkLot(false, { lookupCode: 'x' }, '2026-11-22')).toEqual({ ok: true });
  });

  it('accepts a lot on its expiry day and refuses it the day after', () => {
    expect(checkLot(true, scan, '2026-11-22')).toEqual({
      ok: true,
      lot: 'L-88',
      expiry: '2026-11-22',
    });
    expect(checkLot(true, scan, '2026-11-23')).toEqual({
      ok: false,
      reason: 'expired',
      lot: 'L-88',
      expiry: '2026-11-22',
    });
  });

  it('asks for the lot label when a lot-tracked SKU was scanned by its plain GTIN', () => {
    expect(checkLot(true, { lookupCode: 'x' }, '2026-11-22')).toEqual({
      ok: false,
      reason: 'lot-missing',
    });
    expect(checkLot(true, { lookupCode: 'x', lot: 'L' }, '2026-11-22')).toEqual({
      ok: false,
      reason: 'expiry-missing',
    });
  });
});
