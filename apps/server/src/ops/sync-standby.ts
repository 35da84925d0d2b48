import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';

export interface SyncStandbyState {
  /** Commits wait for a synchronous standby and none is connected: every write hangs. */
  blocksCommits: boolean;
  message: string;
}

/**
 * With `synchronous_standby_names` set and `synchronous_commit` at `on`, `remote_write` or
 * `remote_apply`, a commit waits until a named standby has the transaction. If no such standby
 * streams (it died, or lags so far it reconnects), every commit waits for ever: the server looks
 * up but writes nothing. `pg_stat_replication` says whether one streams. A read, not a write, so
 * it answers while commits hang.
 */
export async function checkSyncStandby(db: Db): Promise<SyncStandbyState> {
  const [row] = await queryRows<{ names: string; level: string; streaming: number; all: string }>(
    db,
    sql`select current_setting('synchronous_standby_names') as names,
               current_setting('synchronous_commit') as level,
               (select count(*)::int from pg_stat_replication
                 where sync_state in ('sync', 'quorum') and state = 'streaming') as streaming,
               coalesce((select string_agg(application_name || ' ' || state || ' ' || sync_state, ', ')
                           from pg_stat_replication), 'none') as "all"`,
  );
  const waits = row!.names.trim() !== '' && !['off', 'local'].includes(row!.level);
  if (!waits || row!.streaming > 0)
    return { blocksCommits: false, message: `synchronous standbys: ${row!.all}` };
  return {
    blocksCommits: true,
    message: `Commits wait for a synchronous standby (synchronous_standby_names = '${row!.names}', synchronous_commit = ${row!.level}) and none is streaming (connected: ${row!.all}): start the standby, or let the HA manager drop it from the synchronous set`,
  };
}
