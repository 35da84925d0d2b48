import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { bins, exceptions, pickLines, scanEvents, stock, stockMovements } from '../db/schema';
import {
  aLoggedInDevice,
  aPick,
  aSeededAppPerFile,
  postJson,
  pull,
  push,
} from '../testing/test-app';
import { aShort } from '../testing/handheld-events';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('push on $name', (target) => {
  const fixture = aSeededAppPerFile(target);

  const eventIdOf = async (deviceId: string, seq: number) => {
    const [row] = await queryRows<{ id: string }>(
      fixture.database.db,
      sql`select id from scan_events where device_id = ${deviceId} and seq = ${seq}`,
    );
    return row?.id ?? '';
  };

  const storedCount = async (deviceId: string) => {
    const [row] = await queryRows<{ n: number }>(
      fixture.database.db,
      sql`select count(*)::int as n from scan_events where device_id = ${deviceId}`,
    );
    return row?.n;
  };

  it('applies a pick to its line, the bin and the ledger, and answers the seq stored', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const [line] = (await pull(fixture.app, picker)).lines;
    if (!line) throw new Error('the demo wave has lines');
    const [before] = await fixture.database.db
      .select()
      .from(stock)
      .innerJoin(bins, eq(bins.id, stock.binId))
      .where(and(eq(stock.skuId, line.skuId), eq(bins.code, line.binCode)))
      .then((rows) => rows.map((row) => row.stock));
    const { status, body } = await push(fixture.app, picker, [aPick(picker, line, line.qty)]);
    expect(status).toBe(200);
    expect(body).toEqual({ ackedThroughSeq: 1, results: [{ seq: 1, outcome: 'applied' }] });
    const [after] = await fixture.database.db
      .select()
      .from(pickLines)
      .where(eq(pickLines.id, line.id));
    expect(after).toMatchObject({ pickedQty: line.qty, status: 'picked' });
    const [stockAfter] = await fixture.database.db
      .select()
      .from(stock)
      .where(and(eq(stock.binId, before?.binId ?? ''), eq(stock.skuId, line.skuId)));
    expect(stockAfter?.qty).toBe((before?.qty ?? 0) - line.qty);
    const movements = await fixture.database.db
      .select()
      .from(stockMovements)
      .where(eq(stockMovements.reason, 'pick'));
    expect(movements.map((m) => m.delta)).toEqual([-line.qty]);
  });

  it('a replayed batch after a lost reply is stored once and gets the same answer', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const lines = (await pull(fixture.app, picker)).lines
      .filter((l) => l.status === 'open')
      .slice(0, 3);
    const batch = lines.map((l) => aPick(picker, l, 1));
    const first = await push(fixture.app, picker, batch);
    const linesAfterFirst = await fixture.database.db
      .select()
      .from(pickLines)
      .orderBy(pickLines.id);
    const replay = await push(fixture.app, picker, batch);
    expect(replay).toEqual(first);
    expect(first.body.ackedThroughSeq).toBe(3);
    expect(await storedCount(picker.deviceId)).toBe(3);
    expect(await fixture.database.db.select().from(pickLines).orderBy(pickLines.id)).toEqual(
      linesAfterFirst,
    );
  });

  it('a batch overlapping what is stored stores only the new events', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const lines = (await pull(fixture.app, picker)).lines.filter((l) => l.status === 'open');
    const e1 = aPick(picker, lines[0]!, 1);
    const e2 = aPick(picker, lines[1]!, 1);
    await push(fixture.app, picker, [e1]);
    const { body } = await push(fixture.app, picker, [e1, e2]);
    expect(body.ackedThroughSeq).toBe(2);
    expect(await storedCount(picker.deviceId)).toBe(2);
  });

  it('a gap is refused with the seq expected, and nothing of the batch is stored', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const [line] = (await pull(fixture.app, picker)).lines.filter((l) => l.status === 'open');
    await push(fixture.app, picker, [aPick(picker, line!, 1)]);
    picker.nextSeq = 5;
    const { status, body } = await push(fixture.app, picker, [aPick(picker, line!, 1)]);
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: 'seq_gap', expectedSeq: 2 });
    expect(await storedCount(picker.deviceId)).toBe(1);
  });

  it('the same seq with another event id is refused as a conflict', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const [line] = (await pull(fixture.app, picker)).lines.filter((l) => l.status === 'open');
    await push(fixture.app, picker, [aPick(picker, line!, 1)]);
    picker.nextSeq = 1;
    const { status, body } = await push(fixture.app, picker, [aPick(picker, line!, 1)]);
    expect(status).toBe(409);
    expect(body.error?.code).toBe('event_conflict');
    expect(await storedCount(picker.deviceId)).toBe(1);
  });

  it('a pick for a line another device already completed is stored and opens an over-pick exception', async () => {
    const first = await aLoggedInDevice(fixture.app, 'P-0002');
    const second = await aLoggedInDevice(fixture.app, 'P-0002');
    const line = (await pull(fixture.app, first)).lines.find(
      (l) => l.status === 'open' && l.pickedQty === 0,
    )!;
    await push(fixture.app, first, [aPick(first, line, line.qty)]);
    const { status, body } = await push(fixture.app, second, [aPick(second, line, 2)]);
    expect(status).toBe(200);
    expect(body.results).toEqual([{ seq: 1, outcome: 'over-pick' }]);
    expect(await storedCount(second.deviceId)).toBe(1);
    const opened = await fixture.database.db
      .select()
      .from(exceptions)
      .where(eq(exceptions.pickLineId, line.id));
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ kind: 'over-pick', qty: 2, status: 'open' });
    expect(opened[0]?.message).toBe(
      `Return 2 × ${line.skuId} to bin ${line.binCode}: line ${line.id} was already complete`,
    );
    const [after] = await fixture.database.db
      .select()
      .from(pickLines)
      .where(eq(pickLines.id, line.id));
    expect(after).toMatchObject({ pickedQty: line.qty, status: 'picked' });
  });

  it('two devices pushing at once both get every event stored and counted once', async () => {
    const a = await aLoggedInDevice(fixture.app, 'P-0003');
    const b = await aLoggedInDevice(fixture.app, 'P-0003');
    const lines = (await pull(fixture.app, a)).lines
      .filter((l) => l.status === 'open' && l.qty >= 2)
      .slice(0, 4);
    const batchesA = lines.map((l) => [aPick(a, l, 1)]);
    const batchesB = lines.map((l) => [aPick(b, l, 1)]);
    const pushesA = (async () => {
      for (const batch of batchesA) await push(fixture.app, a, batch);
    })();
    const pushesB = (async () => {
      for (const batch of batchesB) await push(fixture.app, b, batch);
    })();
    await Promise.all([pushesA, pushesB]);
    expect(await storedCount(a.deviceId)).toBe(lines.length);
    expect(await storedCount(b.deviceId)).toBe(lines.length);
    const after = await fixture.database.db.select().from(pickLines);
    for (const line of lines) {
      expect(after.find((l) => l.id === line.id)?.pickedQty).toBe(2);
    }
  });

  it('two devices pushing the same lines in opposite orders at once count every unit once', async () => {
    const a = await aLoggedInDevice(fixture.app, 'P-0003');
    const b = await aLoggedInDevice(fixture.app, 'P-0003');
    const lines = (await pull(fixture.app, a)).lines.filter((l) => l.status === 'open').slice(0, 6);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const ids = lines.map((l) => l.id);
    const rowsOf = () =>
      fixture.database.db.select().from(pickLines).where(inArray(pickLines.id, ids));
    const before = await rowsOf();
    const binsOf = before.map((l) => ({ binId: l.binId, skuId: l.skuId }));
    const stockOf = async () =>
      (await fixture.database.db.select().from(stock)).filter((s) =>
        binsOf.some((k) => k.binId === s.binId && k.skuId === s.skuId),
      );
    const ledgerOf = async () =>
      (await fixture.database.db.select().from(stockMovements))
        .filter((m) => binsOf.some((k) => k.binId === m.binId && k.skuId === m.skuId))
        .reduce((sum, m) => sum + m.delta, 0);
    const stockBefore = await stockOf();
    const ledgerBefore = await ledgerOf();
    // Each device names the lines in another order: the locks must still be taken in one order.
    const rounds = 2;
    const outcomes: string[] = [];
    const pushes = (device: typeof a, order: typeof lines) =>
      (async () => {
        for (let r = 0; r < rounds; r++) {
          const { status, body } = await push(
            fixture.app,
            device,
            order.map((l) => aPick(device, l, 1)),
          );
          expect(status).toBe(200);
          outcomes.push(...body.results.map((x) => x.outcome));
        }
      })();
    await Promise.all([pushes(a, lines), pushes(b, [...lines].reverse())]);
    // Every unit is a fact: what fits its line is applied, the rest over-picked, none lost.
    const fits = before.reduce((n, l) => n + Math.min(l.qty - l.pickedQty, 2 * rounds), 0);
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(fits);
    expect(outcomes.filter((o) => o === 'over-pick')).toHaveLength(
      2 * rounds * lines.length - fits,
    );
    const after = await rowsOf();
    for (const line of before) {
      expect(after.find((l) => l.id === line.id)?.pickedQty).toBe(
        Math.min(line.qty, line.pickedQty + 2 * rounds),
      );
    }
    const stockAfter = await stockOf();
    const taken = 2 * rounds * lines.length;
    const sum = (rows: { qty: number }[]) => rows.reduce((n, r) => n + r.qty, 0);
    expect(sum(stockBefore) - sum(stockAfter)).toBe(taken);
    expect(ledgerBefore - (await ledgerOf())).toBe(taken);
  });

  it('picks on one line in a batch fill it in seq order; the one that overflows is an over-pick', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const line = (await pull(fixture.app, picker)).lines.find(
      (l) => l.status === 'open' && l.pickedQty === 0 && l.qty >= 2,
    );
    if (!line) throw new Error('the demo wave has an open line of 2 or more');
    const firstPart = line.qty - 1;
    const { status, body } = await push(fixture.app, picker, [
      aPick(picker, line, firstPart),
      aPick(picker, line, 3),
      aPick(picker, line, 1),
    ]);
    expect(status).toBe(200);
    expect(body.results.map((r) => r.outcome)).toEqual(['applied', 'over-pick', 'over-pick']);
    const [after] = await fixture.database.db
      .select()
      .from(pickLines)
      .where(eq(pickLines.id, line.id));
    expect(after).toMatchObject({ pickedQty: line.qty, status: 'picked' });
    const opened = await fixture.database.db
      .select()
      .from(exceptions)
      .where(and(eq(exceptions.pickLineId, line.id), eq(exceptions.kind, 'over-pick')));
    expect(opened.map((e) => e.qty).sort()).toEqual([1, 2]);
    const movements = await fixture.database.db
      .select()
      .from(stockMovements)
      .where(eq(stockMovements.eventId, await eventIdOf(picker.deviceId, 1)));
    expect(movements.map((m) => m.delta)).toEqual([-(firstPart + 3 + 1)]);
  });

  it('a pick naming a line that does not exist is stored as unknown-line, opens an exception and takes nothing', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const [line] = (await pull(fixture.app, picker)).lines;
    if (!line) throw new Error('the demo wave has lines');
    const stray = aPick(picker, { ...line, id: 'PL-NOWHERE-1' }, 2);
    const { status, body } = await push(fixture.app, picker, [stray]);
    expect(status).toBe(200);
    expect(body.results).toEqual([{ seq: 1, outcome: 'unknown-line' }]);
    const [stored] = await queryRows<{ outcome: string }>(
      fixture.database.db,
      sql`select outcome from scan_events where id = ${stray.id}`,
    );
    expect(stored?.outcome).toBe('unknown-line');
    const opened = await fixture.database.db
      .select()
      .from(exceptions)
      .where(eq(exceptions.eventId, stray.id));
    expect(opened).toMatchObject([
      {
        kind: 'unknown-line',
        qty: 2,
        skuId: line.skuId,
        pickLineId: null,
        message: `A pick of 2 × ${line.skuId} at ${line.binCode} names line PL-NOWHERE-1, which does not exist here: check the bin and return the items`,
      },
    ]);
    const [message] = await queryRows<{ n: number }>(
      fixture.database.db,
      sql`select count(*)::int as n from webhook_messages
          where type = 'exception.opened' and payload->'data'->>'exceptionId' = ${opened[0]?.id ?? ''}`,
    );
    expect(message?.n).toBe(1);
    const movements = await fixture.database.db
      .select()
      .from(stockMovements)
      .where(eq(stockMovements.eventId, stray.id));
    expect(movements).toEqual([]);
  });

  it('a pick that takes its bin below zero is applied and opens a count exception for the bin', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const line = (await pull(fixture.app, picker)).lines.find(
      (l) => l.status === 'open' && l.qty - l.pickedQty >= 2,
    );
    if (!line) throw new Error('the demo wave has an open line with 2 units to pick');
    const [row] = await fixture.database.db
      .select()
      .from(pickLines)
      .where(eq(pickLines.id, line.id));
    const binId = row?.binId ?? '';
    await fixture.database.db
      .update(stock)
      .set({ qty: 1 })
      .where(and(eq(stock.binId, binId), eq(stock.skuId, line.skuId)));
    const { status, body } = await push(fixture.app, picker, [aPick(picker, line, 2)]);
    expect(status).toBe(200);
    expect(body.results).toEqual([{ seq: 1, outcome: 'applied' }]);
    const [after] = await fixture.database.db
      .select()
      .from(stock)
      .where(and(eq(stock.binId, binId), eq(stock.skuId, line.skuId)));
    expect(after?.qty).toBe(-1);
    const opened = await fixture.database.db
      .select()
      .from(exceptions)
      .where(and(eq(exceptions.binId, binId), eq(exceptions.kind, 'bin-negative')));
    expect(opened).toMatchObject([
      {
        skuId: line.skuId,
        qty: -1,
        message: `Bin ${binId} shows -1 × ${line.skuId} after picks: count the bin`,
      },
    ]);
  });

  it('a batch mixing picks and a short stores every event once with its outcome, in seq order', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const lines = (await pull(fixture.app, picker)).lines.filter(
      (l) => l.status === 'open' && l.qty - l.pickedQty >= 2,
    );
    const [first, second] = lines;
    if (!first || !second) throw new Error('the demo wave has two open lines of 2 or more');
    const batch = [
      aPick(picker, first, 1),
      aShort(picker, first, 'empty'),
      aPick(picker, first, 1),
      aPick(picker, second, 1),
    ];
    const { status, body } = await push(fixture.app, picker, batch);
    expect(status).toBe(200);
    // The short closed the first line: the pick after it is an over-pick.
    expect(body.results.map((r) => r.outcome)).toEqual([
      'applied',
      'applied',
      'over-pick',
      'applied',
    ]);
    const stored = await queryRows<{ id: string; seq: number; type: string; outcome: string }>(
      fixture.database.db,
      sql`select id, seq, type, outcome from scan_events where device_id = ${picker.deviceId} order by seq`,
    );
    expect(stored).toEqual(
      batch.map((e, i) => ({
        id: e.id,
        seq: e.seq,
        type: e.type,
        outcome: body.results[i]?.outcome,
      })),
    );
    const replay = await push(fixture.app, picker, batch);
    expect(replay.body).toEqual(body);
  });

  it('a call without a valid token is refused and stores nothing', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const [line] = (await pull(fixture.app, picker)).lines;
    const body = {
      deviceId: picker.deviceId,
      epoch: 1,
      highestLocalSeq: 1,
      events: [aPick(picker, line!, 1)],
    };
    const noToken = await postJson(fixture.app, '/api/sync/push', body);
    const forged = await postJson(
      fixture.app,
      '/api/sync/push',
      body,
      `${picker.token.slice(0, -4)}AAAA`,
    );
    expect(noToken.status).toBe(401);
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe(
      'unauthenticated',
    );
    expect(await storedCount(picker.deviceId)).toBe(0);
  });

  it('a device cannot push as another device', async () => {
    const thief = await aLoggedInDevice(fixture.app, 'P-0001');
    const victim = await aLoggedInDevice(fixture.app, 'P-0001');
    const [line] = (await pull(fixture.app, thief)).lines;
    const res = await postJson(
      fixture.app,
      '/api/sync/push',
      { deviceId: victim.deviceId, epoch: 1, highestLocalSeq: 1, events: [aPick(thief, line!, 1)] },
      thief.token,
    );
    expect(res.status).toBe(403);
    expect(await storedCount(victim.deviceId)).toBe(0);
  });

  it('a malformed batch is refused with every field named, and nothing is stored', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const [line] = (await pull(fixture.app, picker)).lines;
    const good = aPick(picker, line!, 1);
    const res = await postJson(
      fixture.app,
      '/api/sync/push',
      {
        deviceId: picker.deviceId,
        epoch: 1,
        highestLocalSeq: 3,
        events: [good, { ...good, seq: 3, payload: { ...good.payload, qty: 0 } }],
      },
      picker.token,
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: { path: string }[] } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.fields.map((f) => f.path).sort()).toEqual([
      'events.1.payload.qty',
      'events.1.seq',
    ]);
    expect(await storedCount(picker.deviceId)).toBe(0);
    const events = await fixture.database.db
      .select()
      .from(scanEvents)
      .where(eq(scanEvents.deviceId, picker.deviceId));
    expect(events).toEqual([]);
  });
});
