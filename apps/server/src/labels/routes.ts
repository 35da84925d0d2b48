import { Hono } from 'hono';
import { z } from 'zod';
import { documented, type RouteSpec } from '../api-docs/documented';
import { requireSession, type SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import type { LabelKind } from './label-content';
import { loadLabels } from './load-labels';
import { labelsToPdf } from './pdf-labels';
import { labelsToZpl } from './zpl-labels';

const KINDS: readonly LabelKind[] = ['bins', 'badges', 'totes'];

/** Which labels: `codes` (comma-separated, up to 500) or, for bins, a whole zone or aisle. */
const CODES_QUERY = z.object({
  codes: z.string().describe('comma-separated codes, up to 500 (P-0001,P-0002)'),
});
const BIN_LABEL_QUERY = z.object({
  codes: z.string().optional().describe('comma-separated bin codes, up to 500 (A-03-12,A-03-13)'),
  zone: z.string().optional().describe('every active bin of a zone, in pick-path order (A)'),
  aisle: z.string().optional().describe('every active bin of an aisle, in pick-path order (A-03)'),
});

/** The API document's spec of one kind's labels in one format. */
const labelDocs = (kind: LabelKind, format: 'pdf' | 'zpl'): RouteSpec => ({
  refusals: [404],
  query: kind === 'bins' ? BIN_LABEL_QUERY : CODES_QUERY,
  summary: `${kind.replace(/s$/, '')} labels as ${format === 'pdf' ? 'PDF (100 × 50 mm pages)' : 'ZPL for Zebra printers (4 × 2 in, 203 dpi)'}: ?codes=a,b,c (up to 500)`,
});

/**
 * `/api/labels/{bins,badges,totes}.{pdf,zpl}?codes=…` for supervisors and admins: PDF for office
 * printers, ZPL for Zebra label printers (send the file to the printer's port 9100 or its web
 * page). The token goes in the header only (the admin screen fetches the file, then opens it).
 */
export function labelRoutes(deps: AppDeps) {
  const app = new Hono<SessionEnv>().use(requireSession(deps.authSecret, ['supervisor', 'admin']));
  for (const kind of KINDS) {
    app.get(`/${kind}.pdf`, documented(labelDocs(kind, 'pdf')), async (c) => {
      const labels = await loadLabels(deps.db, c.get('session').warehouseId, kind, c.req.query());
      const pdf = await labelsToPdf(labels, `${kind} labels`);
      c.header('content-type', 'application/pdf');
      c.header('content-disposition', `inline; filename="${kind}-labels.pdf"`);
      return c.body(pdf.slice().buffer);
    });
    app.get(`/${kind}.zpl`, documented(labelDocs(kind, 'zpl')), async (c) => {
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
