import * as p from '@wms/protocol';
import type { Operation } from './operations';

const STAFF = ['supervisor', 'admin', 'integration'] as const;

/** Issue 23: expected deliveries and the handheld's inbound work list. */
export const INBOUND_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/api/inbound/work',
    summary:
      'The handheld’s inbound work: open notices with lines, open QC and put-away tasks (suggested bin), suppliers',
    roles: ['picker', 'supervisor', 'admin'],
    response: p.inboundWorkSchema,
  },
  {
    method: 'get',
    path: '/api/inbound/notices',
    summary: 'Expected deliveries of your warehouse (?status=open|closed|all)',
    roles: STAFF,
  },
  {
    method: 'post',
    path: '/api/inbound/notices',
    summary:
      'Expect a delivery (ASN / purchase order): its open lines count in the pool’s inbound until received',
    roles: STAFF,
    body: p.newInboundNoticeSchema,
    response: p.inboundNoticeSchema,
  },
  {
    method: 'post',
    path: '/api/inbound/notices.csv',
    summary:
      'Import expected deliveries (CSV in UTF-8 or GBK, or .xlsx): notice, supplier_id, expected_date, sku_id, qty; all or nothing',
    roles: STAFF,
    csv: true,
  },
  {
    method: 'get',
    path: '/api/inbound/notices/{noticeId}',
    summary: 'One expected delivery with what was received per line',
    roles: STAFF,
    response: p.inboundNoticeSchema,
  },
  {
    method: 'post',
    path: '/api/inbound/notices/{noticeId}/close',
    summary: 'Nothing more is coming: what was not received leaves the pool’s inbound',
    roles: ['supervisor', 'admin'],
    body: p.closeNoticeSchema,
    response: p.inboundNoticeSchema,
  },
  {
    method: 'post',
    path: '/api/inbound/notices/{noticeId}/expected-date',
    summary:
      'The supplier moved the delivery: pre-sale orders waiting for it are re-dated, a later date alerts',
    roles: STAFF,
    body: p.rescheduleNoticeSchema,
  },
  {
    method: 'get',
    path: '/api/inbound/suppliers',
    summary: 'Suppliers (a QC flag sends all they deliver to quality check)',
    roles: STAFF,
  },
  {
    method: 'post',
    path: '/api/inbound/suppliers',
    summary: 'Add a supplier',
    roles: ['admin'],
    body: p.supplierInputSchema,
  },
];
