import { unavailableCause } from '../db/primary-locator';

/** Postgres SQLSTATEs that mean "this server cannot take the work now", not "the work is wrong". */
const UNAVAILABLE_SQLSTATES = new Set([
  '25006', // read_only_sql_transaction: the host was demoted to a standby
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
]);
const UNAVAILABLE_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

/**
 * The reason a failure is the database being away (a failover, a restart) rather than a bug:
 * answered 503 `database_unavailable`, which devices and integrators retry. Null otherwise.
 */
export function databaseUnavailableReason(err: unknown): string | null {
  const refusal = unavailableCause(err);
  if (refusal) return refusal.reason;
  for (let e = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (code === '25006') return 'database_read_only';
      if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_CODES.has(code) || code.startsWith('08'))
        return 'database_unreachable';
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
