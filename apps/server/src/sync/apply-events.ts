import type { EventOutcome, PickEvent, ScanEvent } from '@wms/protocol';
import type { Tx } from '../db/database';
import { applyBinLabelFailed } from './apply-bin-label-failed';
import { applyPicks } from './apply-picks';
import { applyPutBack } from './apply-put-back';
import { applyShort } from './apply-short';
import { writeAppliedPicks } from './write-applied-picks';
import { announcePicks } from '../orders/announce-picks';

/**
 * Applies fresh events in seq order and returns each one's outcome. Consecutive picks are applied
 * set-wise (a few statements for the whole run); a short, a label report or a put-back between
 * them is applied on its own, so every event sees the state its predecessors left.
 *
 * The picks' waves are left for the caller to refresh (`waveIdsToRefresh`, with
 * `refreshWaveStatus`) as the transaction's last write: the refresh locks the wave row, which
 * every device picking in the wave needs, so it is held only until the commit. A wave's status
 * follows from its lines' alone, so refreshing it after later events gives the same status.
 */
export async function applyEvents(
  tx: Tx,
  warehouseId: string,
  events: readonly ScanEvent[],
  now: Date,
): Promise<{ outcomes: Map<number, EventOutcome>; waveIdsToRefresh: string[] }> {
  const outcomes = new Map<number, EventOutcome>();
  const waveIdsToRefresh = new Set<string>();
  for (const run of runsOfPicks(events)) {
    if (Array.isArray(run)) {
      const applied = await applyPicks(tx, warehouseId, run, now);
      await writeAppliedPicks(tx, applied, now);
      for (const id of applied.waveIdsToRefresh) waveIdsToRefresh.add(id);
      // Only an order with a line that closed now can have become picked (the others keep an
      // open line, locked by this push).
      await announcePicks(
        tx,
        { ...applied, lines: applied.lines.filter((l) => l.status !== 'open') },
        now,
      );
      for (const [seq, outcome] of applied.outcomes) outcomes.set(seq, outcome);
    } else if (run.type === 'short@1') {
      outcomes.set(run.seq, await applyShort(tx, warehouseId, run, now));
    } else if (run.type === 'put-back@1') {
      outcomes.set(run.seq, await applyPutBack(tx, warehouseId, run, now));
    } else {
      outcomes.set(run.seq, await applyBinLabelFailed(tx, warehouseId, run, now));
    }
  }
  return { outcomes, waveIdsToRefresh: [...waveIdsToRefresh] };
}

type Run = PickEvent[] | Exclude<ScanEvent, PickEvent>;

function runsOfPicks(events: readonly ScanEvent[]): Run[] {
  const runs: Run[] = [];
  for (const event of events) {
    const last = runs.at(-1);
    if (event.type !== 'pick@1') runs.push(event);
    else if (Array.isArray(last)) last.push(event);
    else runs.push([event]);
  }
  return runs;
}
