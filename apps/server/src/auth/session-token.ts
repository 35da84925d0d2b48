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
}

const claimsSchema = z.object({
  sub: z.string(),
  role: roleSchema,
  wh: z.string(),
  dev: z.string(),
  ep: z.int(),
  exp: z.int(),
});

/** Signs a token bound to the user and the device incarnation, valid until `expiresAt`. */
export function signSession(session: Session, secret: string, expiresAt: Date): Promise<string> {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  const { userId: sub, role, warehouseId: wh, deviceId: dev, epoch: ep } = session;
  return sign({ sub, role, wh, dev, ep, exp }, secret, 'HS256');
}

/** The session a token carries, or null when it is forged, malformed or expired. */
export async function verifySession(token: string, secret: string): Promise<Session | null> {
  try {
    const claims = claimsSchema.parse(await verify(token, secret, 'HS256'));
    return {
      userId: claims.sub,
      role: claims.role,
      warehouseId: claims.wh,
      deviceId: claims.dev,
      epoch: claims.ep,
    };
  } catch {
    return null;
  }
}
