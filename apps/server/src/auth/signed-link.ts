import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * What a signed link may be for. Each purpose is its own key (the HMAC covers it), so a link made
 * for one page never opens another.
 */
export type LinkPurpose = 'address-confirmation' | 'order-status';

const claimsSchema = z.object({
  /** Purpose. */
  p: z.string(),
  /** Subject: what the link opens (an order id, a change request id). */
  s: z.string().min(1),
  /** Expiry, seconds since the epoch. */
  e: z.int(),
  /** Nonce: a new link for the same subject is a new token (a replaced request's link stops). */
  n: z.string().optional(),
});

export interface SignedLinkClaims {
  subject: string;
  expiresAt: Date;
  nonce?: string;
}

const MAC_CHARS = 27; // 160 bits of the HMAC, base64url

/**
 * A token for a public, unauthenticated page (a customer confirming an address, a buyer reading
 * an order's status): the subject and expiry in the clear, bound to the purpose by an HMAC with
 * the server's secret. Not guessable, not reusable for another purpose, useless after expiry.
 *
 * @example
 * const token = signLink('order-status', { subject: 'SO-1', expiresAt }, secret);
 * verifyLink(token, 'order-status', secret, new Date()); // { subject: 'SO-1', … }
 */
export function signLink(purpose: LinkPurpose, claims: SignedLinkClaims, secret: string): string {
  const body = Buffer.from(
    JSON.stringify({
      p: purpose,
      s: claims.subject,
      e: Math.floor(claims.expiresAt.getTime() / 1000),
      ...(claims.nonce && { n: claims.nonce }),
    }),
  ).toString('base64url');
  return `${body}.${mac(body, secret)}`;
}

/** The link's claims, or null when forged, for another purpose, malformed or expired. */
export function verifyLink(
  token: string,
  purpose: LinkPurpose,
  secret: string,
  now: Date,
): SignedLinkClaims | null {
  const [body, sent, extra] = token.split('.');
  if (!body || !sent || extra !== undefined) return null;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(sent);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: z.infer<typeof claimsSchema>;
  try {
    claims = claimsSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    return null;
  }
  if (claims.p !== purpose || claims.e * 1000 <= now.getTime()) return null;
  return {
    subject: claims.s,
    expiresAt: new Date(claims.e * 1000),
    ...(claims.n && { nonce: claims.n }),
  };
}

function mac(body: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(`signed-link\n${body}`)
    .digest('base64url')
    .slice(0, MAC_CHARS);
}
