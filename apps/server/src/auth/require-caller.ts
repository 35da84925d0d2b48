import type { Role } from '@wms/protocol';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/database';
import { forbidden, unauthenticated } from '../http/api-error';
import { API_KEY_PREFIX, sessionOfApiKey } from './api-keys';
import type { SessionEnv } from './require-session';
import { type Session, verifySession } from './session-token';

/**
 * Like `requireSession`, but also lets integration API keys in (`Authorization: Bearer wk_…`),
 * with the role `integration`. Used by the hub's routes; the sync routes stay device-only.
 */
export function requireCaller(deps: { db: Db; authSecret: string }, roles: readonly Role[]) {
  return createMiddleware<SessionEnv>(async (c, next) => {
    // `authorizeRoute` let the caller in already: only the roles are checked again here.
    const decided = c.get('session') as Session | undefined;
    if (decided) {
      if (!roles.includes(decided.role)) {
        throw forbidden(`This needs the role ${roles.join(' or ')}; you are ${decided.role}`);
      }
      return next();
    }
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw unauthenticated('Send a login token or an API key as Authorization: Bearer');
    const session = token.startsWith(API_KEY_PREFIX)
      ? await sessionOfApiKey(deps.db, token)
      : await verifySession(token, deps.authSecret);
    if (!session)
      throw unauthenticated(
        'This token or API key is not valid: log in again or ask for a new key',
      );
    if (!roles.includes(session.role)) {
      throw forbidden(`This needs the role ${roles.join(' or ')}; you are ${session.role}`);
    }
    c.set('session', session);
    await next();
  });
}
