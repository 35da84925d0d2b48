import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { apiRoutes, concretePath } from '../testing/api-routes';
import { aLoggedInDevice, aSeededAppPerFile } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

/** Strings that break naive code: injections, markup, odd Unicode, the very long. */
const nastyString = fc.oneof(
  fc.constantFrom(
    "'; drop table scan_events; --",
    '" or 1=1 --',
    '<script>alert(1)</script>',
    '\u0000',
    '\u202e\u0644\u200d',
    '🧨📦',
    '１２３４５',
    'A-03-12\u001d10LOT',
    'x'.repeat(20_000),
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const deeplyNested = fc.integer({ min: 50, max: 2000 }).map((depth) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
});

/** Bodies that look like the real messages but are wrong in some field. */
const nearlyValid = fc.record(
  {
    deviceId: fc.oneof(fc.uuid(), nastyString),
    epoch: fc.oneof(fc.integer(), fc.double(), nastyString),
    highestLocalSeq: fc.oneof(fc.integer(), fc.constant(Number.MAX_SAFE_INTEGER), fc.constant(-1)),
    events: fc.array(
      fc.record({
        id: fc.oneof(fc.uuid(), nastyString),
        seq: fc.oneof(fc.integer(), fc.double()),
        type: fc.oneof(fc.constant('pick@1'), nastyString),
        payload: fc.record({
          pickLineId: nastyString,
          qty: fc.oneof(fc.integer(), fc.double()),
          binCode: nastyString,
        }),
      }),
      { maxLength: 5 },
    ),
    badge: nastyString,
    pin: nastyString,
    label: nastyString,
    userId: fc.oneof(nastyString, fc.constant(null)),
  },
  { requiredKeys: [] },
);

const anyBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  nearlyValid.map((v) => JSON.stringify(v)),
  deeplyNested.map((v) => JSON.stringify(v)),
  nastyString,
  fc.constant(''),
  fc.constant('x'.repeat(2_000_000)),
);

const WRITTEN_TABLES = [
  'scan_events',
  'devices',
  'device_incarnations',
  'exceptions',
  'changes',
  'stock_movements',
  'pick_lines',
  'waves',
  'users',
];

describe('every endpoint under malformed input', () => {
  const fixture = aSeededAppPerFile(testDatabases()[0]!);

  const snapshot = async () => {
    const [row] = await queryRows<{ state: string }>(
      fixture.database.db,
      sql.raw(
        `select concat_ws(',', ${WRITTEN_TABLES.map((t) => `(select count(*) from ${t})`).join(', ')},
        (select coalesce(sum(picked_qty), 0) from pick_lines), (select coalesce(sum(qty), 0) from stock),
        (select coalesce(max(assignment_version), 0) from waves)) as state`,
      ),
    );
    return row?.state;
  };

  it('never answers 5xx, always a JSON error that names the problem, and a refusal changes nothing', async () => {
    const supervisor = await aLoggedInDevice(fixture.app, 'S-0001');
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const routes = apiRoutes(fixture.app).filter((r) => r !== 'GET /api/sync/events');
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        anyBody,
        nastyString,
        fc.boolean(),
        async (route, body, param, asLead) => {
          const [method, pattern] = route.split(' ') as [string, string];
          const path = concretePath(pattern, { deviceId: param, waveId: param });
          const query =
            method === 'GET'
              ? `?cursor=${encodeURIComponent(param)}&highestLocalSeq=${encodeURIComponent(param)}`
              : '';
          const before = await snapshot();
          const res = await fixture.app.request(`${encodeURI(path)}${query}`, {
            method,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${(asLead ? supervisor : picker).token}`,
            },
            ...(method === 'POST' ? { body } : {}),
          });
          requests++;
          expect(res.status, `${route} answered ${res.status}`).toBeLessThan(500);
          if (res.status >= 400) {
            const error = ((await res.json()) as { error: { code: string; message: string } })
              .error;
            expect(error.code).toMatch(/^[a-z_]+$/);
            expect(error.message.length).toBeGreaterThan(5);
            expect(
              await snapshot(),
              `${route} refused with ${res.status} but changed the database`,
            ).toBe(before);
          } else {
            await res.body?.cancel();
          }
        },
      ),
      { numRuns: 300, seed: 20261122 },
    );
    expect(requests).toBe(300);
  }, 240_000);
});
