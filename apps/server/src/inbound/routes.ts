import {
  closeNoticeSchema,
  inboundAssignSchema,
  newInboundNoticeSchema,
  rescheduleNoticeSchema,
  supplierInputSchema,
  uuidSchema,
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
    .get('/work', requireCaller(deps, ['picker', 'supervisor', 'admin']), async (c) =>
      c.json(await inboundWork(deps.db, c.var.session)),
    )
    .get('/notices', staff, async (c) => {
      const { status } = parseWith(statusQuery, { status: c.req.query('status') });
      return c.json({ notices: await listNotices(deps.db, c.var.session.warehouseId, status) });
    })
    .post('/notices', staff, async (c) =>
      c.json(
        await createNotice(deps.db, c.var.session, await parseBody(c, newInboundNoticeSchema)),
        201,
      ),
    )
    .post('/notices.csv', staff, async (c) =>
      c.json(await importNotices(deps.db, c.var.session, await tableOfRequest(c)), 201),
    )
    .get('/notices/:noticeId', staff, async (c) =>
      c.json(
        await showNotice(deps.db, c.var.session.warehouseId, pathParam(c, 'noticeId', uuidSchema)),
      ),
    )
    .post('/notices/:noticeId/close', leads, async (c) => {
      const noticeId = pathParam(c, 'noticeId', uuidSchema);
      const { reason } = await parseBody(c, closeNoticeSchema);
      const warehouseId = c.var.session.warehouseId;
      await showNotice(deps.db, warehouseId, noticeId);
      await deps.db.transaction((tx) =>
        closeNotice(tx, warehouseId, noticeId, reason ?? null, deps.now()),
      );
      return c.json(await showNotice(deps.db, warehouseId, noticeId));
    })
    .post('/notices/:noticeId/assign', leads, async (c) => {
      const noticeId = pathParam(c, 'noticeId', uuidSchema);
      const { userId } = await parseBody(c, inboundAssignSchema);
      return c.json(await assignNotice(deps.db, c.var.session, noticeId, userId));
    })
    .post('/tasks/:taskId/assign', leads, async (c) => {
      const taskId = pathParam(c, 'taskId', uuidSchema);
      const { userId } = await parseBody(c, inboundAssignSchema);
      return c.json(await assignInboundTask(deps.db, c.var.session, taskId, userId));
    })
    .post('/notices/:noticeId/expected-date', staff, async (c) => {
      const noticeId = pathParam(c, 'noticeId', uuidSchema);
      const change = await parseBody(c, rescheduleNoticeSchema);
      return c.json(
        await rescheduleNotice(deps.db, c.var.session.warehouseId, noticeId, change, deps.now()),
      );
    })
    .get('/suppliers', staff, async (c) => c.json({ suppliers: await listSuppliers(deps.db) }))
    .post('/suppliers', requireCaller(deps, ['admin']), async (c) =>
      c.json(await createSupplier(deps.db, await parseBody(c, supplierInputSchema)), 201),
    );
}
