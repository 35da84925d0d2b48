import { z } from 'zod';

/**
 * `GET /api/sync/events?ticket=…` (Server-Sent Events), with a ticket from
 * `POST /api/sync/stream-ticket`. A poke carries no data: it says "your
 * scope changed", and the client pulls.
 */
export const pokeSchema = z.object({ reason: z.enum(['scope-changed', 'hello']) });
export type Poke = z.infer<typeof pokeSchema>;
export const POKE_EVENT = 'poke';

/**
 * `POST /api/sync/stream-ticket`: a short-lived ticket that opens the event stream and nothing
 * else. EventSource cannot send headers, so the stream's credential goes in its URL, where
 * proxies' access logs keep it: there it must not be the session token.
 */
export const streamTicketSchema = z.object({ ticket: z.string(), expiresAt: z.iso.datetime() });
export type StreamTicket = z.infer<typeof streamTicketSchema>;
