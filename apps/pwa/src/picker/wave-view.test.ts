import type { PickLine, ScanEvent, Wave } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import {
  buildWaveView,
  countsWithPending,
  orderWaveLines,
  viewOfOrderedLines,
  wavesInScope,
} from './wave-view';
import { aPickLine } from '../testing/a-pick-line';

const wave: Wave = {
  id: 'W-1',
  code: 'B26-07',
  warehouseId: 'GZ',
  status: 'picking',
  assignedUserId: 'u-1',
  assignmentVersion: 2,
  createdAt: '2026-11-22T08:00:00.000Z',
};

function aLine(id: string, binCode: string, pathSeq: number, qty = 2, pickedQty = 0): PickLine {
  const status = pickedQty >= qty ? 'picked' : 'open';
  return aPickLine({
    id,
    skuId: `SKU-${id}`,
    skuName: id,
    skuNameZh: id,
    barcodes: [],
    binCode,
    pathSeq,
    qty,
    pickedQty,
    status,
  });
}

function aPick(seq: number, pickLineId: string, qty: number, waveId = 'W-1'): ScanEvent {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    seq,
    type: 'pick@1',
    deviceTime: '2026-11-22T08:15:00.000Z',
    userId: 'u-1',
    assignmentVersion: 2,
    payload: { pickLineId, waveId, binCode: 'A-01-01', skuId: 'SKU', qty },
  };
}

describe('buildWaveView', () => {
  it('walks lines in pick-path order with the pending picks applied', () => {
    const lines = [
      aLine('L3', 'C-01-01', 30),
      aLine('L1', 'A-01-01', 10),
      aLine('L2', 'B-01-01', 20),
    ];
    const view = buildWaveView(wave, lines, [aPick(1, 'L1', 2), aPick(2, 'L2', 1)]);
    expect(view.lines.map((l) => [l.id, l.pickedQty, l.status])).toEqual([
      ['L1', 2, 'picked'],
      ['L2', 1, 'open'],
      ['L3', 0, 'open'],
    ]);
    expect(view.currentLine?.id).toBe('L2');
    expect(view.currentPosition).toBe(2);
    expect([view.doneLines, view.totalLines]).toEqual([1, 3]);
  });

  it('ignores pending picks of other waves and is done when nothing is open', () => {
    const view = buildWaveView(
      wave,
      [aLine('L1', 'A-01-01', 10, 1, 1)],
      [aPick(1, 'L1', 1, 'W-2')],
    );
    expect(view.currentLine).toBeUndefined();
    expect(view.doneLines).toBe(1);
  });

  it('replays only the lines pending events name, over lines ordered once', () => {
    const ordered = orderWaveLines([
      aLine('L4', 'D-01-01', 40),
      aLine('L1', 'A-01-01', 10, 2, 2),
      aLine('L3', 'C-01-01', 30),
      aLine('L2', 'B-01-01', 20),
    ]);
    expect([ordered.firstOpen, ordered.doneLines]).toEqual([1, 1]);
    const short: ScanEvent = {
      ...aPick(2, 'L3', 0),
      type: 'short@1',
      payload: {
        pickLineId: 'L3',
        waveId: 'W-1',
        binCode: 'C-01-01',
        skuId: 'SKU',
        shortQty: 2,
        reason: 'empty',
      },
    };
    const view = viewOfOrderedLines(wave, ordered, [aPick(1, 'L2', 2), short]);
    expect(view.lines.map((l) => [l.id, l.pickedQty, l.status])).toEqual([
      ['L1', 2, 'picked'],
      ['L2', 2, 'picked'],
      ['L3', 0, 'short'],
      ['L4', 0, 'open'],
    ]);
    expect([view.currentLine?.id, view.currentPosition, view.doneLines]).toEqual(['L4', 4, 3]);
    expect(ordered.lines.map((l) => l.status)).toEqual(['picked', 'open', 'open', 'open']);
    const done = viewOfOrderedLines(wave, ordered, [
      aPick(3, 'L2', 2),
      aPick(4, 'L3', 2),
      aPick(5, 'L4', 9),
    ]);
    expect([done.currentLine, done.currentPosition, done.doneLines]).toEqual([undefined, 0, 4]);
    expect(viewOfOrderedLines(wave, ordered, []).lines).toBe(ordered.lines);
  });

  it('counts as the view does from the lines by id, without their order (the wave list)', () => {
    const lines = [
      aLine('L4', 'D-01-01', 40),
      aLine('L1', 'A-01-01', 10, 2, 2),
      aLine('L3', 'C-01-01', 30),
      aLine('L2', 'B-01-01', 20),
    ];
    const counts = { byId: new Map(lines.map((line) => [line.id, line])), doneLines: 1 };
    const cases: ScanEvent[][] = [
      [],
      [aPick(1, 'L2', 2)],
      [aPick(1, 'L2', 1), aPick(2, 'L2', 1), aPick(3, 'L3', 2, 'W-2')],
      [aPick(1, 'L2', 2), aPick(2, 'L3', 2), aPick(3, 'L4', 9), aPick(4, 'L9', 1)],
    ];
    const expected = [
      { doneLines: 1, totalLines: 4 },
      { doneLines: 2, totalLines: 4 },
      { doneLines: 2, totalLines: 4 },
      { doneLines: 4, totalLines: 4 },
    ];
    expect(cases.map((pending) => countsWithPending('W-1', counts, pending))).toEqual(expected);
    const ordered = orderWaveLines(lines);
    expect(
      cases.map((pending) => {
        const view = viewOfOrderedLines(wave, ordered, pending);
        return { doneLines: view.doneLines, totalLines: view.totalLines };
      }),
    ).toEqual(expected);
  });
});

describe('wavesInScope', () => {
  it('shows a picker their own waves, open work first, never cancelled ones', () => {
    const waves: Wave[] = [
      { ...wave, id: 'a', code: 'B26-01', status: 'done' },
      { ...wave, id: 'b', code: 'B26-09' },
      { ...wave, id: 'c', code: 'B26-03', assignedUserId: 'u-2' },
      { ...wave, id: 'd', code: 'B26-02', status: 'cancelled' },
      { ...wave, id: 'e', code: 'B26-05', status: 'open' },
    ];
    expect(wavesInScope(waves, 'u-1', false).map((w) => w.id)).toEqual(['e', 'b', 'a']);
    expect(wavesInScope(waves, 'u-1', true).map((w) => w.id)).toEqual(['c', 'e', 'b', 'a']);
  });
});
