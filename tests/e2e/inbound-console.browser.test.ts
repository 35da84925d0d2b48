import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { InboundNotice, InboundWork } from '@wms/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { signIn, syncNow } from './handheld';
import { signInSupervisor } from './supervisor-api';

const WIDE_TABLET = { width: 1280, height: 800 };
const HANDHELD = { width: 360, height: 640 };
const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

/** A handheld's stored inbound work (Dexie `meta.inboundWork`), read straight from IndexedDB. */
async function storedInboundTaskIds(page: Page): Promise<string[] | null> {
  return page.evaluate(
    () =>
      new Promise<string[] | null>((resolve, reject) => {
        const open = indexedDB.open('wms-picking');
        open.onerror = () => reject(open.error ?? new Error('cannot open wms-picking'));
        open.onsuccess = () => {
          const request = open.result.transaction('meta').objectStore('meta').get('inboundWork');
          request.onerror = () => reject(request.error ?? new Error('cannot read meta'));
          request.onsuccess = () => {
            open.result.close();
            const row = request.result as { value?: { work: InboundWork } } | undefined;
            resolve(row?.value ? row.value.work.tasks.map((t) => t.id) : null);
          };
        };
      }),
  );
}

/** A put-away task of `qty` units: a receipt pushed from another handheld of Li Wei's. */
async function aPutAwayTask(baseUrl: string, notice: InboundNotice, qty: number): Promise<string> {
  const post = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
    const res = await fetch(new URL(path, baseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as T;
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const device = await post<{ deviceId: string; epoch: number }>('/api/devices/register', {
    label: 'e2e-dock',
  });
  const { token, user } = await post<{ token: string; user: { id: string } }>('/api/auth/login', {
    badge: 'P-0001',
    pin: '1234',
    ...device,
  });
  const line = notice.lines[0]!;
  const id = randomUUID();
  await post(
    '/api/sync/push',
    {
      deviceId: device.deviceId,
      epoch: device.epoch,
      highestLocalSeq: 1,
      events: [
        {
          id,
          seq: 1,
          type: 'inbound-received@1',
          deviceTime: new Date().toISOString(),
          userId: user.id,
          assignmentVersion: 0,
          payload: { noticeId: notice.id, lineId: line.id, skuId: line.skuId, qty },
        },
      ],
    },
    token,
  );
  return id;
}

async function assignFromConsole(lead: Page, taskId: string, userId: string) {
  await lead.click(
    `[data-testid=inbound-task][data-task-id="${taskId}"] [data-testid=assign-task]`,
  );
  await lead.waitForSelector('[data-testid=inbound-assign-dialog]');
  await lead.selectOption('[data-testid=inbound-assign-to]', userId);
  await lead.click('[data-testid=inbound-assign-confirm]');
  await lead.waitForSelector('[data-testid=inbound-assign-dialog]', { state: 'detached' });
}

describe('the console gives inbound work to pickers (issue 23)', () => {
  const fx = aServerAndBrowserPerFile();

  it('a zh-CN supervisor at 1280×800 sees the inbound stages and gives a put-away task to Li Wei, then to Zhang Min; each handheld gets or loses it through the change feed', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const api = await signInSupervisor(fx.server.url);
    const demo = (await api.raw('/api/inbound/notices')) as { notices: InboundNotice[] };
    const plain = demo.notices.flatMap((n) => n.lines).find((l) => !l.qcRequired && !l.lotTracked)!;
    const notice = (await api.raw('/api/inbound/notices', {
      method: 'POST',
      body: JSON.stringify({
        code: 'ASN-E2E-0423',
        expectedDate: '2026-12-09',
        lines: [{ skuId: plain.skuId, expectedQty: 12 }],
      }),
    })) as InboundNotice;
    const taskId = await aPutAwayTask(fx.server.url, notice, 12);

    const aHandheld = async (badge: string) => {
      const context = await fx.browser.newContext({ viewport: HANDHELD });
      const page = await context.newPage();
      await page.goto(fx.server.url);
      await signIn(page, badge, '1234');
      await page.waitForSelector('[data-testid^=wave-]');
      await syncNow(page);
      return { context, page };
    };
    const liWei = await aHandheld('P-0001');
    const zhangMin = await aHandheld('P-0002');
    const handhelds = [liWei, zhangMin];

    const tablet = await fx.browser.newContext({ viewport: WIDE_TABLET });
    const lead = await tablet.newPage();
    await lead.goto(fx.server.url);
    await signIn(lead, 'S-0001', '1234');
    await lead.waitForSelector('[data-testid=console][data-live=live]');
    // Beside the orders' stages: the blue shelf holds the 12 units waiting for put-away.
    const putAway = '[data-testid=inbound-stage-awaiting-put-away]';
    await lead.waitForSelector(`${putAway}[data-units="12"]`);
    expect(await lead.textContent(putAway)).toContain('待上架');
    expect(await lead.getAttribute(`${putAway} [data-testid=stage-icon]`, 'data-colour')).toBe(
      'blue',
    );
    expect(
      await lead.getAttribute(
        '[data-testid=inbound-stage-awaiting-qc] [data-testid=stage-icon]',
        'data-colour',
      ),
    ).toBe('red');
    expect(await lead.textContent('[data-testid=inbound-stage-expected]')).toContain('待到货');

    await lead.click('[data-testid=tab-inbound]');
    const row = `[data-testid=inbound-task][data-task-id="${taskId}"]`;
    await lead.waitForSelector(`${row}[data-assignee=""]`);
    expect(await lead.textContent(row)).toContain('任何人');
    await assignFromConsole(lead, taskId, 'u-gz-p1');
    await lead.waitForSelector(`${row}[data-assignee="Li Wei"]`);
    expect(await lead.textContent('[data-testid=inbound-message]')).toContain('已分配给 Li Wei');
    await lead.screenshot({ path: join(ARTIFACTS, 'inbound-console-assigned-zh.png') });

    // Li Wei's handheld hears of it on its next sync and keeps the task for offline work;
    // Zhang Min's was not told (nothing of hers changed) and downloaded nothing.
    await syncNow(liWei.page);
    expect(await storedInboundTaskIds(liWei.page)).toContain(taskId);
    await syncNow(zhangMin.page);
    expect(await storedInboundTaskIds(zhangMin.page)).toBeNull();

    // Li Wei is out of signal; the supervisor gives the task to Zhang Min all the same.
    await liWei.context.setOffline(true);
    await assignFromConsole(lead, taskId, 'u-gz-p2');
    await lead.waitForSelector(`${row}[data-assignee="Zhang Min"]`);
    await syncNow(zhangMin.page);
    expect(await storedInboundTaskIds(zhangMin.page)).toContain(taskId);
    // Back in signal, his handheld drops it at the next sync.
    await liWei.context.setOffline(false);
    await syncNow(liWei.page);
    expect(await storedInboundTaskIds(liWei.page)).not.toContain(taskId);
    const work = (await api.raw('/api/inbound/work')) as InboundWork;
    expect(work.tasks.find((t) => t.id === taskId)).toMatchObject({
      assignedUserId: 'u-gz-p2',
      assigneeName: 'Zhang Min',
      doneQty: 0,
    });
    await tablet.close();
    for (const h of handhelds) await h.context.close();
  }, 180_000);
});
