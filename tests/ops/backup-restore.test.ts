import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, startServerProcess } from '../support/server-process';
import { anOpsDevice } from './ops-device';

/** This environment without DATABASE_URL (the restore is of the embedded database). */
function embeddedEnv() {
  const { DATABASE_URL: _postgres, ...env } = process.env;
  return env;
}

describe('embedded database: back up a running server, restore, bring it up in a new one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wms-restore-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the new server finds every scan event', async () => {
    const original = await startServerProcess();
    const pushed: { id: string; orderId: string }[] = [];
    const tarball = join(dir, 'backup.tar.gz');
    try {
      for (const badge of ['P-0001', 'P-0002']) {
        const device = await anOpsDevice(original.url, badge);
        const lines = device.lines.slice(0, 3);
        const events = device.picks(lines, 1);
        const res = await fetch(`${original.url}/api/sync/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
          body: JSON.stringify({
            deviceId: device.deviceId,
            epoch: device.epoch,
            highestLocalSeq: events.length,
            events,
          }),
        });
        expect(res.status).toBe(200);
        events.forEach((e, i) => pushed.push({ id: e.id, orderId: lines[i]!.orderId }));
      }
      const admin = await anOpsDevice(original.url, 'A-0001');
      const backup = await fetch(`${original.url}/api/admin/backup`, {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(backup.status).toBe(200);
      writeFileSync(tarball, Buffer.from(await backup.arrayBuffer()));
    } finally {
      await original.stop();
    }

    const restoredDir = join(dir, 'restored');
    // The README's recipe as typed: from the repo root, the tarball by a relative path (npm runs
    // the script in apps/server, so a path relative to there would not find it).
    const { INIT_CWD: _npmSets, ...env } = embeddedEnv();
    const restoreOutput = execFileSync(
      'npm',
      ['run', 'restore', '--', relative(repoRoot, tarball)],
      { cwd: repoRoot, env: { ...env, DATA_DIR: relative(repoRoot, restoredDir) } },
    ).toString();
    expect(restoreOutput).toContain(`Restored ${tarball} into ${join(restoredDir, 'pglite')}`);
    // Only the database: no development auth-secret written into the new folder by the restore.
    expect(readdirSync(restoredDir)).toEqual(['pglite']);

    const restored = await startServerProcess({}, { dataDir: restoredDir });
    try {
      const admin = await anOpsDevice(restored.url, 'A-0001');
      const found = new Set<string>();
      for (const orderId of new Set(pushed.map((p) => p.orderId))) {
        const res = await fetch(`${restored.url}/api/orders/${orderId}/trace`, {
          headers: { authorization: `Bearer ${admin.token}` },
        });
        expect(res.status).toBe(200);
        const { timeline } = (await res.json()) as {
          timeline: { kind: string; detail: { eventId?: string } }[];
        };
        for (const t of timeline)
          if (t.kind === 'scan' && t.detail.eventId) found.add(t.detail.eventId);
      }
      expect(pushed.filter((p) => !found.has(p.id))).toEqual([]);
      expect(pushed).toHaveLength(6);
    } finally {
      await restored.stop();
    }
  });
});
