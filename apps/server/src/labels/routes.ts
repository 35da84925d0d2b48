import { Hono } from 'hono';
import { requireSession, type SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import type { LabelKind } from './label-content';
import { loadLabels } from './load-labels';
import { labelsToPdf } from './pdf-labels';
import { labelsToZpl } from './zpl-labels';

const KINDS: readonly LabelKind[] = ['bins', 'badges', 'totes'];

/**
 * `/api/labels/{bins,badges,totes}.{pdf,zpl}?codes=…` for supervisors and admins: PDF for office
 * printers, ZPL for Zebra label printers (send the file to the printer's port 9100 or its web
 * page). The token goes in the header only (the admin screen fetches the file, then opens it).
 */
export function labelRoutes(deps: AppDeps) {
  const app = new Hono<SessionEnv>().use(requireSession(deps.authSecret, ['supervisor', 'admin']));
  for (const kind of KINDS) {
    app.get(`/${kind}.pdf`, async (c) => {
      const labels = await loadLabels(deps.db, c.get('session').warehouseId, kind, c.req.query());
      const pdf = await labelsToPdf(labels, `${kind} labels`);
      c.header('content-type', 'application/pdf');
      c.header('content-disposition', `inline; filename="${kind}-labels.pdf"`);
      return c.body(pdf.slice().buffer);
    });
    app.get(`/${kind}.zpl`, async (c) => {
      const labels = await loadLabels(deps.db, c.get('session').warehouseId, kind, c.req.query());
      c.header('content-type', 'application/vnd.zebra-zpl; charset=utf-8');
      c.header('content-disposition', `attachment; filename="${kind}-labels.zpl"`);
      return c.body(labelsToZpl(labels));
    });
  }
  return app;
}

/** Where the label of one bin is: the reprint-label task links to it. */
export const binLabelPath = (binCode: string) =>
  `/api/labels/bins.pdf?codes=${encodeURIComponent(binCode)}`;
