import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/database';
import { forbidden, unauthenticated } from '../http/api-error';
import { answeringRoute } from '../http/answering-route';
import { API_KEY_PREFIX, sessionOfApiKey } from './api-keys';
import { assertHubAdmin } from './hub-admin';
import type { SessionEnv } from './require-session';
import { type CallerKind, ROUTE_ACCESS } from './route-access';
import { type Session, verifySession } from './session-token';
import { verifyStreamTicket } from './stream-ticket';

/** What kind of caller a session is, as `ROUTE_ACCESS` names them. */
export function callerKindOf(session: Session): CallerKind {
  if (session.role !== 'integration') return session.role;
  return session.channel ? 'channel-key' : 'warehouse-key';
}

/**
 * Lets a caller into a route only as `ROUTE_ACCESS` decides, and sets `c.var.session`. A route
 * with no decision is refused to everyone; a path that matches no route goes on to the 404.
 */
export function authorizeRoute(deps: { db: Db; authSecret: string }) {
  return createMiddleware<SessionEnv>(async (c, next) => {
    const answering = answeringRoute(c);
    if (!answering) return next();
    const route = `${answering.method} ${answering.path}`;
    const access = ROUTE_ACCESS[route];
    if (!access) throw forbidden(`${route} has no access decision (auth/route-access.ts)`);
    if (access === 'public') return next();
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    // A URL's credential lands in proxies' logs: only a short-lived stream ticket, never a token.
    const ticket = !token && access.ticketInQuery ? c.req.query('ticket') : undefined;
    if (!token && !ticket)
      throw unauthenticated('Send a login token or an API key as Authorization: Bearer');
    const session = ticket
      ? await verifyStreamTicket(ticket, deps.authSecret)
      : token!.startsWith(API_KEY_PREFIX)
        ? await sessionOfApiKey(deps.db, token!)
        : await verifySession(token!, deps.authSecret);
    if (!session)
      throw unauthenticated(
        'This token or API key is not valid: log in again or ask for a new key',
      );
    const kind = callerKindOf(session);
    if (!access.callers.includes(kind)) {
      throw forbidden(`This needs ${access.callers.join(' or ')}; you are ${kind}`, undefined, {
        needs: access.callers.join(','),
        caller: kind,
      });
    }
    if (access.hubWide)
      await assertHubAdmin(deps.db, session, {
        message: `${route} acts on the whole hub, not warehouse ${session.warehouseId}`,
      });
    c.set('session', session);
    await next();
  });
}
