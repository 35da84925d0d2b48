import { sign, verify } from 'hono/jwt';
import { z } from 'zod';
import type { Session } from './session-token';

/** Long enough for EventSource's own reconnects after a blip, short enough to be useless in a log. */
export const STREAM_TICKET_TTL_MS = 120_000;

const ticketClaimsSchema = z.object({
  pur: z.literal('event-stream'),
  sub: z.string(),
  role: z.string(),
  wh: z.string(),
  dev: z.string(),
  ep: z.int(),
  exp: z.int(),
});

/**
 * A ticket for `GET /api/sync/events?ticket=…` only: it carries the session's identity with a
 * purpose claim that every other route refuses (see `session-token.ts`), and expires in minutes.
 *
 * @example
 * const { ticket, expiresAt } = await signStreamTicket(session, secret, new Date());
 */
export async function signStreamTicket(session: Session, secret: string, now: Date) {
  const expiresAt = new Date(now.getTime() + STREAM_TICKET_TTL_MS);
  const { userId: sub, role, warehouseId: wh, deviceId: dev, epoch: ep } = session;
  const exp = Math.floor(expiresAt.getTime() / 1000);
  const ticket = await sign({ pur: 'event-stream', sub, role, wh, dev, ep, exp }, secret, 'HS256');
  return { ticket, expiresAt: expiresAt.toISOString() };
}

/** The session a stream ticket stands for, or null when forged, expired or not a ticket. */
export async function verifyStreamTicket(ticket: string, secret: string): Promise<Session | null> {
  try {
    const claims = ticketClaimsSchema.parse(await verify(ticket, secret, 'HS256'));
    return {
      userId: claims.sub,
      role: claims.role as Session['role'],
      warehouseId: claims.wh,
      deviceId: claims.dev,
      epoch: claims.ep,
    };
  } catch {
    return null;
  }
}
