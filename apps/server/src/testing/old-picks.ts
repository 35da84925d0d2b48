import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { PickLine, ScanEvent } from '@wms/protocol';
import type { Db } from '../db/database';
import { type App, type TestDevice, aLoggedInDevice, aPick, pull, push } from './test-app';

/** A picker's pushed picks, backdated: the scan events retention and the archiver work on. */
export interface OldPicks {
  picker: TestDevice;
  /** The cursor of the picker's first pull, minted before the picks. */
  cursor: string;
  lines: PickLine[];
  events: ScanEvent[];
}

/**
 * Picker P-0001 pulls, picks the first three open lines of the demo in one push, and the
 * server's copies of the first `backdate.events` of them (default all three) are then marked
 * received `backdate.days` ago, as a handheld's pushes long past would be.
 */
export async function oldPicks(
  app: App,
  db: Db,
  backdate: { days: number; events?: number },
): Promise<OldPicks> {
  const picker = await aLoggedInDevice(app, 'P-0001');
  const first = await pull(app, picker);
  const lines = first.lines.filter((l) => l.status === 'open').slice(0, 3);
  const events = lines.map((line) => aPick(picker, line));
  expect((await push(app, picker, events)).status).toBe(200);
  await db.execute(sql`
    update scan_events set received_at = now() - make_interval(days => ${backdate.days})
    where device_id = ${picker.deviceId} and seq <= ${backdate.events ?? events.length}`);
  return { picker, cursor: first.cursor, lines, events };
}
