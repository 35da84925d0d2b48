import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer } from '../../apps/server/src/server';
import { seedBenchWave } from '../bench/bench-workload';
import { signIn } from '../bench/device-bench';
import { launchChromium } from '../support/chromium';

/**
 * The device bench's "apply a pull of 10,000 changes", A/B: one server per PWA build (`dist`
 * folders given as arguments). Each round, for each build in turn: a new tab signs in and syncs
 * the 5,000-line bench wave and opens its pick screen, then a new wave of CHANGES lines is announced and one sync is timed
 * with the CPU slowed 4×, with the longest gap between animation frames, the page's main-thread CPU
 * time (from a trace; the 4× throttle pauses the thread, which is not counted) and this process's
 * CPU time (the server, with its embedded database, and the Playwright client): on a shared
 * machine the CPU figures move less than the wall time. `PROFILE=<dir>` writes a V8 CPU profile of
 * each build's last timed sync (then the main-thread CPU is not measured). `PULLS=1` prints when
 * each pull page was asked for and arrived. `ON_LIST=1` stays on the wave list instead.
 *
 *   npx tsx tests/perf/measure-apply-pull.ts /tmp/dist-a /tmp/dist-b
 */
const dists = process.argv.slice(2);
const rounds = Number(process.env.ROUNDS ?? 4);
const changes = Number(process.env.CHANGES ?? 10_000);
const profileDir = process.env.PROFILE;

interface Figure {
  ms: number;
  maxGap: number;
  pageCpu: number;
  /** The time no pull request was on its way (the device kept the server waiting). */
  noPull: number;
  serverCpu: number;
}

interface Side {
  dist: string;
  server: Awaited<ReturnType<typeof startServer>>;
  figures: Figure[];
}

const browser = await launchChromium();
const sides: Side[] = [];
try {
  for (const dist of dists) sides.push(await prepare(dist));
  for (let round = 0; round < rounds; round++) {
    for (const side of sides) {
      const last = round === rounds - 1;
      const profile = profileDir && last ? `${profileDir}/${sides.indexOf(side)}.cpuprofile` : '';
      const figure = await timePull(browser, side, round, profile);
      side.figures.push(figure);
      console.log(
        `${side.dist}: ${figure.ms} ms, longest frame gap ${figure.maxGap} ms, no pull on its way ${figure.noPull} ms, page main-thread CPU ${figure.pageCpu} ms, server process CPU ${figure.serverCpu} ms`,
      );
    }
  }
  for (const side of sides) {
    const sorted = (key: keyof Figure) => side.figures.map((f) => f[key]).sort((a, b) => a - b);
    const median = (key: keyof Figure) => sorted(key)[side.figures.length >> 1];
    console.log(
      `${side.dist}: median ${median('ms')} ms (${sorted('ms').join(', ')}); gaps ${sorted('maxGap').join(', ')}; ` +
        `no pull on its way median ${median('noPull')} (${sorted('noPull').join(', ')}); ` +
        `page CPU median ${median('pageCpu')} (${sorted('pageCpu').join(', ')}); server CPU median ${median('serverCpu')} (${sorted('serverCpu').join(', ')})`,
    );
  }
} finally {
  for (const side of sides) await side.server.close();
  await browser.close();
}

async function prepare(dist: string): Promise<Side> {
  const server = await startServer({
    mode: 'production',
    port: 0,
    host: '127.0.0.1',
    database: { kind: 'pglite', dataDir: null },
    authSecret: 'bench-secret-bench-secret-bench-secret-0123',
    tokenTtlMs: 3_600_000,
    seedDemo: true,
    pwaDist: dist,
    logLevel: 'warn',
  });
  const db = server.database.db;
  await db.execute(sql`update skus set lot_tracked = false`);
  await seedBenchWave(db, 'W-GZ-BENCH-DEVICE', 'u-gz-p1', 5_000, 1, 0, 2);
  return { dist, server, figures: [] };
}

async function timePull(
  browserToUse: Browser,
  side: Side,
  round: number,
  profilePath: string,
): Promise<Figure> {
  const context = await browserToUse.newContext({
    viewport: { width: 400, height: 800 },
    hasTouch: true,
    serviceWorkers: 'allow',
  });
  try {
    const page = await signedIn(context, side.server.url);
    const db = side.server.database.db;
    // The previous round's wave leaves the picker: this tab pulls only the new one.
    await db.execute(
      sql`update waves set assigned_user_id = null where id like 'W-GZ-BENCH-DEVICE-PULL-%'`,
    );
    const waveId = `W-GZ-BENCH-DEVICE-PULL-${round}`;
    await seedBenchWave(db, waveId, 'u-gz-p1', changes, 1, 0, 2);
    await db.execute(sql`
      insert into changes (warehouse_id, wave_id, line_id, audience_user_id)
      select 'GZ', ${waveId}, null, 'u-gz-p1'
      union all
      select 'GZ', ${waveId}, id, 'u-gz-p1' from pick_lines where wave_id = ${waveId}`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const tracePath = profilePath ? '' : join(tmpdir(), `apply-pull-${process.pid}.json`);
    if (tracePath)
      await browserToUse.startTracing(page, {
        path: tracePath,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'],
      });
    if (profilePath) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const cpuBefore = process.cpuUsage();
    const measured = await page.evaluate<{
      ms: number;
      maxGap: number;
      pulls: string[];
      noPull: number;
    }>(`(async () => {
      let last = performance.now();
      let maxGap = 0;
      let running = true;
      const frame = (t) => { maxGap = Math.max(maxGap, t - last); last = t; if (running) requestAnimationFrame(frame); };
      requestAnimationFrame(frame);
      const started = performance.now();
      await window.__wmsSync();
      const ms = performance.now() - started;
      running = false;
      const entries = performance.getEntriesByType('resource')
        .filter((e) => e.name.includes('/sync/pull') && e.startTime >= started);
      const waiting = entries.reduce((sum, e) => sum + e.responseEnd - e.startTime, 0);
      const pulls = entries
        .map((e) => [e.startTime, e.responseStart, e.responseEnd].map((t) => Math.round(t - started)).join('/'));
      return { ms: Math.round(ms), maxGap: Math.round(maxGap), pulls, noPull: Math.round(ms - waiting) };
    })()`);
    const serverCpu = process.cpuUsage(cpuBefore);
    if (tracePath) await browserToUse.stopTracing();
    if (profilePath)
      writeFileSync(profilePath, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const stored = await page.evaluate<number>(`new Promise((resolve, reject) => {
      const open = indexedDB.open('wms-picking');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const get = open.result.transaction('lineDirectory').objectStore('lineDirectory').get('${waveId}');
        get.onsuccess = () => { resolve(get.result ? get.result.lineIds.length : 0); open.result.close(); };
      };
    })`);
    if (stored !== changes) throw new Error(`stored ${stored} of ${changes} lines`);
    if (process.env.PULLS)
      console.log(
        `pulls (asked/first byte/last byte, ms after the sync began): ${measured.pulls.join(' ')}`,
      );
    const pageCpu = tracePath ? mainThreadCpu(tracePath) : 0;
    if (tracePath && !process.env.KEEP_TRACE) rmSync(tracePath);
    if (tracePath && process.env.KEEP_TRACE) console.log(`trace: ${tracePath}`);
    return {
      ms: measured.ms,
      maxGap: measured.maxGap,
      pageCpu,
      noPull: measured.noPull,
      serverCpu: Math.round((serverCpu.user + serverCpu.system) / 1000),
    };
  } finally {
    await context.close();
  }
}

async function signedIn(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await signIn(page);
  // On the pick screen of the bench wave, as in the bench (`ON_LIST=1`: stays on the wave list).
  if (process.env.ON_LIST)
    await page.waitForSelector('[data-testid=wave-Z99-99]', { timeout: 60_000 });
  else {
    await page.tap('[data-testid=wave-Z99-99]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
  }
  await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
  await page.evaluate('window.__wmsSync()');
  return page;
}

/** The renderer main thread's CPU time in the trace (top-level tasks' thread time). */
function mainThreadCpu(tracePath: string): number {
  const { traceEvents } = JSON.parse(readFileSync(tracePath, 'utf8')) as {
    traceEvents: {
      ph: string;
      name: string;
      pid: number;
      tid: number;
      tdur?: number;
      args?: { name?: unknown };
    }[];
  };
  const mainThreads = new Set(
    traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const busy = new Map<string, number>();
  for (const e of traceEvents) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.name !== 'RunTask' || !mainThreads.has(thread)) continue;
    busy.set(thread, (busy.get(thread) ?? 0) + (e.tdur ?? 0));
  }
  return Math.round(Math.max(0, ...busy.values()) / 1000);
}
