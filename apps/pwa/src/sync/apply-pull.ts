import type { PullResponse, ScanEvent } from '@wms/protocol';
import type { PutBackItem, WmsDatabase } from '../storage/database';
import { StoredLines } from '../storage/line-chunks';
import { newLinesStamp } from '../storage/lines-stamp';
import { readMeta, writeMeta, writeMetaRows } from '../storage/meta';
import { recordEvent } from '../storage/outbox';
import { noticesForPulledOrders, putBackItems } from './order-notices';
import { countMovedOff, noticesForMovedLines, noticesForRemovedWaves } from './wave-notices';

/**
 * Applies one pull page in one transaction: the server state, the cursor and how far this
 * device's events are reflected change together, so the device view never counts a pick twice
 * (once in the server line, once from the outbox) nor drops one.
 */
export async function applyPullPage(database: WmsDatabase, page: PullResponse): Promise<void> {
  const { meta, waves, lineChunks, lineDirectory, outbox } = database;
  const stored = await database.transaction(
    'rw',
    [meta, waves, lineChunks, lineDirectory, outbox],
    // An async function: Dexie keeps the transaction across native awaits only for those.
    async () => storePage(database, page),
  );
  // Committed: the next page can start from these directories instead of reading them again.
  if (stored.stamp) stored.lines.keep(stored.stamp.id);
}

/** The body of `applyPullPage`'s transaction. */
async function storePage(database: WmsDatabase, page: PullResponse) {
  const { waves } = database;
  const removedIds = page.removedWaves.map((removed) => removed.waveId);
  const removedKnown = removedIds.length > 0 ? await waves.bulkGet(removedIds) : [];
  if (page.reset) await waves.clear();
  const stampBefore = await readMeta(database, 'linesStamp');
  const lines = page.reset
    ? await StoredLines.clear(database)
    : await StoredLines.open(database, stampBefore?.id);
  const cancelled = page.removedWaves.filter((r) => r.reason === 'cancelled').map((r) => r.waveId);
  const putBack = await itemsToPutBack(database, lines, cancelled, page.ackedThroughSeq);
  const pulledOrders = await pulledOrderNotices(database, lines, page);
  if (page.waves.length > 0) await waves.bulkPut(page.waves);
  // A line that arrives under a wave this device does not hold was moved off it (M2.1: the
  // remaining lines or the far part of a wave went to another picker): drop the local copy.
  // The waves of this page are held (just stored); only the others are read.
  const arrivingWaveIds = [...new Set(page.lines.map((line) => line.waveId))];
  const held = new Set(page.waves.map((wave) => wave.id));
  const toRead = arrivingWaveIds.filter((waveId) => !held.has(waveId));
  if (toRead.length > 0) {
    for (const wave of await waves.bulkGet(toRead)) if (wave) held.add(wave.id);
  }
  await lines.put(page.lines.filter((line) => held.has(line.waveId)));
  const movedIds = page.lines.filter((line) => !held.has(line.waveId)).map((l) => l.id);
  const movedFrom = movedIds.length > 0 ? await lines.get(movedIds) : [];
  await lines.delete(movedIds);
  const notices = [...pulledOrders];
  if (movedFrom.length > 0) {
    await writeMeta(
      database,
      'movedOff',
      countMovedOff((await readMeta(database, 'movedOff')) ?? {}, movedFrom),
    );
    const fromWaveIds = [...new Set(movedFrom.flatMap((line) => (line ? [line.waveId] : [])))];
    notices.push(
      ...noticesForMovedLines(
        movedFrom,
        await waves.bulkGet(fromWaveIds),
        new Set(removedIds),
        page.cursor,
      ),
    );
  }
  if (removedIds.length > 0) {
    await waves.bulkDelete(removedIds);
    await lines.deleteWaves(removedIds);
    notices.push(
      // A wave done a shift ago just leaves (today's work only): nothing to tell the picker.
      ...noticesForRemovedWaves(page.removedWaves.filter(isTold), removedKnown, page.cursor).map(
        (notice) =>
          putBack.has(notice.waveId) ? { ...notice, putBack: putBack.get(notice.waveId) } : notice,
      ),
    );
  }
  await lines.flush();
  if (notices.length > 0) {
    await writeMeta(database, 'notices', [
      ...((await readMeta(database, 'notices')) ?? []),
      ...notices,
    ]);
  }
  const stamp =
    page.reset || page.lines.length > 0 || removedIds.length > 0
      ? newLinesStamp(
          database,
          {
            all: page.reset,
            waveIds: [...arrivingWaveIds, ...removedIds],
            lineIds: page.lines.map((line) => line.id),
          },
          stampBefore,
        )
      : stampBefore;
  await writeMetaRows(database, [
    ...(stamp && stamp !== stampBefore ? [{ key: 'linesStamp' as const, value: stamp }] : []),
    { key: 'cursor', value: page.cursor },
    { key: 'reflectedThroughSeq', value: page.ackedThroughSeq },
  ]);
  return { lines, stamp };
}

/**
 * What was picked for waves the server cancelled: the server's picked counts plus this device's
 * picks it has not reflected yet, per line, so the picker can return each item to its bin.
 */
async function itemsToPutBack(
  database: WmsDatabase,
  lines: StoredLines,
  waveIds: readonly string[],
  reflectedThroughSeq: number,
): Promise<Map<string, PutBackItem[]>> {
  const result = new Map<string, PutBackItem[]>();
  if (waveIds.length === 0) return result;
  const known = await lines.ofWaves(waveIds);
  const pending = await database.outbox.where('seq').above(reflectedThroughSeq).toArray();
  for (const line of known) {
    const items = putBackItems(line, pending);
    if (items.length === 0) continue;
    result.set(line.waveId, [...(result.get(line.waveId) ?? []), ...items]);
  }
  return result;
}

/** Orders of this device's waves that the page pulls out (their lines arrive `cancelled`). */
async function pulledOrderNotices(database: WmsDatabase, lines: StoredLines, page: PullResponse) {
  const arriving = page.lines.filter((line) => line.status === 'cancelled');
  if (page.reset || arriving.length === 0) return [];
  const before = await lines.get(arriving.map((line) => line.id));
  const pending = await database.outbox.where('seq').above(page.ackedThroughSeq).toArray();
  const waves = await database.waves.bulkGet([...new Set(arriving.map((line) => line.waveId))]);
  const codes = new Map(waves.flatMap((wave) => (wave ? [[wave.id, wave.code] as const] : [])));
  return noticesForPulledOrders(before, arriving, pending, codes, page.cursor);
}

/**
 * Pages through the changes since the stored cursor until the server has no more. The next page
 * is asked for while this one is stored (its cursor is the one this page stores), so the server's
 * and the device's work overlap; between pages the UI gets a turn to draw. Resolves with whether
 * the server holds committed changes back behind an older transaction (pull again soon).
 * `onInboundChanged` downloads the inbound work when a page says it changed hands.
 */
export async function pullChanges(
  database: WmsDatabase,
  pull: (cursor: string | undefined) => Promise<PullResponse>,
  maxPages = 1_000,
  onInboundChanged?: () => Promise<void>,
): Promise<{ heldBack: boolean }> {
  let next = pull(await readMeta(database, 'cursor'));
  for (let pageCount = 1; pageCount <= maxPages; pageCount++) {
    const page = await next;
    const ahead = page.hasMore && pageCount < maxPages ? pull(page.cursor) : null;
    // Not stored (the apply failed): the page fetched ahead is dropped, its failure too.
    ahead?.catch(() => undefined);
    // Inbound work given to or taken from this picker: downloaded before the page's cursor is
    // stored, so a failed download is asked for again by the next pull, never skipped.
    if (page.inboundChanged && onInboundChanged) await onInboundChanged();
    await applyPullPage(database, page);
    if (!page.hasMore) return { heldBack: page.heldBack === true };
    if (!ahead) break;
    await new Promise((resolve) => setTimeout(resolve, 0));
    next = ahead;
  }
  return { heldBack: false };
}

/**
 * Dismisses a notice. On a "stop, put back" notice this is "Done, all put back": its items go to
 * the outbox as put-back@1 events in the same transaction, so the server credits the bins at the
 * next push (offline, the events wait in the outbox like picks). Resolves with the events recorded.
 */
export async function dismissNotice(database: WmsDatabase, noticeId: string): Promise<ScanEvent[]> {
  const { meta, outbox, waves } = database;
  return database.transaction('rw', [meta, outbox, waves], async () => {
    const notices = (await readMeta(database, 'notices')) ?? [];
    const notice = notices.find((n) => n.id === noticeId);
    await writeMeta(
      database,
      'notices',
      notices.filter((n) => n.id !== noticeId),
    );
    const items = (notice?.putBack ?? []).flatMap(({ pickLineId, skuId, binCode, qty, lot }) =>
      pickLineId && skuId ? [{ pickLineId, binCode, skuId, qty, ...(lot ? { lot } : {}) }] : [],
    );
    if (!notice || items.length === 0) return [];
    const session = await readMeta(database, 'session');
    if (!session) throw new Error('Sign in again to report what was put back');
    const wave = await waves.get(notice.waveId);
    const recorded: ScanEvent[] = [];
    for (let i = 0; i < items.length; i += PUT_BACK_ITEMS_PER_EVENT) {
      recorded.push(
        await recordEvent(database, {
          type: 'put-back@1',
          userId: session.user.id,
          assignmentVersion: wave?.assignmentVersion ?? 0,
          payload: { waveId: notice.waveId, items: items.slice(i, i + PUT_BACK_ITEMS_PER_EVENT) },
        }),
      );
    }
    return recorded;
  });
}

/** The protocol's limit of items in one put-back@1 event. */
const PUT_BACK_ITEMS_PER_EVENT = 200;

/** A removed wave the picker is told of: not one that simply finished a shift ago. */
const isTold = (
  removed: PullResponse['removedWaves'][number],
): removed is PullResponse['removedWaves'][number] & {
  reason: Exclude<PullResponse['removedWaves'][number]['reason'], 'finished'>;
} => removed.reason !== 'finished';
