import type { InboundNotice, InboundTask, InboundWork, ScanEvent } from '@wms/protocol';

/**
 * The handheld's inbound view: the work the server sent, with the device's own inbound events not
 * yet reflected in it replayed on top, by the server's rules (sync contract rule 6): a receipt
 * counts on its line (the line named, else the notice's line of the SKU) and opens its QC or
 * put-away task under its own id; a QC decision closes units of its task and opens a put-away
 * task of the passed units under its id; a put-away closes units of its task. Done tasks leave.
 */
export function inboundView(work: InboundWork, pending: readonly ScanEvent[]): InboundWork {
  const notices = new Map<string, InboundNotice>(
    work.notices.map((n) => [n.id, { ...n, lines: n.lines.map((l) => ({ ...l })) }]),
  );
  const tasks = new Map<string, InboundTask>(work.tasks.map((t) => [t.id, { ...t }]));
  for (const event of pending) {
    if (event.type === 'inbound-received@1') {
      const { payload } = event;
      const notice = notices.get(payload.noticeId);
      const line =
        notice?.lines.find((l) => l.id === payload.lineId && l.skuId === payload.skuId) ??
        notice?.lines.find((l) => l.skuId === payload.skuId);
      if (!notice || !line) continue;
      line.receivedQty += payload.qty;
      if (payload.damaged) {
        line.damagedQty += payload.qty;
        continue;
      }
      tasks.set(event.id, {
        id: event.id,
        kind: line.qcRequired ? 'qc' : 'put-away',
        noticeId: notice.id,
        noticeCode: notice.code,
        skuId: line.skuId,
        skuName: line.skuName,
        skuNameZh: line.skuNameZh,
        lot: line.lotTracked ? (payload.lot ?? null) : null,
        expiry: line.lotTracked ? (payload.expiry ?? null) : null,
        qty: payload.qty,
        doneQty: 0,
        suggestedBinCode: null,
        suggestedCheckDigits: null,
      });
    } else if (event.type === 'qc-decided@1') {
      const task = tasks.get(event.payload.taskId);
      if (!task || task.kind !== 'qc') continue;
      const passed = Math.min(event.payload.passedQty, task.qty - task.doneQty);
      const failed = Math.min(event.payload.failedQty, task.qty - task.doneQty - passed);
      task.doneQty += passed + failed;
      if (passed > 0)
        tasks.set(event.id, { ...task, id: event.id, kind: 'put-away', qty: passed, doneQty: 0 });
    } else if (event.type === 'put-away@1') {
      const task = tasks.get(event.payload.taskId);
      if (!task || task.kind !== 'put-away') continue;
      task.doneQty += Math.min(event.payload.qty, task.qty - task.doneQty);
    }
  }
  return {
    notices: [...notices.values()],
    tasks: [...tasks.values()].filter((t) => t.doneQty < t.qty),
    suppliers: work.suppliers,
  };
}
