import type { TaskListResponse } from '@wms/protocol';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tasks } from '../db/schema';
import { aBinLabelFailure } from '../testing/handheld-events';
import { aLoggedInDevice, aSeededAppPerFile, pull, push } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('bin label failures on $name', (target) => {
  const fixture = aSeededAppPerFile(target);

  it('opens one reprint-label task per bin, listed for the supervisor, and pokes them', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const supervisor = await aLoggedInDevice(fixture.app, 'S-0001');
    const watched = await pull(fixture.app, supervisor);
    const [line] = (await pull(fixture.app, picker)).lines;
    if (!line) throw new Error('the demo wave has lines');

    const { status, body } = await push(fixture.app, picker, [aBinLabelFailure(picker, line)]);
    expect(status).toBe(200);
    expect(body.results).toEqual([{ seq: 1, outcome: 'applied' }]);
    await push(fixture.app, picker, [aBinLabelFailure(picker, line)]);

    const res = await fixture.app.request('/api/tasks', {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    const { tasks: open } = (await res.json()) as TaskListResponse;
    expect(open.filter((t) => t.kind === 'reprint-label')).toEqual([
      expect.objectContaining({
        binCode: line.binCode,
        status: 'open',
        detail: '3 attempts',
        message: `Reprint the label of bin ${line.binCode}: it failed 3 times in a row`,
        labelUrl: `/api/labels/bins.pdf?codes=${line.binCode}`,
      }),
    ]);
    // The link opens the label itself.
    const label = await fixture.app.request(open[0]!.labelUrl!, {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(label.status).toBe(200);
    expect(label.headers.get('content-type')).toBe('application/pdf');
    const stored = await fixture.database.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.kind, 'reprint-label'), eq(tasks.pickLineId, line.id)));
    expect(stored).toHaveLength(1);
    // The supervisor's feed moved: their tablet is poked and pulls the wave again.
    const after = await pull(fixture.app, supervisor, watched.cursor);
    expect(after.waves.map((w) => w.id)).toContain(line.waveId);
  });

  it('refuses the task list to a picker', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const res = await fixture.app.request('/api/tasks', {
      headers: { authorization: `Bearer ${picker.token}` },
    });
    expect(res.status).toBe(403);
  });

  it('stores a report for a bin that does not exist as unknown-line', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const [line] = (await pull(fixture.app, picker)).lines;
    if (!line) throw new Error('the demo wave has lines');
    const { body } = await push(fixture.app, picker, [
      aBinLabelFailure(picker, { ...line, binCode: 'Z-99-99' }),
    ]);
    expect(body.results).toEqual([{ seq: 1, outcome: 'unknown-line' }]);
  });
});
