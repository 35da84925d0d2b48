import { describe, expect, it } from 'vitest';
import { GS } from '../gs1/parse-gs1';
import { INBOUND_SIGNALS, renderInboundPrompt } from './inbound-prompts';
import { readReceiveScan } from './receive-scan';

describe('readReceiveScan', () => {
  it('reads a GS1-128 carton label: SSCC, contents, lot, expiry, count', () => {
    expect(
      readReceiveScan('(00)069012340000000016(02)06901234567892(10)L2612A(17)271231(37)24'),
    ).toEqual({
      kind: 'carton',
      sscc: '069012340000000016',
      lookupCode: '06901234567892',
      lot: 'L2612A',
      expiry: '2027-12-31',
      qty: 24,
    });
    expect(readReceiveScan(`]C1000690123400000000160206901234567892${GS}37${'6'}`)).toEqual({
      kind: 'carton',
      sscc: '069012340000000016',
      lookupCode: '06901234567892',
      qty: 6,
    });
  });

  it('refuses a carton label whose SSCC check digit is wrong, and reads items as picking does', () => {
    expect(readReceiveScan('(00)069012340000000017')).toEqual({ kind: 'unreadable' });
    expect(readReceiveScan('6901234567892')).toEqual({
      kind: 'item',
      lookupCode: '06901234567892',
    });
    expect(readReceiveScan('(01)06901234567892(10)B7(17)270630')).toEqual({
      kind: 'item',
      lookupCode: '06901234567892',
      lot: 'B7',
      expiry: '2027-06-30',
    });
  });
});

describe('inbound prompts and signals', () => {
  it('says the QC task as the seeds do, in both languages', () => {
    const qc = { kind: 'qc-task', name: 'Headlamp assembly', nameZh: '大灯总成', qty: 5 } as const;
    expect(renderInboundPrompt(qc, 'zh-CN').speech).toBe(
      '当前任务：红色齿轮，请检查配件外观，大灯总成，5件',
    );
    expect(renderInboundPrompt(qc, 'en').text).toBe(
      'Current task: red gear. Check the appearance of Headlamp assembly, 5 units.',
    );
    const putAway = renderInboundPrompt(
      { kind: 'put-away-task', binCode: 'A-03-12', qty: 3 },
      'zh-CN',
    );
    expect(putAway.text).toBe('当前任务：蓝色货架，库位A-03-12，数量3件');
  });

  it('shows red gear for QC and blue shelf for put-away', () => {
    expect(INBOUND_SIGNALS['awaiting-qc']).toEqual({ colour: 'red', icon: '⚙' });
    expect(INBOUND_SIGNALS['awaiting-put-away']).toEqual({ colour: 'blue', icon: '🗄' });
  });
});
