import {
  importedNoticesSchema,
  rescheduledNoticeSchema,
  supplierListSchema,
  createdSupplierSchema,
} from '../api-docs/response-schemas';
import { documented } from '../api-docs/documented';
import {
  closeNoticeSchema,
  inboundAssignSchema,
  newInboundNoticeSchema,
  rescheduleNoticeSchema,
  supplierInputSchema,
  uuidSchema,
  inboundWorkSchema,
  inboundNoticeSchema,
  inboundAssignedSchema,
} from '@wms/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireCaller } from '../auth/require-caller';
import type { SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import { parseBody, parseWith, pathParam } from '../http/parse-input';
import { tableOfRequest } from '../spreadsheets/table-request';
import { closeNotice } from './apply-closed';
import { assignInboundTask, assignNotice } from './assign-inbound';
import { importNotices } from './import-notices';
import { inboundWork } from './inbound-work';
import { createNotice, listNotices, rescheduleNotice, showNotice } from './notices';
import { createSupplier, listSuppliers } from './suppliers';

const statusQuery = z.object({ status: z.enum(['open', 'closed', 'all']).default('open') });

/** Expected deliveries, the handheld's inbound work list, suppliers (issue 23). */
export function inboundRoutes(deps: AppDeps) {
  const staff = requireCaller(deps, ['supervisor', 'admin', 'integration']);
  const leads = requireCaller(deps, ['supervisor', 'admin']);
  return new Hono<SessionEnv>()
    .get(
      '/work',
      documented({
        summary:
          'The handheld’s inbound work: open notices with lines (returns graded with return-graded@1), open QC and put-away tasks (suggested bin by capacity), suppliers, and the SKU catalogue for blind receipts',
        response: inboundWorkSchema,
      }),
      requireCaller(deps, ['picker', 'supervisor', 'admin']),
      async (c) => c.json(await inboundWork(deps.db, c.var.session)),
    )
    .get(
      '/notices',
      documented({
        response: z.object({ notices: z.array(inboundNoticeSchema) }),
        summary: 'Expected deliveries of your warehouse (?status=open|closed|all)',
      }),
      staff,
      async (c) => {
        const { status } = parseWith(statusQuery, { status: c.req.query('status') });
        return c.json({ notices: await listNotices(deps.db, c.var.session.warehouseId, status) });
      },
    )
    .post(
      '/notices',
      documented({
        status: 201,
        refusals: [409],
        summary:
          'Expect a delivery (ASN / purchase order): its open lines count in the pool’s inbound until received',
        body: newInboundNoticeSchema,
        response: inboundNoticeSchema,
      }),
      staff,
      async (c) =>
        c.json(
          await createNotice(deps.db, c.var.session, await parseBody(c, newInboundNoticeSchema)),
          201,
        ),
    )
    .post(
      '/notices.csv',
      documented({
        response: importedNoticesSchema,
        status: 201,
        refusals: [409],
        summary:
          'Import expected deliveries (CSV in UTF-8 or GBK, or .xlsx): notice, supplier_id, expected_date, sku_id, qty; all or nothing',
        csv: true,
      }),
      staff,
      async (c) =>
        c.json(await importNotices(deps.db, c.var.session, await tableOfRequest(c)), 201),
    )
    .get(
      '/notices/:noticeId',
      documented({
        summary: 'One expected delivery with what was received per line',
        response: inboundNoticeSchema,
      }),
      staff,
      async (c) =>
        c.json(
          await showNotice(
            deps.db,
            c.var.session.warehouseId,
            pathParam(c, 'noticeId', uuidSchema),
          ),
        ),
    )
    .post(
      '/notices/:noticeId/close',
      documented({
        refusals: [409],
        summary: 'Nothing more is coming: what was not received leaves the pool’s inbound',
        body: closeNoticeSchema,
        response: inboundNoticeSchema,
      }),
      leads,
      async (c) => {
        const noticeId = pathParam(c, 'noticeId', uuidSchema);
        const { reason } = await parseBody(c, closeNoticeSchema);
        const warehouseId = c.var.session.warehouseId;
        await showNotice(deps.db, warehouseId, noticeId);
        await deps.db.transaction((tx) =>
          closeNotice(tx, warehouseId, noticeId, reason ?? null, deps.now()),
        );
        return c.json(await showNotice(deps.db, warehouseId, noticeId));
      },
    )
    .post(
      '/notices/:noticeId/assign',
      documented({
        refusals: [409],
        summary:
          'Give a notice’s receiving to a picker of your warehouse (null: any worker); the picker’s handheld hears of it through the change feed',
        body: inboundAssignSchema,
        response: inboundAssignedSchema,
      }),
      leads,
      async (c) => {
        const noticeId = pathParam(c, 'noticeId', uuidSchema);
        const { userId } = await parseBody(c, inboundAssignSchema);
        return c.json(await assignNotice(deps.db, c.var.session, noticeId, userId));
      },
    )
    .post(
      '/tasks/:taskId/assign',
      documented({
        refusals: [409],
        summary:
          'Give a QC or put-away task to a picker of your warehouse (null: any worker); what the previous worker recorded still counts, once',
        body: inboundAssignSchema,
        response: inboundAssignedSchema,
      }),
      leads,
      async (c) => {
        const taskId = pathParam(c, 'taskId', uuidSchema);
        const { userId } = await parseBody(c, inboundAssignSchema);
        return c.json(await assignInboundTask(deps.db, c.var.session, taskId, userId));
      },
    )
    .post(
      '/notices/:noticeId/expected-date',
      documented({
        response: rescheduledNoticeSchema,
        refusals: [409],
        summary:
          'The supplier moved the delivery: pre-sale orders waiting for it are re-dated, a later date alerts',
        body: rescheduleNoticeSchema,
      }),
      staff,
      async (c) => {
        const noticeId = pathParam(c, 'noticeId', uuidSchema);
        const change = await parseBody(c, rescheduleNoticeSchema);
        return c.json(
          await rescheduleNotice(deps.db, c.var.session.warehouseId, noticeId, change, deps.now()),
        );
      },
    )
    .get(
      '/suppliers',
      documented({
        response: supplierListSchema,
        summary: 'Suppliers (a QC flag sends all they deliver to quality check)',
      }),
      staff,
      async (c) => c.json({ suppliers: await listSuppliers(deps.db) }),
    )
    .post(
      '/suppliers',
      documented({
        response: createdSupplierSchema,
        status: 201,
        refusals: [409],
        summary: 'Add a supplier',
        body: supplierInputSchema,
      }),
      requireCaller(deps, ['admin']),
      async (c) =>
        c.json(await createSupplier(deps.db, await parseBody(c, supplierInputSchema)), 201),
    );
}
