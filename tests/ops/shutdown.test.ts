import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanEvent } from '@wms/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../support/server-process';
import { openEmbedded } from '../sim/sim-database';
import { anOpsDevice } from './ops-device';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful shutdown of the real server process (SIGTERM)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wms-shutdown-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const events: ScanEvent[] = [];

  it('finishes a push in flight and stores it, closes event streams, refuses new work, exits 0', async () => {
    const server = await startServerProcess({}, { dataDir });
    try {
      const device = await anOpsDevice(server.url);
      events.push(...device.picks(device.lines.slice(0, 2), 1));
      expect(events).toHaveLength(2);

      // A handheld listening for pokes.
      const stream = await fetch(`${server.url}/api/sync/events`, {
        headers: { authorization: `Bearer ${device.token}` },
      });
      expect(stream.status).toBe(200);
      const reader = stream.body!.getReader();
      const hello = new TextDecoder().decode((await reader.read()).value);
      expect(hello).toContain('hello');

      // A push whose body is half sent when SIGTERM arrives.
      const body = JSON.stringify({
        deviceId: device.deviceId,
        epoch: device.epoch,
        highestLocalSeq: 2,
        events,
      });
      const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          `${server.url}/api/sync/push`,
          {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              authorization: `Bearer ${device.token}`,
            },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 40));
        void sleep(700).then(() => {
          server.terminate();
          return sleep(700).then(() => req.end(body.slice(40)));
        });
      });

      // The event stream ends (the device's EventSource will reconnect elsewhere).
      const streamEnd = (async () => {
        for (;;) if ((await reader.read()).done) return 'closed';
      })();
      expect(await Promise.race([streamEnd, sleep(10_000).then(() => 'still open')])).toBe(
        'closed',
      );

      const push = await answer;
      expect(push.status, push.body).toBe(200);
      expect(JSON.parse(push.body)).toEqual({
        ackedThroughSeq: 2,
        results: [
          { seq: 1, outcome: 'applied' },
          { seq: 2, outcome: 'applied' },
        ],
      });
      expect(await server.exited, server.output()).toBe(0);
      // Stopped listening: nothing answers on its port any more.
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    } finally {
      await server.crash();
    }

    const db = await openEmbedded(dataDir);
    try {
      const stored = await db.query<{ id: string }>(`select id from scan_events order by seq`);
      expect(stored.map((r) => r.id)).toEqual(events.map((e) => e.id));
    } finally {
      await db.close();
    }
  });
});
