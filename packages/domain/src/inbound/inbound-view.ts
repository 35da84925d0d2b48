import type {
  InboundLine,
  InboundNotice,
  InboundTask,
  InboundWork,
  ScanEvent,
} from '@wms/protocol';

type Received = Extract<ScanEvent, { type: 'inbound-received@1' }>;
type Graded = Extract<ScanEvent, { type: 'return-graded@1' }>;

/**
 * The handheld's inbound view: the work the server sent, with the device's own inbound events not
 * yet reflected in it replayed on top, by the server's rules (sync contract rule 6): a receipt
 * counts on its line (the line named, else the notice's line of the SKU, else a new line expecting
 * nothing, as a blind receipt's scans make them) and opens its QC or put-away task under its own
 * id; a blind receipt's first event opens its notice; a return's graded units count on their line
 * (resellable ones open a put-away task); a QC decision closes units of its task and opens a
 * put-away task of the passed units under its id; a put-away closes units of its task. Done tasks
 * leave.
 */
export function inboundView(work: InboundWork, pending: readonly ScanEvent[]): InboundWork {
  const notices = new Map<string, InboundNotice>(
    work.notices.map((n) => [n.id, { ...n, lines: n.lines.map((l) => ({ ...l })) }]),
  );
  const tasks = new Map<string, InboundTask>(work.tasks.map((t) => [t.id, { ...t }]));
  for (const event of pending) {
    if (event.type === 'inbound-received@1') {
      const notice = notices.get(event.payload.noticeId) ?? openBlind(work, notices, event);
      const line = notice && lineOf(work, notice, event);
      if (!notice || !line) continue;
      const { payload } = event;
      line.receivedQty += payload.qty;
      if (payload.damaged) {
        line.damagedQty += payload.qty;
        continue;
      }
      tasks.set(event.id, {
        ...taskOf(event.id, notice, line, line.qcRequired ? 'qc' : 'put-away', payload.qty),
        lot: line.lotTracked ? (payload.lot ?? null) : null,
        expiry: line.lotTracked ? (payload.expiry ?? null) : null,
      });
    } else if (event.type === 'return-graded@1') {
      gradeOnLine(notices, tasks, event);
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
    skus: work.skus,
  };
}

/** The code a blind notice gets when the worker gave none (the server's rule). */
export const blindNoticeCode = (noticeId: string) => `BL-${noticeId.slice(0, 8).toUpperCase()}`;

/** A blind receipt's notice, opened by its first event as the server opens it (flagged for review). */
function openBlind(
  work: InboundWork,
  notices: Map<string, InboundNotice>,
  event: Received,
): InboundNotice | undefined {
  const { blind, noticeId } = event.payload;
  if (!blind) return undefined;
  const notice: InboundNotice = {
    id: noticeId,
    code: blind.code ?? blindNoticeCode(noticeId),
    warehouseId: work.notices[0]?.warehouseId ?? '',
    kind: 'blind',
    supplierId: work.suppliers.some((s) => s.id === blind.supplierId) ? blind.supplierId : null,
    orderId: null,
    expectedDate: event.deviceTime.slice(0, 10),
    status: 'open',
    needsReview: true,
    lines: [],
  };
  notices.set(noticeId, notice);
  return notice;
}

/** The line a receipt counts on; a SKU the notice does not list gets a line expecting nothing. */
function lineOf(work: InboundWork, notice: InboundNotice, event: Received) {
  const { payload } = event;
  const found =
    notice.lines.find((l) => l.id === payload.lineId && l.skuId === payload.skuId) ??
    notice.lines.find((l) => l.skuId === payload.skuId);
  if (found) return found;
  const sku = work.skus.find((s) => s.id === payload.skuId);
  if (!sku) return undefined;
  const supplierQc = work.suppliers.some((s) => s.id === notice.supplierId && s.qcRequired);
  const added: InboundLine = {
    id: event.id,
    lineNo: notice.lines.length + 1,
    skuId: sku.id,
    skuName: sku.name,
    skuNameZh: sku.nameZh,
    barcodes: sku.barcodes,
    expectedQty: 0,
    receivedQty: 0,
    damagedQty: 0,
    lotTracked: sku.lotTracked,
    qcRequired: sku.qcRequired || supplierQc,
    wrongItemQty: 0,
  };
  notice.lines.push(added);
  return added;
}

/** A return's graded units on their line: resellable ones wait for put-away under the event's id. */
function gradeOnLine(
  notices: Map<string, InboundNotice>,
  tasks: Map<string, InboundTask>,
  event: Graded,
) {
  const { noticeId, lineId, qty, grade } = event.payload;
  const notice = notices.get(noticeId);
  const line = notice?.lines.find((l) => l.id === lineId);
  if (!notice || notice.kind !== 'return' || !line) return;
  if (grade === 'wrong-item') {
    line.wrongItemQty += qty;
    return;
  }
  line.receivedQty += qty;
  if (grade === 'damaged') line.damagedQty += qty;
  else tasks.set(event.id, taskOf(event.id, notice, line, 'put-away', qty));
}

function taskOf(
  id: string,
  notice: InboundNotice,
  line: InboundLine,
  kind: InboundTask['kind'],
  qty: number,
): InboundTask {
  return {
    id,
    kind,
    noticeId: notice.id,
    noticeCode: notice.code,
    skuId: line.skuId,
    skuName: line.skuName,
    skuNameZh: line.skuNameZh,
    lot: null,
    expiry: null,
    qty,
    doneQty: 0,
    suggestedBinCode: null,
    suggestedCheckDigits: null,
  };
}
