import { z } from 'zod';

/**
 * `GET /api/sync/events?token=…` (Server-Sent Events). A poke carries no data: it says "your
 * scope changed", and the client pulls.
 */
export const pokeSchema = z.object({ reason: z.enum(['scope-changed', 'hello']) });
export type Poke = z.infer<typeof pokeSchema>;
export const POKE_EVENT = 'poke';
