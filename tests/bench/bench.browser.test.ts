import { describe, expect, it } from 'vitest';
import { runServerBench } from './bench-suite';
import { runDeviceBench } from './device-bench';

/**
 * The bench machinery at a tiny size, so it cannot silently break when the app changes
 * (it did once, when the demo changed). Behaviour only: every measurement is taken and is a
 * number; how fast is for `npm run bench`, never for a test.
 */
describe('npm run bench, tiny', () => {
  it('takes every server measurement', async () => {
    const { results } = await runServerBench(process.env.DATABASE_URL, {
      pushBatchesPerDevice: 1,
      pullChanges: 600,
      orders: 40,
      devices: 4,
      deviceRounds: 1,
      devicePacesMs: [200, 400],
      switchingDevices: 2,
    });
    const names = results.map((m) => m.name);
    for (const part of [
      'push ingest',
      'raw 500-row INSERT',
      'pull 600 changes',
      'order intake',
      '4 devices, a push each every 0.2 s: push latency p99',
      '4 devices, a push each every 0.2 s: push sent → poked device pulled it',
      '4 devices, a push each every 0.4 s: push latency p99',
      'two instances',
    ])
      expect(
        names.some((name) => name.startsWith(part)),
        part,
      ).toBe(true);
    for (const m of results) expect(Number.isFinite(m.value), m.name).toBe(true);
    if (process.env.DATABASE_URL) expect(results.find((m) => m.unit === 'lost')?.value).toBe(0);
  });

  it('takes every device measurement in Chromium', async () => {
    const results = await runDeviceBench(
      { lines: 200, scans: 30, pullChanges: 500, build: false },
      process.env.DATABASE_URL,
    );
    expect(results.map((m) => m.name.split(' (')[0])).toEqual([
      'first-load JavaScript, gzipped',
      'scan-to-prompt p50',
      'scan-to-prompt p95',
      '  Enter → the frame that shows it, p50',
      '  Enter → the frame that shows it, p95',
      'cold start offline → usable pick screen',
      'apply a pull of 500 changes',
      '  meanwhile: longest gap between frames',
      '  meanwhile: longest task',
    ]);
    // A longest task is 0 when no task ran over 50 ms (the browser reports only those).
    for (const m of results) expect(m.value, m.name).toBeGreaterThanOrEqual(0);
    expect(results.filter((m) => m.value > 0).length).toBeGreaterThanOrEqual(8);
    expect(results[0]?.gate).toBe(true);
  });
});
