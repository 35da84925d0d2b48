import type { PullResponse } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { ApiError, type PullReply } from './api-client';
import { pullPages } from './pull-pages';

/** A page of a pull that has `pages` pages in all; page n's cursor is `c<n>`. */
function aPage(n: number, pages: number): PullResponse {
  return {
    cursor: `c${n}`,
    hasMore: n < pages,
    reset: false,
    ackedThroughSeq: 0,
    waves: [],
    lines: [],
    removedWaves: [],
  };
}

/**
 * A server of `pages` pages whose replies arrive when the test says (`answer`); `asked` lists the
 * cursors asked for, in order. `broken` pages fail their check; `failing` requests fail.
 */
function aServer(pages: number, { broken = [] as number[], failing = [] as number[] } = {}) {
  const asked: (string | undefined)[] = [];
  const replies: ((reply: PullReply) => void)[] = [];
  const refusals: ((error: unknown) => void)[] = [];
  const pull = (cursor: string | undefined) => {
    asked.push(cursor);
    return new Promise<PullReply>((resolve, reject) => {
      replies.push(resolve);
      refusals.push(reject);
    });
  };
  const answer = async (n: number) => {
    if (failing.includes(n)) refusals[n - 1]!(new ApiError('network', 'Failed to fetch'));
    else {
      const page = aPage(n, pages);
      replies[n - 1]!({
        nextCursor: page.hasMore ? page.cursor : undefined,
        check: () => {
          if (broken.includes(n)) throw new ApiError('bad-response', `page ${n} is malformed`);
          return page;
        },
      });
    }
    await settle();
  };
  return { pull, asked, answer };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('pullPages', () => {
  it('yields every page in order, asking for each from the cursor of the one before', async () => {
    const server = aServer(3);
    const pages = pullPages(server.pull, 'c0');
    const first = pages.next();
    await server.answer(1);
    await server.answer(2);
    await server.answer(3);
    const yielded = [(await first).value, (await pages.next()).value, (await pages.next()).value];
    expect(yielded).toEqual([aPage(1, 3), aPage(2, 3), aPage(3, 3)]);
    expect(await pages.next()).toEqual({ done: true, value: undefined });
    expect(server.asked).toEqual(['c0', 'c1', 'c2']);
  });

  it('asks for the next page before the caller has taken the one before', async () => {
    const server = aServer(5);
    const pages = pullPages(server.pull, undefined, { ahead: 2 });
    const first = pages.next();
    await server.answer(1);
    expect((await first).value).toEqual(aPage(1, 5));
    // The caller stores page 1: pages 2 and 3 are asked for meanwhile, and no more.
    await server.answer(2);
    await server.answer(3);
    expect(server.asked).toEqual([undefined, 'c1', 'c2']);
    expect((await pages.next()).value).toEqual(aPage(2, 5));
    await settle();
    expect(server.asked).toEqual([undefined, 'c1', 'c2', 'c3']);
  });

  it('never asks for more than maxPages', async () => {
    const server = aServer(5);
    const pages = pullPages(server.pull, undefined, { maxPages: 2 });
    const first = pages.next();
    await server.answer(1);
    await server.answer(2);
    expect((await first).value).toEqual(aPage(1, 5));
    expect((await pages.next()).value).toEqual(aPage(2, 5));
    expect(await pages.next()).toEqual({ done: true, value: undefined });
    expect(server.asked).toEqual([undefined, 'c1']);
  });

  it('yields the pages before a malformed one, then throws its error', async () => {
    const server = aServer(4, { broken: [2] });
    const pages = pullPages(server.pull, undefined);
    const first = pages.next();
    await server.answer(1);
    await server.answer(2);
    await server.answer(3);
    expect((await first).value).toEqual(aPage(1, 4));
    await expect(pages.next()).rejects.toThrow('page 2 is malformed');
    expect(await pages.next()).toEqual({ done: true, value: undefined });
  });

  it('yields the pages before a failed request, then throws its error, asking for nothing after it', async () => {
    const server = aServer(4, { failing: [2] });
    const pages = pullPages(server.pull, undefined);
    const first = pages.next();
    await server.answer(1);
    await server.answer(2);
    expect((await first).value).toEqual(aPage(1, 4));
    await expect(pages.next()).rejects.toThrow('Failed to fetch');
    expect(server.asked).toEqual([undefined, 'c1']);
  });

  it('asks for nothing more once the caller stops', async () => {
    const server = aServer(6);
    const pages = pullPages(server.pull, undefined, { ahead: 2 });
    const first = pages.next();
    await server.answer(1);
    await server.answer(2);
    expect((await first).value).toEqual(aPage(1, 6));
    // Storing page 1 failed: the caller leaves its loop while page 3 is on its way.
    await pages.return();
    await server.answer(3);
    expect(server.asked).toEqual([undefined, 'c1', 'c2']);
    expect(await pages.next()).toEqual({ done: true, value: undefined });
  });
});
