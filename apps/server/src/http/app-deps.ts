import type { Db } from '../db/database';
import type { PokeHub } from '../sync/poke-hub';

/** What the HTTP app needs from the outside; tests pass their own. */
export interface AppDeps {
  db: Db;
  pokes: PokeHub;
  authSecret: string;
  tokenTtlMs: number;
  /** The built PWA to serve at `/`, or null for an API-only app. */
  pwaDist: string | null;
  now: () => Date;
  /** How often an idle event stream sends a keep-alive comment. */
  keepAliveMs?: number;
}
