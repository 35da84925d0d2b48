import type { PushResponse, ScanEvent } from '@wms/protocol';
import type { MoveRefusal, WmsDatabase } from '../storage/database';
import { readMeta, writeMeta } from '../storage/meta';

/**
 * Keeps the moves a push reply refused (`move-refused`: the source bin had fewer units free than
 * the move took) so the worker is told, on screen and aloud, until they dismiss it. Called before
 * the push counter moves on: a reply lost after this is answered the same when the batch is sent
 * again, and a refusal is kept once per event.
 */
export async function keepMoveRefusals(
  database: WmsDatabase,
  events: readonly ScanEvent[],
  results: PushResponse['results'],
): Promise<void> {
  const refusedSeqs = new Set(
    results.filter((r) => r.outcome === 'move-refused').map((r) => r.seq),
  );
  if (refusedSeqs.size === 0) return;
  await database.transaction('rw', database.meta, async () => {
    const kept = (await readMeta(database, 'moveRefusals')) ?? [];
    const skus = (await readMeta(database, 'moveWork'))?.work.skus ?? [];
    const added: MoveRefusal[] = [];
    for (const event of events) {
      if (event.type !== 'stock-moved@1' || !refusedSeqs.has(event.seq)) continue;
      if (kept.some((r) => r.eventId === event.id)) continue;
      const sku = skus.find((s) => s.id === event.payload.skuId);
      added.push({
        eventId: event.id,
        move: event.payload,
        skuName: sku?.name ?? event.payload.skuId,
        skuNameZh: sku?.nameZh ?? event.payload.skuId,
        spoken: false,
      });
    }
    if (added.length > 0) await writeMeta(database, 'moveRefusals', [...kept, ...added]);
  });
}

/** The worker read the refusal: it leaves the screen. */
export async function dismissMoveRefusal(database: WmsDatabase, eventId: string): Promise<void> {
  await database.transaction('rw', database.meta, async () => {
    const kept = (await readMeta(database, 'moveRefusals')) ?? [];
    await writeMeta(
      database,
      'moveRefusals',
      kept.filter((r) => r.eventId !== eventId),
    );
  });
}

/** The refusals were said aloud: a reload shows them without saying them again. */
export async function markMoveRefusalsSpoken(database: WmsDatabase, eventIds: readonly string[]) {
  await database.transaction('rw', database.meta, async () => {
    const kept = (await readMeta(database, 'moveRefusals')) ?? [];
    await writeMeta(
      database,
      'moveRefusals',
      kept.map((r) => (eventIds.includes(r.eventId) ? { ...r, spoken: true } : r)),
    );
  });
}
