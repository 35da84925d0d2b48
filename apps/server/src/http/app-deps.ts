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
  /** A new handheld must bring an enrolment code to register (ENROLMENT_REQUIRED); off by default. */
  enrolmentRequired?: boolean;
  /** How often an idle event stream sends a keep-alive comment. */
  keepAliveMs?: number;
}
