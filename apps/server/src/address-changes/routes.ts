import { documented } from '../api-docs/documented';
import { addressConfirmationDecisionSchema } from '@wms/protocol';
import { type Context, Hono } from 'hono';
import { queryRows } from '../db/database';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../http/app-deps';
import { notFound } from '../http/api-error';
import { parseWith } from '../http/parse-input';
import { RateLimiter, callerAddress, rateLimited } from '../http/rate-limit';
import {
  confirmationPage,
  maskedAddress,
  messagePage,
  newAddressLine,
  pageLang,
} from './confirmation-page';
import { decideAddressChange, openRequest } from './decide-address-change';

/**
 * The customer's address-confirmation page (M4.7, issue 21): public, opened by a signed link,
 * limited per caller address and per link, showing nothing beyond the order's own masked address
 * and the new one. Plain server-rendered HTML and a form POST: no script, fits 360×640.
 */
export function addressConfirmationRoutes(deps: AppDeps) {
  const limits = deps.addressPageRateLimit ?? { perAddress: 60, perLink: 20 };
  const perAddress = new RateLimiter({
    name: 'address-confirmation',
    limit: limits.perAddress,
    windowMs: 60_000,
  });
  const perLink = new RateLimiter({
    name: 'address-confirmation-link',
    limit: limits.perLink,
    windowMs: 60_000,
  });
  const byAddress = (c: Context) => callerAddress(c, deps.trustProxy ?? false);
  const byLink = (c: Context) => c.req.param('token') ?? '';
  const langOf = (c: Context, sent?: string) =>
    pageLang(sent ?? c.req.query('lang'), c.req.header('accept-language'));
  /**
   * A link that is forged, replaced, used or expired: a page for a browser (which asks for
   * HTML), the API's JSON 404 for every other caller.
   */
  const gone = (c: Context, lang: ReturnType<typeof pageLang>) => {
    if (!c.req.header('accept')?.includes('text/html'))
      throw notFound('This confirmation link is not valid any more (replaced, used or expired)');
    return c.html(messagePage(lang, 'gone'), 404);
  };
  return new Hono()
    .use('/:token', rateLimited(perAddress, byAddress), rateLimited(perLink, byLink))
    .get(
      '/:token',
      documented({
        refusals: [429],
        summary:
          "The customer's address-confirmation page (HTML, zh-CN or en by ?lang= or Accept-Language): the order's masked current address, the new one, confirm or reject. Public, opened by the signed link, rate-limited per address and per link (429 rate_limited); an expired, replaced or answered link is 404",
        html: true,
      }),
      async (c) => {
        const lang = langOf(c);
        c.header('cache-control', 'no-store');
        c.header('referrer-policy', 'no-referrer');
        const request = await openRequest(
          deps.db,
          c.req.param('token'),
          deps.authSecret,
          deps.now(),
        );
        if (!request) return gone(c, lang);
        const [order] = await queryRows<{
          province: string;
          city: string;
          district: string | null;
          addressDetail: string | null;
        }>(
          deps.db,
          sql`select province, city, district, address_detail as "addressDetail"
            from orders where id = ${request.orderId}`,
        );
        if (!order) return gone(c, lang);
        return c.html(
          confirmationPage(lang, {
            orderId: request.orderId,
            oldAddress: maskedAddress(order),
            newAddress: newAddressLine(request.newAddress),
          }),
        );
      },
    )
    .post(
      '/:token',
      documented({
        refusals: [429],
        summary:
          "The customer's answer (form POST from the page): confirm changes the address (cleaned, re-routed, re-checked by the hold rules; webhook order.address-changed), reject keeps the old address; both release the change's hold",
        form: addressConfirmationDecisionSchema,
        html: true,
      }),
      async (c) => {
        const form = await c.req.parseBody();
        const { decision, lang: sent } = parseWith(addressConfirmationDecisionSchema, {
          decision: form.decision,
          ...(typeof form.lang === 'string' && { lang: form.lang }),
        });
        const lang = langOf(c, sent);
        c.header('cache-control', 'no-store');
        const done = await decideAddressChange(
          deps.db,
          c.req.param('token'),
          decision,
          deps.authSecret,
          deps.now(),
        );
        if (!done) return gone(c, lang);
        return c.html(messagePage(lang, done.outcome));
      },
    );
}
