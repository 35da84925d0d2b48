import type { EventOutcome, PickEvent, ScanEvent } from '@wms/protocol';
import type { Tx } from '../db/database';
import { applyBinLabelFailed } from './apply-bin-label-failed';
import { applyPicks } from './apply-picks';
import { applyPutBack } from './apply-put-back';
import { applyPackWeightMismatch, applyParcelPacked } from './apply-pack';
import { applyShort } from './apply-short';
import { type PushSource, storeEvents } from './stored-events';
import { writeAppliedPicks } from './write-applied-picks';
import { announcePicks } from '../orders/announce-picks';
import { applyInboundEvent, isInboundEvent } from '../inbound/apply-inbound-event';
import { applyStockMoved } from '../inventory/apply-stock-moved';

/**
 * Applies fresh events in seq order, stores them with their outcomes, and returns the outcomes.
 * Consecutive picks are applied and stored set-wise (one statement for the whole run); a short, a
 * label report or a put-back between them is applied on its own, so every event sees the state its
 * predecessors left (those are stored together at the end).
 *
 * The picks' waves are left for the caller to refresh (`waveIdsToRefresh`, with
 * `refreshWaveStatus`) as the transaction's last write: the refresh locks the wave row, which
 * every device picking in the wave needs, so it is held only until the commit. A wave's status
 * follows from its lines' alone, so refreshing it after later events gives the same status.
 */
export async function applyEvents(
  tx: Tx,
  source: PushSource,
  events: readonly ScanEvent[],
): Promise<{ outcomes: Map<number, EventOutcome>; waveIdsToRefresh: string[] }> {
  const now = source.receivedAt;
  const outcomes = new Map<number, EventOutcome>();
  const waveIdsToRefresh = new Set<string>();
  const appliedOneByOne: (ScanEvent & { outcome: EventOutcome })[] = [];
  for (const run of runsOfPicks(events)) {
    if (Array.isArray(run)) {
      const applied = await applyPicks(tx, source, run);
      await writeAppliedPicks(tx, applied, now);
      for (const id of applied.waveIdsToRefresh) waveIdsToRefresh.add(id);
      // Only an order with a line that is closed can have become picked (the others keep an
      // open line, locked by this push): `applied.lines` are those.
      await announcePicks(tx, applied, now);
      for (const [seq, outcome] of applied.outcomes) outcomes.set(seq, outcome);
    } else {
      const outcome = await applyOne(tx, source, run);
      outcomes.set(run.seq, outcome);
      appliedOneByOne.push({ ...run, outcome });
    }
  }
  await storeEvents(tx, source, appliedOneByOne);
  return { outcomes, waveIdsToRefresh: [...waveIdsToRefresh] };
}

function applyOne(
  tx: Tx,
  source: PushSource,
  event: Exclude<ScanEvent, PickEvent>,
): Promise<EventOutcome> {
  const { warehouseId, receivedAt: now } = source;
  if (event.type === 'parcel-packed@1') return applyParcelPacked(tx, source, event);
  if (event.type === 'pack-weight-mismatch@1') return applyPackWeightMismatch(tx, source, event);
  if (event.type === 'short@1') return applyShort(tx, warehouseId, event, now);
  if (event.type === 'put-back@1') return applyPutBack(tx, warehouseId, event, now);
  if (isInboundEvent(event)) return applyInboundEvent(tx, warehouseId, event, now);
  if (event.type === 'stock-moved@1') return applyStockMoved(tx, warehouseId, event, now);
  return applyBinLabelFailed(tx, warehouseId, event, now);
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
