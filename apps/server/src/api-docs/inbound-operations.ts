import * as p from '@wms/protocol';
import { z } from 'zod';
import type { Operation } from './operations';

/** Issue 23: expected deliveries and the handheld's inbound work list. */
export const INBOUND_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/api/inbound/work',
    summary:
      'The handheld’s inbound work: open notices with lines (returns graded with return-graded@1), open QC and put-away tasks (suggested bin by capacity), suppliers, and the SKU catalogue for blind receipts',
    response: p.inboundWorkSchema,
  },
  {
    method: 'get',
    path: '/api/inbound/notices',
    response: z.object({ notices: z.array(p.inboundNoticeSchema) }),
    summary: 'Expected deliveries of your warehouse (?status=open|closed|all)',
  },
  {
    method: 'post',
    path: '/api/inbound/notices',
    status: 201,
    refusals: [409],
    summary:
      'Expect a delivery (ASN / purchase order): its open lines count in the pool’s inbound until received',
    body: p.newInboundNoticeSchema,
    response: p.inboundNoticeSchema,
  },
  {
    method: 'post',
    path: '/api/inbound/notices.csv',
    status: 201,
    refusals: [409],
    summary:
      'Import expected deliveries (CSV in UTF-8 or GBK, or .xlsx): notice, supplier_id, expected_date, sku_id, qty; all or nothing',
    csv: true,
  },
  {
    method: 'get',
    path: '/api/inbound/notices/{noticeId}',
    summary: 'One expected delivery with what was received per line',
    response: p.inboundNoticeSchema,
  },
  {
    method: 'post',
    path: '/api/inbound/notices/{noticeId}/close',
    refusals: [409],
    summary: 'Nothing more is coming: what was not received leaves the pool’s inbound',
    body: p.closeNoticeSchema,
    response: p.inboundNoticeSchema,
  },
  {
    method: 'post',
    path: '/api/inbound/notices/{noticeId}/assign',
    refusals: [409],
    summary:
      'Give a notice’s receiving to a picker of your warehouse (null: any worker); the picker’s handheld hears of it through the change feed',
    body: p.inboundAssignSchema,
    response: p.inboundAssignedSchema,
  },
  {
    method: 'post',
    path: '/api/inbound/tasks/{taskId}/assign',
    refusals: [409],
    summary:
      'Give a QC or put-away task to a picker of your warehouse (null: any worker); what the previous worker recorded still counts, once',
    body: p.inboundAssignSchema,
    response: p.inboundAssignedSchema,
  },
  {
    method: 'post',
    path: '/api/inbound/notices/{noticeId}/expected-date',
    refusals: [409],
    summary:
      'The supplier moved the delivery: pre-sale orders waiting for it are re-dated, a later date alerts',
    body: p.rescheduleNoticeSchema,
  },
  {
    method: 'get',
    path: '/api/inbound/suppliers',
    summary: 'Suppliers (a QC flag sends all they deliver to quality check)',
  },
  {
    method: 'post',
    path: '/api/inbound/suppliers',
    status: 201,
    refusals: [409],
    summary: 'Add a supplier',
    body: p.supplierInputSchema,
  },
];
