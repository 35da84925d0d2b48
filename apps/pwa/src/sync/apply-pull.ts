import type { PullResponse } from '@wms/protocol';
import type { WmsDatabase } from '../storage/database';
import { readMeta, writeMeta } from '../storage/meta';
import { noticesForRemovedWaves } from './wave-notices';

/**
 * Applies one pull page in one transaction: the server state, the cursor and how far this
 * device's events are reflected change together, so the device view never counts a pick twice
 * (once in the server line, once from the outbox) nor drops one.
 */
export async function applyPullPage(database: WmsDatabase, page: PullResponse): Promise<void> {
  const { meta, waves, lines } = database;
  await database.transaction('rw', [meta, waves, lines], async () => {
    const removedIds = page.removedWaves.map((removed) => removed.waveId);
    const removedKnown = await waves.bulkGet(removedIds);
    if (page.reset) {
      await waves.clear();
      await lines.clear();
    }
    await waves.bulkPut(page.waves);
    await lines.bulkPut(page.lines);
    if (removedIds.length > 0) {
      await waves.bulkDelete(removedIds);
      await lines.where('waveId').anyOf(removedIds).delete();
      const notices = noticesForRemovedWaves(page.removedWaves, removedKnown, page.cursor);
      await writeMeta(database, 'notices', [
        ...((await readMeta(database, 'notices')) ?? []),
        ...notices,
      ]);
    }
    await writeMeta(database, 'cursor', page.cursor);
    await writeMeta(database, 'reflectedThroughSeq', page.ackedThroughSeq);
  });
}

/** Pages through the changes since the stored cursor until the server has no more. */
export async function pullChanges(
  database: WmsDatabase,
  pull: (cursor: string | undefined) => Promise<PullResponse>,
  maxPages = 1_000,
): Promise<void> {
  for (let pageCount = 0; pageCount < maxPages; pageCount++) {
    const page = await pull(await readMeta(database, 'cursor'));
    await applyPullPage(database, page);
    if (!page.hasMore) return;
  }
}

export async function dismissNotice(database: WmsDatabase, noticeId: string): Promise<void> {
  await database.transaction('rw', database.meta, async () => {
    const notices = (await readMeta(database, 'notices')) ?? [];
    await writeMeta(
      database,
      'notices',
      notices.filter((notice) => notice.id !== noticeId),
    );
  });
}
