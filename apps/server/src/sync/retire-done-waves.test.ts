import { describe, expect, it } from 'vitest';
import { aLoggedInDevice, aPick, aSeededAppPerFile, pull, push } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { DONE_WAVE_SHIFT_MS, retireDoneWaves } from './retire-done-waves';

describe.each(testDatabases())('a device holds today’s work on $name', (target) => {
  const fixture = aSeededAppPerFile(target);

  it('a done wave stays for the shift, then leaves through the feed and is gone from a fresh pull', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const supervisor = await aLoggedInDevice(fixture.app, 'S-0001');
    const snapshot = await pull(fixture.app, picker);
    const supervisorCursor = (await pull(fixture.app, supervisor)).cursor;
    const open = snapshot.lines.filter((line) => line.status === 'open');
    const picked = await push(
      fixture.app,
      picker,
      open.map((line) => aPick(picker, line)),
    );
    expect(picked.status).toBe(200);
    const done = await pull(fixture.app, picker, snapshot.cursor);
    expect(done.waves.map((w) => [w.code, w.status])).toEqual([['B26-07', 'done']]);

    // Within the shift, nothing leaves.
    expect(await retireDoneWaves(fixture.database.db, new Date())).toBe(0);
    expect((await pull(fixture.app, picker)).waves.map((w) => w.code)).toEqual(['B26-07']);

    const aShiftLater = new Date(Date.now() + DONE_WAVE_SHIFT_MS + 60_000);
    expect(await retireDoneWaves(fixture.database.db, aShiftLater)).toBe(1);
    const left = await pull(fixture.app, picker, done.cursor);
    expect(left.removedWaves).toEqual([
      { waveId: 'W-GZ-B26-07', reason: 'finished', assignedTo: null, keptPicks: open.length },
    ]);
    expect(left.waves).toEqual([]);
    expect(left.lines).toEqual([]);
    const supervisorSaw = await pull(fixture.app, supervisor, supervisorCursor);
    expect(supervisorSaw.removedWaves.map((r) => [r.waveId, r.reason])).toContainEqual([
      'W-GZ-B26-07',
      'finished',
    ]);

    const fresh = await pull(fixture.app, picker);
    expect(fresh.waves).toEqual([]);
    expect(fresh.lines).toEqual([]);
    expect((await pull(fixture.app, supervisor)).waves.map((w) => w.code)).toEqual(['B26-08']);
    expect(await retireDoneWaves(fixture.database.db, aShiftLater)).toBe(0);
  });
});
