import type { PullResponse } from '@wms/protocol';
import type { PullReply } from './api-client';

/** Asks the server for the page at `cursor` (none: from the start). */
export type PullPage = (cursor: string | undefined) => Promise<PullReply>;

/**
 * The pages of a pull from `cursor` on, in order, each checked against the protocol.
 *
 * The next page is asked for as soon as a reply's cursor is read, before that reply is checked and
 * while earlier pages are still being stored, so the server's work, the download, the checking
 * and the storing overlap. At most `ahead` pages wait (asked for or arrived) beyond the one the
 * caller holds, and at most `maxPages` are asked for in all.
 *
 * A failed request or a page that fails its check is thrown when its turn comes: the pages before
 * it are yielded first. When the caller stops (an error of its own, `break`), nothing more is asked
 * for and the pages already asked for are dropped unread.
 */
export async function* pullPages(
  pull: PullPage,
  cursor: string | undefined,
  { ahead = 2, maxPages = 1_000 }: { ahead?: number; maxPages?: number } = {},
): AsyncGenerator<PullResponse, void, undefined> {
  const waiting: Promise<PullResponse>[] = [];
  let asked = 0;
  let stopped = false;
  /** The next page's cursor once the last page asked for has said it (undefined: it is the last). */
  let next: { cursor: string | undefined } | null = null;

  const ask = (at: string | undefined) => {
    asked++;
    next = null;
    const checked = pull(at).then((reply) => {
      next = { cursor: reply.nextCursor };
      askMore();
      return reply.check();
    });
    // Seen by the caller in its turn, or dropped with the page once the caller has stopped.
    checked.catch(() => undefined);
    waiting.push(checked);
  };
  const askMore = () => {
    if (stopped || next?.cursor === undefined) return;
    if (waiting.length >= ahead || asked >= maxPages) return;
    ask(next.cursor);
  };

  ask(cursor);
  try {
    while (waiting.length > 0) {
      const page = await waiting[0]!;
      waiting.shift();
      askMore();
      yield page;
    }
  } finally {
    stopped = true;
  }
}
