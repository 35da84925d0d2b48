import type { Board, PickLine, PullResponse, WavePreview } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import {
  aLoggedInDevice,
  aPick,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  pull,
  push,
  type TestDevice,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

/**
 * M2.1 with sync rule 4: a wave (or part of it) moves from picker A to picker B while A is
 * offline and still picking. A's late picks are kept and credited to A, B sees only what
 * remains, a line filled twice is an over-pick exception.
 */
describe.each(testDatabases())(
  'reassignment while the first picker is offline on $name',
  (target) => {
    const fx = aSeededAppPerFile(target);

    const get = async <T>(path: string, token: string) => {
      const res = await fx.app.request(path, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      return bodyOf<T>(res);
    };

    /**
     * Pulls from `cursor` until the changes of every finished transaction are in: on a shared
     * Postgres, a transaction of another database can hold the snapshot's xmin back for a moment
     * (the cursor then waits rather than skip, sync rule 5). Merges what each page brought.
     */
    async function pullSettled(
      device: TestDevice,
      cursor: string,
      done: (p: PullResponse) => boolean,
    ) {
      const merged: PullResponse = { ...(await pull(fx.app, device, cursor)) };
      for (let i = 0; i < 100 && !done(merged); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const next = await pull(fx.app, device, merged.cursor);
        merged.cursor = next.cursor;
        merged.waves.push(...next.waves);
        merged.lines.push(...next.lines);
        merged.removedWaves.push(...next.removedWaves);
      }
      return merged;
    }

    async function eventsOf(lineIds: string[]) {
      return queryRows<{ lineId: string; userId: string; outcome: string; qty: number }>(
        fx.database.db,
        sql`select payload->>'pickLineId' as "lineId", user_id as "userId", outcome, (payload->>'qty')::int as qty
          from scan_events where payload->>'pickLineId' in (select jsonb_array_elements_text(${JSON.stringify(lineIds)}::jsonb))
          order by received_at, device_id, seq`,
      );
    }

    it('split at A’s position: exact lines, credits and exceptions on both sides of the move', async () => {
      const supervisor = await aLoggedInDevice(fx.app, 'S-0001');
      const a = await aLoggedInDevice(fx.app, 'P-0002'); // Zhang Min holds B26-08
      const b = await aLoggedInDevice(fx.app, 'P-0001'); // Li Wei
      const snapshot = await pull(fx.app, a);
      const lines = snapshot.lines.filter((l) => l.waveId === 'W-GZ-B26-08' && l.status === 'open');
      const [l1, l2, l3, l4] = lines as [PickLine, PickLine, PickLine, PickLine];
      // A picks l1 and says so; then, offline, picks l2 and l3: the server only hears that A's
      // device holds two more events (its last report before the network went).
      const first = aPick(a, l1);
      const offline = [aPick(a, l2), aPick(a, l3)];
      expect((await push(fx.app, a, [first], 3)).status).toBe(200);

      const preview = await get<WavePreview>(
        '/api/waves/W-GZ-B26-08/move-preview?mode=split',
        supervisor.token,
      );
      expect(preview).toMatchObject({
        code: 'B26-08',
        positionBin: l1.binCode,
        linesMoving: lines.length - 1,
        assignee: { userId: 'u-gz-p2', name: 'Zhang Min', backlog: 2, currentBin: l1.binCode },
      });
      expect(preview.assignee?.lastSeenAt).not.toBeNull();

      const moved = await postJson(
        fx.app,
        '/api/waves/W-GZ-B26-08/assign',
        { userId: 'u-gz-p1', mode: 'split' },
        supervisor.token,
      );
      expect(moved.status).toBe(200);
      const { newWaveId, movedLines, status } = await bodyOf<{
        newWaveId: string;
        movedLines: number;
        status: string;
      }>(moved);
      expect({ newWaveId, movedLines, status }).toEqual({
        newWaveId: 'W-GZ-B26-08-S1',
        movedLines: lines.length - 1,
        status: 'done',
      });

      // B sees only what remains: the new wave, without l1.
      const bView = await pull(fx.app, b);
      const bLines = bView.lines.filter((l) => l.waveId === newWaveId);
      expect(bView.waves.find((w) => w.id === newWaveId)?.code).toBe('S26-08');
      expect(bLines.map((l) => l.id).sort()).toEqual(
        lines
          .slice(1)
          .map((l) => l.id)
          .sort(),
      );
      // B picks l3 (which A already has in hand) and l4.
      expect((await push(fx.app, b, [aPick(b, l3), aPick(b, l4)])).status).toBe(200);

      // A comes back: both late picks are stored; l2 is credited to A, l3 was filled twice.
      const late = await push(fx.app, a, offline);
      expect(late.status).toBe(200);
      expect(late.body.results).toEqual([
        { seq: 2, outcome: 'stale-assignment' },
        { seq: 3, outcome: 'over-pick' },
      ]);
      const lineRows = await queryRows<{
        id: string;
        waveId: string;
        pickedQty: number;
        status: string;
      }>(
        fx.database.db,
        sql`select id, wave_id as "waveId", picked_qty as "pickedQty", status from pick_lines
          where id in (${l1.id}, ${l2.id}, ${l3.id}, ${l4.id}) order by id`,
      );
      expect(lineRows).toEqual(
        [
          { id: l1.id, waveId: 'W-GZ-B26-08', pickedQty: l1.qty, status: 'picked' },
          { id: l2.id, waveId: newWaveId, pickedQty: l2.qty, status: 'picked' },
          { id: l3.id, waveId: newWaveId, pickedQty: l3.qty, status: 'picked' },
          { id: l4.id, waveId: newWaveId, pickedQty: l4.qty, status: 'picked' },
        ].sort((x, y) => x.id.localeCompare(y.id)),
      );
      expect(await eventsOf([l1.id, l2.id, l3.id, l4.id])).toEqual([
        { lineId: l1.id, userId: 'u-gz-p2', outcome: 'applied', qty: l1.qty },
        { lineId: l3.id, userId: 'u-gz-p1', outcome: 'applied', qty: l3.qty },
        { lineId: l4.id, userId: 'u-gz-p1', outcome: 'applied', qty: l4.qty },
        { lineId: l2.id, userId: 'u-gz-p2', outcome: 'stale-assignment', qty: l2.qty },
        { lineId: l3.id, userId: 'u-gz-p2', outcome: 'over-pick', qty: l3.qty },
      ]);
      const exceptions = await queryRows<{
        kind: string;
        pickLineId: string;
        qty: number;
        message: string;
      }>(
        fx.database.db,
        sql`select kind, pick_line_id as "pickLineId", qty, message from exceptions
          where wave_id in ('W-GZ-B26-08', ${newWaveId}) order by opened_at`,
      );
      expect(exceptions).toEqual([
        {
          kind: 'over-pick',
          pickLineId: l3.id,
          qty: l3.qty,
          message: `Return ${l3.qty} × ${l3.skuId} to bin ${l3.binCode}: line ${l3.id} was already complete`,
        },
      ]);

      // A's device drops the lines that left (they arrive under a wave it does not hold).
      const aView = await pullSettled(
        a,
        snapshot.cursor,
        (p) => p.lines.filter((l) => l.waveId === newWaveId).length === lines.length - 1,
      );
      expect(aView.waves.find((w) => w.id === 'W-GZ-B26-08')?.status).toBe('done');
      expect(aView.lines.filter((l) => l.waveId === 'W-GZ-B26-08').map((l) => l.id)).toEqual([
        l1.id,
      ]);
      expect(
        aView.lines
          .filter((l) => l.waveId === newWaveId)
          .map((l) => l.id)
          .sort(),
      ).toEqual(
        lines
          .slice(1)
          .map((l) => l.id)
          .sort(),
      );

      // The board credits each picker on the wave the line is in now.
      const board = await get<Board>('/api/console/board', supervisor.token);
      const credit = (waveId: string) => board.waves.find((w) => w.id === waveId)?.byPicker;
      expect(credit('W-GZ-B26-08')).toEqual([
        { userId: 'u-gz-p2', name: 'Zhang Min', lines: 1, units: l1.qty },
      ]);
      expect(credit(newWaveId)).toEqual([
        { userId: 'u-gz-p1', name: 'Li Wei', lines: 2, units: l3.qty + l4.qty },
        { userId: 'u-gz-p2', name: 'Zhang Min', lines: 1, units: l2.qty },
      ]);
      expect(board.exceptions).toContainEqual({ kind: 'over-pick', count: 1 });
    });

    it('a whole wave moved while A is offline: A is told how many of their picks were kept', async () => {
      const supervisor = await aLoggedInDevice(fx.app, 'S-0001');
      const a = await aLoggedInDevice(fx.app, 'P-0001'); // Li Wei holds B26-07
      const b = await aLoggedInDevice(fx.app, 'P-0002');
      const snapshot = await pull(fx.app, a);
      const open = snapshot.lines.filter((l) => l.waveId === 'W-GZ-B26-07' && l.status === 'open');
      const [l1, l2, l3] = open as [PickLine, PickLine, PickLine];
      expect((await push(fx.app, a, [aPick(a, l1)], 1)).status).toBe(200);
      const offline = [aPick(a, l2), aPick(a, l3, 1)];

      const res = await postJson(
        fx.app,
        '/api/waves/W-GZ-B26-07/assign',
        { userId: 'u-gz-p2' },
        supervisor.token,
      );
      expect(res.status).toBe(200);
      const bView = await pull(fx.app, b);
      expect(
        bView.lines.filter((l) => l.waveId === 'W-GZ-B26-07' && l.status === 'open').length,
      ).toBe(open.length - 1);
      expect((await push(fx.app, b, [aPick(b, l2)])).status).toBe(200);

      const late = await push(fx.app, a, offline);
      expect(late.body.results).toEqual([
        { seq: 2, outcome: 'over-pick' },
        { seq: 3, outcome: 'stale-assignment' },
      ]);
      const aView = await pullSettled(a, snapshot.cursor, (p) => p.removedWaves.length > 0);
      expect(aView.removedWaves).toEqual([
        { waveId: 'W-GZ-B26-07', reason: 'reassigned', assignedTo: 'Zhang Min', keptPicks: 3 },
      ]);
      const [over] = await queryRows<{ qty: number; message: string }>(
        fx.database.db,
        sql`select qty, message from exceptions where pick_line_id = ${l2.id}`,
      );
      expect(over).toEqual({
        qty: l2.qty,
        message: `Return ${l2.qty} × ${l2.skuId} to bin ${l2.binCode}: line ${l2.id} was already complete`,
      });
    });

    it('refuses a bad move, naming the field, and changes nothing', async () => {
      const supervisor = await aLoggedInDevice(fx.app, 'S-0001');
      const before = await queryRows<{ n: number }>(
        fx.database.db,
        sql`select count(*)::int as n from waves`,
      );
      const cases: [unknown, string, number][] = [
        [{ userId: null, mode: 'remaining' }, 'userId', 400],
        [{ userId: 'u-gz-p1', mode: 'sideways' }, 'mode', 400],
        [{ userId: 'u-cd-p1', mode: 'split' }, 'userId', 400],
        [{ mode: 'split' }, 'userId', 400],
      ];
      for (const [body, field, status] of cases) {
        const res = await postJson(
          fx.app,
          '/api/waves/W-GZ-B26-08-S1/assign',
          body,
          supervisor.token,
        );
        expect(res.status).toBe(status);
        const { error } = await bodyOf(res);
        expect(error.fields?.map((f) => f.path)).toContain(field);
      }
      const sameOwner = await postJson(
        fx.app,
        '/api/waves/W-GZ-B26-08-S1/assign',
        { userId: 'u-gz-p1', mode: 'remaining' },
        supervisor.token,
      );
      expect(sameOwner.status).toBe(400);
      const badMode = await fx.app.request('/api/waves/W-GZ-B26-08/move-preview?mode=up', {
        headers: { authorization: `Bearer ${supervisor.token}` },
      });
      expect(badMode.status).toBe(400);
      expect((await bodyOf(badMode)).error.fields?.map((f) => f.path)).toEqual(['mode']);
      const after = await queryRows<{ n: number }>(
        fx.database.db,
        sql`select count(*)::int as n from waves`,
      );
      expect(after).toEqual(before);
    });
  },
);
