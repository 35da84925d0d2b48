import { readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer } from '../../apps/server/src/server';
import { seedBenchWave } from '../bench/bench-workload';
import { COLD_START_PROBE, signIn } from '../bench/device-bench';
import { launchChromium } from '../support/chromium';

/**
 * The device bench's cold start offline, A/B: one server per PWA build (`dist` folders given as
 * arguments), each with a signed-in tab that picked a few lines (offline, so the outbox holds
 * them), then new tabs opened in turn, A, B, A, B… with the CPU slowed 4×. Prints each figure.
 * `TRACE=<dir>` writes a Chromium trace (with V8 samples) of the last cold start of each build.
 *
 *   npx tsx tests/perf/measure-cold-start.ts /tmp/dist-a /tmp/dist-b
 */
const dists = process.argv.slice(2);
const rounds = Number(process.env.ROUNDS ?? 5);
const scans = Number(process.env.SCANS ?? 60);
const traceDir = process.env.TRACE;

interface Side {
  dist: string;
  url: string;
  context: BrowserContext;
  close: () => Promise<void>;
  figures: { listAt: number; usableAt: number; cpu: number }[];
}

const browser = await launchChromium();
const sides: Side[] = [];
try {
  for (const dist of dists) sides.push(await prepare(browser, dist));
  for (let round = 0; round < rounds; round++) {
    for (const side of sides) {
      const last = round === rounds - 1;
      const figure = await coldStart(
        side,
        traceDir ? `${traceDir}/${sides.indexOf(side)}${last ? '' : `-${round}`}.json` : undefined,
      );
      side.figures.push(figure);
      console.log(
        `${side.dist}: list ${figure.listAt} ms, usable ${figure.usableAt} ms, main-thread CPU ${figure.cpu} ms`,
      );
    }
  }
  for (const side of sides) {
    const usable = side.figures.map((f) => f.usableAt).sort((a, b) => a - b);
    const list = side.figures.map((f) => f.listAt).sort((a, b) => a - b);
    const cpu = side.figures.map((f) => f.cpu).sort((a, b) => a - b);
    console.log(
      `${side.dist}: usable median ${usable[usable.length >> 1]} (${usable.join(', ')}); list median ${list[list.length >> 1]}; main-thread CPU median ${cpu[cpu.length >> 1]} (${cpu.join(', ')})`,
    );
  }
} finally {
  for (const side of sides) await side.close();
  await browser.close();
}

async function prepare(browserToUse: Browser, dist: string): Promise<Side> {
  const server = await startServer({
    mode: 'production',
    port: 0,
    host: '127.0.0.1',
    database: { kind: 'pglite', dataDir: null },
    authSecret: 'bench-secret-bench-secret-bench-secret-0123',
    tokenTtlMs: 3_600_000,
    seedDemo: true,
    pwaDist: dist.split('@')[0]!,
    logLevel: 'warn',
  });
  const db = server.database.db;
  await db.execute(sql`update skus set lot_tracked = false`);
  // `dist@en`: the picker reads English (the bench's picker reads Chinese).
  const language = dist.split('@')[1];
  if (language) await db.execute(sql`update users set language = ${language} where id = 'u-gz-p1'`);
  await seedBenchWave(db, 'W-GZ-BENCH-DEVICE', 'u-gz-p1', 5_000, 1, 0, 2);
  const context = await browserToUse.newContext({
    viewport: { width: 400, height: 800 },
    hasTouch: true,
    serviceWorkers: 'allow',
  });
  await context.addInitScript(
    "localStorage.setItem('wms.scanner-settings', JSON.stringify({ repeatDebounceMs: 0 }))",
  );
  const page = await context.newPage();
  await page.goto(server.url);
  await signIn(page);
  await page.tap('[data-testid=wave-Z99-99]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
  await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
  await context.setOffline(true);
  await page.evaluate(scanLoop(scans));
  return {
    dist,
    url: server.url,
    context,
    close: async () => {
      await context.close();
      await server.close();
    },
    figures: [],
  };
}

async function coldStart(side: Side, tracePath: string | undefined) {
  const page: Page = await side.context.newPage();
  const cdp = await side.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(COLD_START_PROBE);
  if (tracePath)
    await browser.startTracing(page, {
      path: tracePath,
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'v8.execute',
        'disabled-by-default-v8.cpu_profiler',
        'blink',
        'loading',
        'ServiceWorker',
      ],
    });
  await page.goto(side.url);
  let usableAt: number | undefined;
  for (let t = 0; usableAt === undefined && t < 600; t++) {
    usableAt = await page.evaluate<number | undefined>('window.__usableAt');
    if (usableAt === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (tracePath) await browser.stopTracing();
  if (usableAt === undefined) throw new Error('no pick screen in 30 s');
  const listAt = await page.evaluate<number>('window.__listAt');
  const resources = await page.evaluate<string>(
    `JSON.stringify(performance.getEntriesByType('resource').map((e) => [e.name.split('/').pop(), Math.round(e.startTime), Math.round(e.workerStart), Math.round(e.responseEnd)]))`,
  );
  if (process.env.RESOURCES) console.log(resources);
  if (process.env.MARKS)
    console.log(
      await page.evaluate<string>(
        `performance.getEntriesByType('mark').map((e) => e.name + '@' + Math.round(e.startTime)).join(' ')`,
      ),
    );
  if (tracePath) writeFileSync(`${tracePath}.resources.json`, resources);
  await page.close();
  const cpu = tracePath ? mainThreadCpu(tracePath) : 0;
  return { listAt: Math.round(listAt), usableAt: Math.round(usableAt), cpu };
}

/**
 * The page's main-thread CPU time in the trace (top-level tasks' thread time; the 4× throttle
 * pauses the thread, which is not counted): a figure less moved by other processes on the machine.
 */
function mainThreadCpu(tracePath: string): number {
  const events = (JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents: TraceEvent[] })
    .traceEvents;
  const threadNames = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name')
      threadNames.set(`${e.pid}:${e.tid}`, String(e.args?.name));
  const busy = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask') continue;
    const thread = `${e.pid}:${e.tid}`;
    if (threadNames.get(thread) !== 'CrRendererMain') continue;
    busy.set(thread, (busy.get(thread) ?? 0) + (e.tdur ?? 0));
  }
  return Math.round(Math.max(0, ...busy.values()) / 1000);
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  tdur?: number;
  args?: { name?: unknown };
}

function scanLoop(count: number): string {
  return `(async () => {
    const step = () => document.querySelector('[data-testid=pick-step]')?.getAttribute('data-step');
    const text = (id) => document.querySelector('[data-testid=' + id + ']')?.textContent ?? '';
    const key = (k) => (document.activeElement ?? document.body).dispatchEvent(
      new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const done = () => Number(document.querySelector('[data-testid=pick-progress]')?.getAttribute('data-done'));
    for (let i = 0; i < ${count}; i++) {
      const before = step();
      const doneBefore = done();
      const code = before === 'scan-bin' ? text('pick-bin') : before === 'scan-item' ? text('pick-barcode') : '';
      for (const c of code) key(c);
      key('Enter');
      for (let t = 0; step() === before && t < 500; t++) await sleep(10);
      if (before === 'confirm-qty') {
        for (let t = 0; done() <= doneBefore && t < 500; t++) await sleep(10);
      }
      await sleep(20);
    }
  })()`;
}
