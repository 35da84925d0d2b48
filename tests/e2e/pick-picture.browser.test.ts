import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/server-process';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { openWave, pickCurrentLine, syncNow } from './handheld';
import { signInSupervisor } from './supervisor-api';

/** A shop's picture as its image host serves it: another origin, no CORS headers, a CDN path. */
const PICTURE_PATH = '/imgextra/i4/2206686532409/O1CN01brake_!!2206686532409-0-cib.png_200x200';
const PICTURE = readFileSync(join(repoRoot, 'public', 'pwa-192.png'));

/** An image host on its own port (another origin than the app): counts what it served. */
function anImageHost(): Promise<{ server: Server; url: string; served: () => number }> {
  let served = 0;
  const server = createServer((request, response) => {
    if (request.url !== PICTURE_PATH) {
      response.writeHead(404).end();
      return;
    }
    served += 1;
    response.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
    response.end(PICTURE);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, served: () => served });
    }),
  );
}

/** The picture on the card is drawn (decoded, with its pixels), not a broken image. */
async function pictureDrawn(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const img = document.querySelector<HTMLImageElement>(
        '[data-testid=pick-picture][data-state=shown]',
      );
      return img !== null && img.complete && img.naturalWidth === 192;
    },
    undefined,
    { timeout: 15_000 },
  );
}

/** What of the card lies below the first 360×640 screen (each fact by its test id). */
async function belowTheFold(page: Page, ids: string[]): Promise<string[]> {
  const below: string[] = [];
  for (const id of ids) {
    const box = await page.locator(`[data-testid=${id}]`).boundingBox();
    if (!box || box.y + box.height > 640 || box.x + box.width > 360) below.push(id);
  }
  return below;
}

describe('the product picture on the pick card', () => {
  // The image host is a loopback server on a port found at start: PICTURE_HOSTS lets the page
  // load it (the CSP's img-src and connect-src) and lets the admin save its URL.
  const fx = aServerAndBrowserPerFile({ env: { PICTURE_HOSTS: 'https: http://127.0.0.1:*' } });
  let host: Awaited<ReturnType<typeof anImageHost>>;
  beforeAll(async () => {
    host = await anImageHost();
  });
  afterAll(
    () => new Promise<void>((resolve) => (host ? host.server.close(() => resolve()) : resolve())),
  );

  it('shows the SKU picture in the first screen, keeps it for the back aisle, and a frame where there is none', async () => {
    const admin = await signInSupervisor(fx.server.url, 'A-0001');
    const context = await fx.browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await openWave(page, fx.server.url, 'P-0002', 'B26-08');
    await page.waitForSelector('[data-testid=pick-picture][data-state=missing]');
    const firstBarcode = (await page.textContent('[data-testid=pick-barcode]')) ?? '';

    // The admin gives the SKU on screen a picture; the open line brings it with the next sync.
    const { skus } = (await admin.raw('/api/admin/skus')) as {
      skus: {
        id: string;
        name: string;
        nameZh: string;
        category: string;
        lotTracked: boolean;
        barcodes: string[];
      }[];
    };
    const sku = skus.find((s) => s.barcodes.includes(firstBarcode));
    expect(sku).toBeDefined();
    const { name, nameZh, category, lotTracked, barcodes } = sku!;
    await admin.raw(`/api/admin/skus/${sku!.id}`, {
      method: 'PUT',
      body: JSON.stringify({
        name,
        nameZh,
        category,
        lotTracked,
        barcodes,
        imageUrl: `${host.url}${PICTURE_PATH}`,
      }),
    });
    await syncNow(page);
    await pictureDrawn(page);
    expect(
      await belowTheFold(page, ['pick-bin', 'pick-qty', 'pick-product', 'pick-picture']),
    ).toEqual([]);
    expect(host.served()).toBeGreaterThanOrEqual(1);

    // The back aisle: no network, the image host gone too. A reload draws the picture again.
    await context.setOffline(true);
    await new Promise<void>((resolve) => host.server.close(() => resolve()));
    host.server.closeAllConnections();
    await page.reload();
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
    await pictureDrawn(page);

    // The next line's SKU has no picture: the same square, empty, and nothing pushed down.
    await pickCurrentLine(page);
    await page.waitForSelector('[data-testid=pick-picture][data-state=missing]');
    expect(await page.textContent('[data-testid=pick-barcode]')).not.toBe(firstBarcode);
    const frame = await page.locator('[data-testid=pick-picture]').boundingBox();
    expect([frame?.width, frame?.height]).toEqual([64, 64]);
    expect(await belowTheFold(page, ['pick-bin', 'pick-qty', 'pick-product'])).toEqual([]);
    await context.close();
  });
});
