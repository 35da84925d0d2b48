import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLoggedInDevice, aPick, aSeededApp, pull, push } from '../testing/test-app';
import { hasPostgres, type OwnedDatabase, testDatabases } from '../testing/test-databases';

/**
 * The case a sequence- or timestamp-based cursor gets wrong: a transaction that started first
 * (lower ids) commits after a later one. Needs two real connections, so real Postgres only.
 */
describe.runIf(hasPostgres)('pull cursor and a late-committing transaction (Postgres)', () => {
  let database: OwnedDatabase;
  let app: Awaited<ReturnType<typeof aSeededApp>>['app'];
  let side: postgres.Sql;

  beforeAll(async () => {
    const pg = testDatabases().find((d) => d.name === 'postgres')!;
    database = await pg.open();
    ({ app } = await aSeededApp(database));
    side = postgres(database.url!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await side.end();
    await database.drop();
  });

  it('a change committed after a later one is still delivered', async () => {
    const picker = await aLoggedInDevice(app, 'P-0001');
    const snapshot = await pull(app, picker);
    const [early, late] = snapshot.lines.filter((l) => l.status === 'open');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const hasWritten = new Promise<void>((resolve) => (started = resolve));
    // The slow writer: takes its transaction id and writes the early line's change, then waits.
    const slow = side.begin(async (tx) => {
      await tx`update pick_lines set note = 'recounted' where id = ${early!.id}`;
      await tx`insert into changes (warehouse_id, wave_id, line_id, audience_user_id)
               values ('GZ', ${early!.waveId}, ${early!.id}, ${picker.userId})`;
      started();
      await held;
    });
    await hasWritten;
    // A later transaction commits first.
    const { status } = await push(app, picker, [aPick(picker, late!, 1)]);
    expect(status).toBe(200);
    const whileOpen = await pull(app, picker, snapshot.cursor);
    expect(whileOpen.lines.map((l) => l.id)).not.toContain(early!.id);
    // The push's change has committed but waits behind the open transaction: the device is told.
    expect(whileOpen.heldBack).toBe(true);
    release();
    await slow;
    const afterCommit = await pull(app, picker, whileOpen.cursor);
    expect(afterCommit.heldBack).toBe(false);
    const delivered = [...whileOpen.lines, ...afterCommit.lines];
    expect(delivered.find((l) => l.id === early!.id)?.note).toBe('recounted');
    expect(delivered.find((l) => l.id === late!.id)?.pickedQty).toBe(1);
  });

  it('a transaction open in another database holds nothing back', async () => {
    const picker = await aLoggedInDevice(app, 'P-0002');
    const snapshot = await pull(app, picker);
    const [line] = snapshot.lines.filter((l) => l.status === 'open');
    // Another database on the same server (the one the test databases are made from) takes a
    // transaction id and stays open: it is older than the push below, and cannot write our feed.
    const elsewhere = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const hasXid = new Promise<void>((resolve) => (started = resolve));
    const open = elsewhere.begin(async (tx) => {
      await tx`select pg_current_xact_id()`;
      started();
      await held;
    });
    try {
      await hasXid;
      const { status } = await push(app, picker, [aPick(picker, line!, 1)]);
      expect(status).toBe(200);
      const next = await pull(app, picker, snapshot.cursor);
      expect(next.heldBack).toBe(false);
      expect(next.lines.find((l) => l.id === line!.id)?.pickedQty).toBe(1);
    } finally {
      release();
      await open;
      await elsewhere.end();
    }
  });
});
