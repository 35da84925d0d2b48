import type { Role } from '@wms/protocol';
import { createMiddleware } from 'hono/factory';
import { forbidden, unauthenticated } from '../http/api-error';
import { type Session, verifySession } from './session-token';
import { verifyStreamTicket } from './stream-ticket';

export type SessionEnv = { Variables: { session: Session } };

/**
 * Requires a valid `Authorization: Bearer` token and, when `roles` is given, one of those roles.
 * Only where a header cannot be sent (EventSource) does `ticketInQuery` accept `?ticket=`, a
 * short-lived stream ticket (`stream-ticket.ts`): a URL ends up in proxies' logs and history, so
 * a session token is never taken from one.
 */
export function requireSession(
  secret: string,
  roles?: readonly Role[],
  options: { ticketInQuery?: boolean } = {},
) {
  return createMiddleware<SessionEnv>(async (c, next) => {
    // `authorizeRoute` let the caller in already: only the roles are checked again here.
    const decided = c.get('session') as Session | undefined;
    if (decided && decided.role !== 'integration') {
      if (roles && !roles.includes(decided.role)) {
        throw forbidden(`This needs the role ${roles.join(' or ')}; you are ${decided.role}`);
      }
      return next();
    }
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const ticket = options.ticketInQuery && !token ? c.req.query('ticket') : undefined;
    if (!token && !ticket) throw unauthenticated('Log in first: no token was sent');
    const session = token
      ? await verifySession(token, secret)
      : await verifyStreamTicket(ticket!, secret);
    if (!session) throw unauthenticated('Your login has expired or is not valid: log in again');
    if (roles && !roles.includes(session.role)) {
      throw forbidden(`This needs the role ${roles.join(' or ')}; you are ${session.role}`);
    }
    c.set('session', session);
    await next();
  });
}
