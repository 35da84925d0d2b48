import type { InboundWork, ScanEvent } from '@wms/protocol';

type Base = Pick<ScanEvent, 'id' | 'seq' | 'deviceTime' | 'userId'>;

const pickOne = <T>(items: readonly T[], random: () => number): T | undefined =>
  items[Math.floor(random() * items.length)];

/**
 * What an inbound handheld scans next on its view (the work it downloaded with its own newer
 * events replayed): mostly work on a task it sees units left of (a QC decision of one unit, 4 in
 * 5 passing; or a put-away of one or two units in the suggested bin, else a bin of its warehouse
 * it knows), otherwise a receipt of one or two units on an open notice's line (1 in 10 damaged;
 * once every line is in, an over-receipt). Two handhelds may work the same task: the server
 * applies each up to what is left. Null when it sees no notice at all.
 */
export function nextInboundEvent(
  view: InboundWork,
  bins: readonly string[],
  base: Base,
  random: () => number,
): ScanEvent | null {
  const event = { ...base, assignmentVersion: 0 };
  const tasks = view.tasks.filter(
    (t) => t.kind === 'qc' || t.suggestedBinCode !== null || bins.length > 0,
  );
  const lines = view.notices.flatMap((n) => n.lines.map((line) => ({ notice: n, line })));
  const open = lines.filter((l) => l.line.receivedQty < l.line.expectedQty);
  const task = pickOne(tasks, random);
  if (task && (open.length === 0 || random() < 0.6)) {
    const left = task.qty - task.doneQty;
    if (task.kind === 'qc') {
      const passes = random() < 0.8;
      return {
        ...event,
        type: 'qc-decided@1',
        payload: { taskId: task.id, passedQty: passes ? 1 : 0, failedQty: passes ? 0 : 1 },
      };
    }
    return {
      ...event,
      type: 'put-away@1',
      payload: {
        taskId: task.id,
        binCode: task.suggestedBinCode ?? pickOne(bins, random)!,
        qty: Math.min(left, 1 + Math.floor(random() * 2)),
      },
    };
  }
  const target = pickOne(open.length > 0 ? open : lines, random);
  if (!target) return null;
  return {
    ...event,
    type: 'inbound-received@1',
    payload: {
      noticeId: target.notice.id,
      lineId: target.line.id,
      skuId: target.line.skuId,
      qty: 1 + Math.floor(random() * 2),
      damaged: random() < 0.1,
      ...(open.length === 0 && { reason: 'supplier-sent-more' as const }),
    },
  };
}
