import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import {
  repoRoot,
  startServerProcess,
  TEMPLATE_ENV,
  type ServerProcess,
} from '../support/server-process';
import {
  doneLines,
  openWave,
  outboxEventIds,
  pickCurrentLine,
  syncNow,
  unsyncedCount,
} from './handheld';
import { signInSupervisor } from './supervisor-api';

/**
 * The app as it was built at the previous protocol version (`tests/fixtures/pwa-protocol-5`,
 * rebuilt from its commit by `tests/fixtures/build-old-pwa.sh`), served by today's server as
 * `PWA_DIST`: the handheld a picker has not updated yet. Its picks, made offline, must reach
 * the server once; a server that no longer reads its version must refuse them with 426 and
 * the app must keep them until a server reads them again.
 */
const FIXTURE = join(repoRoot, 'tests/fixtures/pwa-protocol-5');
const OLD_APP = join(FIXTURE, 'app');
const BUILT = JSON.parse(readFileSync(join(FIXTURE, 'fixture.json'), 'utf8')) as {
  commit: string;
  protocolVersion: number;
};
const OLD_VERSION = String(BUILT.protocolVersion);
/** A small Android handheld's screen. */
const PHONE = { width: 360, height: 640 };
/** Each test starts the server up to three times: generous on a loaded machine. */
const TIMEOUT_MS = 600_000;

describe(`an app built at protocol ${OLD_VERSION} against today's server`, () => {
  let browser: Browser;
  /** One database for the file: servers are restarted on it, on the same address. */
  let dataDir: string;
  let server: ServerProcess | undefined;
  let port = '0';

  /** (Re)starts the server on the file's data and port, serving the old build. */
  const startServer = async (env: Record<string, string> = {}) => {
    await server?.stop();
    server = await startServerProcess(
      // A short drain on stop: the app's event stream would otherwise hold the old one open.
      { PWA_DIST: OLD_APP, PORT: port, SHUTDOWN_TIMEOUT_SECONDS: '2', ...env },
      { dataDir, startTimeoutMs: 120_000 },
    );
    port = new URL(server.url).port;
    return server.url;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wms-old-app-'));
    const template = process.env[TEMPLATE_ENV];
    if (template) cpSync(template, dataDir, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The protocol versions the page's API requests named, and the statuses of its pushes. */
  const watch = (context: BrowserContext) => {
    const seen = { versions: new Set<string>(), pushStatuses: [] as number[] };
    context.on('request', (request) => {
      const url = new URL(request.url());
      // An EventSource sends no headers: the poke stream names its version in the query.
      if (url.pathname.startsWith('/api/'))
        seen.versions.add(
          request.headers()['x-protocol-version'] ??
            url.searchParams.get('protocolVersion') ??
            'none',
        );
    });
    context.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/sync/push')
        seen.pushStatuses.push(response.status());
    });
    return seen;
  };

  /** The scan events the server stored for a GZ wave, as its supervisor's console reads them. */
  const eventsOfWave = async (url: string, code: string) => {
    // Not through the supervisor's pull: a sync route, refused too by a server raised above 3.
    const supervisor = await signInSupervisor(url);
    return (await supervisor.waveDetail(`W-GZ-${code}`)).events;
  };

  /**
   * Signs the picker in and opens the wave, again from the start if a step timed out: on a
   * loaded machine the first scan can reach the page before its scanner listener.
   */
  const openOldWave = async (page: Page, url: string, badge: string, wave: string) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await openWave(page, url, badge, wave);
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  };

  const reloadOffline = async (page: Page) => {
    await page.reload();
    await page.waitForSelector('[data-testid=pick-step]', { timeout: 30_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  };

  it(
    'picks offline, survives a reload, and its events are stored exactly once',
    async () => {
      const url = await startServer();
      const context = await browser.newContext({ viewport: PHONE, serviceWorkers: 'allow' });
      const seen = watch(context);
      const page = await context.newPage();
      await openOldWave(page, url, 'P-0001', 'B26-07');

      await context.setOffline(true);
      for (let i = 0; i < 3; i++) await pickCurrentLine(page);
      await reloadOffline(page);
      expect(await doneLines(page)).toBe(3);
      expect(await unsyncedCount(page)).toBe(3);
      for (let i = 0; i < 2; i++) await pickCurrentLine(page);
      const picked = await outboxEventIds(page);
      expect(new Set(picked).size).toBe(5);

      await context.setOffline(false);
      await syncNow(page);
      expect(await unsyncedCount(page)).toBe(0);
      // A second sync sends nothing again, and the server holds each event once.
      await syncNow(page);
      const stored = await eventsOfWave(url, 'B26-07');
      expect(stored.map((event) => event.id).sort()).toEqual([...picked].sort());
      expect(stored.every((event) => event.outcome === 'applied')).toBe(true);
      expect(seen.pushStatuses.length).toBeGreaterThan(0);
      expect(seen.pushStatuses.every((status) => status === 200)).toBe(true);
      // It is the old build speaking: every API request named its version, and only that one.
      expect([...seen.versions]).toEqual([OLD_VERSION]);
      await context.close();
    },
    TIMEOUT_MS,
  );

  it(
    'a server that no longer reads its version answers 426 and the app keeps every pick until one does',
    async () => {
      let url = await startServer();
      const context = await browser.newContext({ viewport: PHONE, serviceWorkers: 'allow' });
      const seen = watch(context);
      const page = await context.newPage();
      await openOldWave(page, url, 'P-0002', 'B26-08');
      await context.setOffline(true);
      for (let i = 0; i < 2; i++) await pickCurrentLine(page);
      const picked = await outboxEventIds(page);
      expect(picked).toHaveLength(2);

      // The server is upgraded to one that reads only newer versions, on the same address.
      url = await startServer({
        OLDEST_READABLE_PROTOCOL_VERSION: String(BUILT.protocolVersion + 1),
      });
      await context.setOffline(false);
      await expect(syncNow(page)).rejects.toThrow();
      expect(seen.pushStatuses).toContain(426);
      expect(seen.pushStatuses.filter((status) => status !== 426)).toEqual([]);
      expect(await outboxEventIds(page)).toEqual(picked);
      expect(await unsyncedCount(page)).toBe(2);
      // P-0002 works in English: the refusal is worded from its code.
      await page.waitForSelector('[data-testid=sync-error]');
      expect(await page.textContent('[data-testid=sync-error]')).toContain(
        'Update the app: scans stay on this handheld until then.',
      );
      expect(await eventsOfWave(url, 'B26-08')).toEqual([]);

      // A reload (online, the same old build) keeps the outbox too.
      await page.reload();
      await page.waitForSelector('[data-testid=pick-step]', { timeout: 30_000 });
      expect(await outboxEventIds(page)).toEqual(picked);
      await expect(syncNow(page)).rejects.toThrow();
      expect(await outboxEventIds(page)).toEqual(picked);

      // Once a server reads the version again, the picks go out, each stored once.
      url = await startServer();
      await syncNow(page);
      expect(await unsyncedCount(page)).toBe(0);
      const stored = await eventsOfWave(url, 'B26-08');
      expect(stored.map((event) => event.id).sort()).toEqual([...picked].sort());
      expect(stored.every((event) => event.outcome === 'applied')).toBe(true);
      expect([...seen.versions]).toEqual([OLD_VERSION]);
      await context.close();
    },
    TIMEOUT_MS,
  );
});
