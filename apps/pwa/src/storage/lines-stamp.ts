import type { LinesStamp, WmsDatabase } from './database';
import { randomEventId } from './event-id';

/** What a write to `lines` touched: the waves lines went to and every line id put or deleted. */
export interface LinesTouched {
  /** Lines were cleared: nothing read before holds. */
  all: boolean;
  waveIds: Iterable<string>;
  lineIds: Iterable<string>;
}

/**
 * The stamp recording a write to `lines`, for a caller that read the stored stamp (`stored`) and
 * writes the new one itself, in the same transaction as the write it records; every write to
 * `lines` records one. The in-memory copy of the lines (picker/wave-lines.ts) is reused only while
 * it is known to match the stored lines: it follows the writes one by one, dropping the waves each
 * write touched (a stamp whose transaction failed is never the stored one nor another's
 * `previous`, so following `previous` only meets stored writes).
 */
export function newLinesStamp(
  database: WmsDatabase,
  touched: LinesTouched,
  stored: LinesStamp | undefined,
): LinesStamp {
  const stamp: LinesStamp = {
    id: randomEventId(),
    previous: touched.all ? null : (stored?.id ?? null),
    waveIds: [...touched.waveIds],
    lineIds: [...touched.lineIds],
  };
  remember(database, stamp);
  return stamp;
}

/** How many of this page's own stamps are kept in memory. */
const RECENT_STAMPS = 64;
const recentStamps = new WeakMap<WmsDatabase, Map<string, LinesStamp>>();

function remember(database: WmsDatabase, stamp: LinesStamp): void {
  const recent = recentStamps.get(database) ?? new Map<string, LinesStamp>();
  recentStamps.set(database, recent);
  recent.set(stamp.id, stamp);
  if (recent.size > RECENT_STAMPS) recent.delete(recent.keys().next().value!);
}

/**
 * The stamps written after `sinceId` up to and including `stamp`, oldest first, when this page
 * wrote them all (a reader that missed a few writes, e.g. several pull pages stored back to back,
 * can then follow them instead of reading everything again). Undefined when the chain is not
 * known: written by another tab, too old, or broken by a clear.
 */
export function stampsSince(
  database: WmsDatabase,
  sinceId: string,
  stamp: LinesStamp,
): LinesStamp[] | undefined {
  const recent = recentStamps.get(database);
  const chain = [stamp];
  for (let at = stamp; at.previous !== sinceId;) {
    const before = at.previous === null ? undefined : recent?.get(at.previous);
    if (!before || chain.length >= RECENT_STAMPS) return undefined;
    chain.push(before);
    at = before;
  }
  return chain.reverse();
}
