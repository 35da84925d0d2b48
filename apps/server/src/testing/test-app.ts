import { randomUUID } from 'node:crypto';
import type { LoginResponse, PickLine, PullResponse, PushResponse, ScanEvent } from '@wms/protocol';
import { seedDemoIfEmpty } from '../demo/seed-demo';
import { createApp } from '../app';
import type { AppDeps } from '../http/app-deps';
import { PokeHub } from '../sync/poke-hub';
import { afterAll, beforeAll, expect } from 'vitest';
import { ContractCheck } from './contract-check';
import type { OwnedDatabase, TestDatabase } from './test-databases';

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

/** The real app over a real (seeded) database, called in-process with `app.request()`. */
export async function aSeededApp(database: OwnedDatabase, deps: Partial<AppDeps> = {}) {
  await seedDemoIfEmpty(database.db);
  const pokes = new PokeHub();
  const app: ReturnType<typeof createApp> = createApp({
    db: database.db,
    pokes,
    authSecret: TEST_SECRET,
    tokenTtlMs: 3_600_000,
    pwaDist: null,
    now: () => new Date(),
    // Test files sign in hundreds of devices from one in-process "address"; the limit itself
    // is tested where a test sets it.
    signInRateLimit: 0,
    ...deps,
  });
  if (isContractChecked(expect.getState().testPath)) checkAnswersOf(app);
  return { app, pokes };
}

/**
 * Test files whose answers are not checked against the API document, each with its reason.
 * Issue 15: every answer the server tests receive keeps the contract; a file goes here only for
 * a reason written beside it, never instead of fixing the answer or the document.
 */
const UNCHECKED_FILES: readonly string[] = [];

const isContractChecked = (testPath: string | undefined) =>
  !UNCHECKED_FILES.some((file) => testPath?.endsWith(file));

let contract: ContractCheck | undefined;

/** Every answer of `app.request` is checked against the API document; a mismatch fails the test. */
function checkAnswersOf(app: ReturnType<typeof createApp>) {
  const request = app.request.bind(app);
  contract ??= new ContractCheck(app);
  const check = contract;
  app.request = async (...args: Parameters<typeof request>) => {
    const res = await request(...args);
    const [input, init] = args;
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const url = input instanceof Request ? input.url : String(input);
    const mismatches = await check.mismatchesOf(method, url, res);
    if (mismatches.length > 0) {
      throw new Error(`The answer breaks the API document:\n${mismatches.join('\n')}`);
    }
    return res;
  };
}

export type App = Awaited<ReturnType<typeof aSeededApp>>['app'];

export async function postJson(app: App, path: string, body: unknown, token?: string) {
  return app.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** A handheld: registered, with a picker (or supervisor) logged in. */
export interface TestDevice {
  deviceId: string;
  epoch: number;
  token: string;
  userId: string;
  nextSeq: number;
}

export async function aLoggedInDevice(app: App, badge: string): Promise<TestDevice> {
  const registered = await postJson(app, '/api/devices/register', { label: `test ${badge}` });
  const device = (await registered.json()) as {
    deviceId: string;
    epoch: number;
    deviceSecret: string;
  };
  const res = await postJson(app, '/api/auth/login', { badge, pin: '1234', ...device });
  if (res.status !== 200)
    throw new Error(`login ${badge} failed: ${res.status} ${await res.text()}`);
  const session = (await res.json()) as LoginResponse;
  return {
    deviceId: device.deviceId,
    epoch: device.epoch,
    token: session.token,
    userId: session.user.id,
    nextSeq: 1,
  };
}

/** The next pick event of a device (allocates its seq). */
export function aPick(
  device: TestDevice,
  line: PickLine,
  qty = line.qty,
  assignmentVersion = 1,
): ScanEvent {
  return {
    id: randomUUID(),
    seq: device.nextSeq++,
    type: 'pick@1',
    deviceTime: new Date().toISOString(),
    userId: device.userId,
    assignmentVersion,
    payload: {
      pickLineId: line.id,
      waveId: line.waveId,
      binCode: line.binCode,
      skuId: line.skuId,
      qty,
    },
  };
}

export async function push(
  app: App,
  device: TestDevice,
  events: ScanEvent[],
  highestLocalSeq?: number,
) {
  const res = await postJson(
    app,
    '/api/sync/push',
    {
      deviceId: device.deviceId,
      epoch: device.epoch,
      highestLocalSeq: highestLocalSeq ?? Math.max(device.nextSeq - 1, ...events.map((e) => e.seq)),
      events,
    },
    device.token,
  );
  return {
    status: res.status,
    body: (await res.json()) as PushResponse & { error?: { code: string; expectedSeq?: number } },
  };
}

export async function pull(app: App, device: TestDevice, cursor?: string): Promise<PullResponse> {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  const res = await app.request(`/api/sync/pull${query}`, {
    headers: { authorization: `Bearer ${device.token}` },
  });
  if (res.status !== 200) throw new Error(`pull failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as PullResponse;
}

/** The body of a response, typed as the test expects it (the assertions check it). */
export async function bodyOf<
  T = { error: { code: string; message: string; fields?: { path: string; message: string }[] } },
>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/**
 * The seeded app of one test file on one database: opened before the file's tests, dropped
 * after. Read `app` and `database` inside tests (they are set by then).
 */
export function aSeededAppPerFile(target: TestDatabase) {
  const fixture = {} as { app: App; database: OwnedDatabase };
  beforeAll(async () => {
    fixture.database = await target.open();
    fixture.app = (await aSeededApp(fixture.database)).app;
  });
  afterAll(() => fixture.database.drop());
  return fixture;
}
