import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { pickCurrentLine, signIn, totalLines } from './handheld';

const HANDHELD = { width: 400, height: 800 };

/**
 * In the page: the device database rewritten as version 2 of the app kept it (one record per
 * line in `lines`), from what the current version stored: the database an update finds.
 */
const REWRITE_AS_VERSION_2 = `(async () => {
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const current = await request(indexedDB.open('wms-picking'));
  const read = (store) => request(current.transaction(store).objectStore(store).getAll());
  const [meta, waves, outbox, chunks] = [await read('meta'), await read('waves'), await read('outbox'), await read('lineChunks')];
  current.close();
  await request(indexedDB.deleteDatabase('wms-picking'));
  const open = indexedDB.open('wms-picking', 20);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('meta', { keyPath: 'key' });
    db.createObjectStore('waves', { keyPath: 'id' }).createIndex('assignedUserId', 'assignedUserId');
    db.createObjectStore('lines', { keyPath: 'id' }).createIndex('waveId', 'waveId');
    db.createObjectStore('outbox', { keyPath: 'seq' }).createIndex('id', 'id', { unique: true });
  };
  const old = await request(open);
  const tx = old.transaction(['meta', 'waves', 'lines', 'outbox'], 'readwrite');
  for (const row of meta) tx.objectStore('meta').put(row);
  for (const row of waves) tx.objectStore('waves').put(row);
  for (const row of outbox) tx.objectStore('outbox').put(row);
  const lines = chunks.flatMap((chunk) => chunk.lines);
  for (const line of lines) tx.objectStore('lines').put(line);
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
  old.close();
  return lines.length;
})()`;

describe('the handheld database upgrade to lines in chunks', () => {
  const fx = aServerAndBrowserPerFile();

  it('a device updated offline keeps every line it held, and picks on', async () => {
    const context = await fx.browser.newContext({ viewport: HANDHELD, serviceWorkers: 'allow' });
    const app = await context.newPage();
    await app.goto(fx.server.url);
    await signIn(app, 'P-0001', '1234');
    await app.click('[data-testid=wave-B26-07]');
    await app.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
    const total = await totalLines(app);
    await app.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await app.close();

    await context.setOffline(true);
    const blank = await context.newPage();
    await blank.goto(`${fx.server.url}/favicon.svg`);
    expect(await blank.evaluate<number>(REWRITE_AS_VERSION_2)).toBeGreaterThanOrEqual(total);
    await blank.close();

    const updated = await context.newPage();
    await updated.goto(fx.server.url);
    await updated.click('[data-testid=wave-B26-07]');
    await updated.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
    expect(await totalLines(updated)).toBe(total);
    await pickCurrentLine(updated);
    const stores = await updated.evaluate(async () => {
      const open = indexedDB.open('wms-picking');
      const db = await new Promise<IDBDatabase>(
        (resolve) => (open.onsuccess = () => resolve(open.result)),
      );
      const names: string[] = Array.from(db.objectStoreNames);
      db.close();
      return names;
    });
    expect(stores).not.toContain('lines');
    await context.close();
  });
});
