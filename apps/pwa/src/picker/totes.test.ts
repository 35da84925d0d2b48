import { describe, expect, it } from 'vitest';
import { assignTote, ordersOnWalk } from './totes';

describe('cluster totes', () => {
  it('lists the orders in walk order, once each', () => {
    expect(ordersOnWalk([{ orderId: 'SO-2' }, { orderId: 'SO-1' }, { orderId: 'SO-2' }])).toEqual([
      'SO-2',
      'SO-1',
    ]);
  });

  it('gives each order the next tote scanned, and refuses a tote twice or a non-tote', () => {
    const first = assignTote(['SO-2', 'SO-1'], {}, 't-0001');
    expect(first).toEqual({ ok: true, totes: { 'SO-2': 'T-0001' } });
    const totes = first.ok ? first.totes : {};
    expect(assignTote(['SO-2', 'SO-1'], totes, 'T-0001')).toEqual({
      ok: false,
      reason: 'tote-in-use',
    });
    expect(assignTote(['SO-2', 'SO-1'], totes, 'A-03-12')).toEqual({
      ok: false,
      reason: 'not-a-tote',
    });
    expect(assignTote(['SO-2'], totes, 'T-0002')).toEqual({ ok: false, reason: 'all-assigned' });
  });
});
