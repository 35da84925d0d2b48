import { issuedWaybillSchema, cancelledWaybillSchema } from '../api-docs/response-schemas';
import { documented } from '../api-docs/documented';
import { parcelWaybillRequestSchema } from '@wms/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireCaller } from '../auth/require-caller';
import type { SessionEnv } from '../auth/require-session';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import { parseBody, pathParam } from '../http/parse-input';
import { cancelParcelWaybill, parcelWaybillContent, requestParcelWaybill } from './parcel-waybills';
import { waybillToPdf, waybillToZpl } from './waybill-documents';

const parcelNoSchema = z.coerce.number().int().min(1).max(99);
const PACKERS = ['picker', 'supervisor', 'admin', 'integration'] as const;

/**
 * E-waybills of parcels (issue 22), under `/api/orders/:orderId/parcels/:parcelNo/`:
 * `POST waybill` gets one from the provider, `DELETE waybill` cancels an unused one,
 * `GET waybill.pdf` / `waybill.zpl` print it (a typed tracking number prints too).
 */
export function waybillRoutes(deps: AppDeps) {
  const provider = () => {
    if (!deps.waybills) {
      throw new ApiError(
        409,
        'not_available',
        'No e-waybill service is configured: type the tracking number',
      );
    }
    return deps.waybills;
  };
  const ids = (c: Parameters<typeof pathParam>[0]) =>
    [pathParam(c, 'orderId'), pathParam(c, 'parcelNo', parcelNoSchema)] as const;
  return new Hono<SessionEnv>()
    .post(
      '/:orderId/parcels/:parcelNo/waybill',
      documented({
        response: issuedWaybillSchema,
        refusals: [409],
        summary:
          'Get an e-waybill (电子面单) number for a packed parcel from the configured provider (KDNiao); the order ships when its last parcel has a number. 409 waybill_refused when the provider refuses, not_available when none is configured',
        body: parcelWaybillRequestSchema,
      }),
      requireCaller(deps, PACKERS),
      async (c) => {
        const [orderId, parcelNo] = ids(c);
        const { carrier } = await parseBody(c, parcelWaybillRequestSchema);
        const issued = await requestParcelWaybill(
          deps.db,
          c.var.session,
          provider(),
          orderId,
          parcelNo,
          carrier,
          deps.now(),
          deps.authSecret,
        );
        return c.json(issued);
      },
    )
    .delete(
      '/:orderId/parcels/:parcelNo/waybill',
      documented({
        response: cancelledWaybillSchema,
        refusals: [409],
        summary:
          'Cancel an unused e-waybill (the order has not shipped); the parcel has no number again',
      }),
      requireCaller(deps, PACKERS),
      async (c) => {
        const [orderId, parcelNo] = ids(c);
        return c.json(
          await cancelParcelWaybill(
            deps.db,
            c.var.session,
            provider().provider,
            orderId,
            parcelNo,
            deps.now(),
          ),
        );
      },
    )
    .get(
      '/:orderId/parcels/:parcelNo/waybill.pdf',
      documented({
        summary:
          'The parcel’s waybill as PDF (100 × 150 mm, Chinese in Noto Sans SC, 本人签收 mark)',
      }),
      requireCaller(deps, PACKERS),
      async (c) => {
        const [orderId, parcelNo] = ids(c);
        const content = await parcelWaybillContent(deps.db, c.var.session, orderId, parcelNo);
        const pdf = await waybillToPdf(content);
        c.header('content-type', 'application/pdf');
        c.header('content-disposition', `inline; filename="waybill-${content.waybillNo}.pdf"`);
        return c.body(pdf.slice().buffer);
      },
    )
    .get(
      '/:orderId/parcels/:parcelNo/waybill.zpl',
      documented({ summary: 'The parcel’s waybill as ZPL II (203 dpi, resident CJK font)' }),
      requireCaller(deps, PACKERS),
      async (c) => {
        const [orderId, parcelNo] = ids(c);
        const content = await parcelWaybillContent(deps.db, c.var.session, orderId, parcelNo);
        c.header('content-type', 'application/vnd.zebra-zpl; charset=utf-8');
        c.header('content-disposition', `attachment; filename="waybill-${content.waybillNo}.zpl"`);
        return c.body(waybillToZpl(content));
      },
    );
}
