import { type Role, roleSchema } from '@wms/protocol';
import { sign, verify } from 'hono/jwt';
import { z } from 'zod';

/** Who is calling: a user on one device incarnation. */
export interface Session {
  userId: string;
  role: Role;
  warehouseId: string;
  deviceId: string;
  epoch: number;
  /** A channel key's channel: it is kept to that channel's orders (`caller-scope.ts`), not a warehouse. */
  channel?: string;
}

const claimsSchema = z.object({
  sub: z.string(),
  role: roleSchema,
  wh: z.string(),
  dev: z.string(),
  ep: z.int(),
  exp: z.int(),
  // A stream ticket (`stream-ticket.ts`) is signed with the same secret: it opens nothing else.
  pur: z.undefined().optional(),
});

/** Signs a token bound to the user and the device incarnation, valid until `expiresAt`. */
export function signSession(session: Session, secret: string, expiresAt: Date): Promise<string> {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  const { userId: sub, role, warehouseId: wh, deviceId: dev, epoch: ep } = session;
  return sign({ sub, role, wh, dev, ep, exp }, secret, 'HS256');
}

/**
 * Tokens already verified, per secret, with their expiry: a handheld sends the same token on
 * every push, pull and event stream (and two middlewares look at it), and an HMAC check through
 * WebCrypto per look was a large share of the server's CPU under 200 devices. Only valid tokens
 * are kept, the expiry is checked on every use, and the map is bounded.
 */
const verified = new Map<string, Map<string, { session: Session; expiresAtMs: number }>>();
const MAX_VERIFIED = 20_000;

/** The session a token carries, or null when it is forged, malformed or expired. */
export async function verifySession(token: string, secret: string): Promise<Session | null> {
  const known = verified.get(secret)?.get(token);
  if (known) {
    if (known.expiresAtMs > Date.now()) return { ...known.session };
    verified.get(secret)?.delete(token);
    return null;
  }
  try {
    const claims = claimsSchema.parse(await verify(token, secret, 'HS256'));
    const session: Session = {
      userId: claims.sub,
      role: claims.role,
      warehouseId: claims.wh,
      deviceId: claims.dev,
      epoch: claims.ep,
    };
    remember(secret, token, session, claims.exp * 1000);
    return { ...session };
  } catch {
    return null;
  }
}

function remember(secret: string, token: string, session: Session, expiresAtMs: number) {
  let bySecret = verified.get(secret);
  if (!bySecret) {
    bySecret = new Map();
    verified.set(secret, bySecret);
  }
  if (bySecret.size >= MAX_VERIFIED) {
    // The oldest entry (Maps keep insertion order): it will simply be verified again if used.
    const oldest = bySecret.keys().next();
    if (!oldest.done) bySecret.delete(oldest.value);
  }
  bySecret.set(token, { session, expiresAtMs });
}
