import {
  loginResponseSchema,
  pullResponseSchema,
  registerDeviceResponseSchema,
  type PickLine,
  type ScanEvent,
} from '@wms/protocol';
import { randomUUID } from 'node:crypto';

/** A handheld on a real server, through the API the PWA uses: enough to push and listen. */
export interface OpsDevice {
  deviceId: string;
  epoch: number;
  userId: string;
  token: string;
  /** The picker's open lines. */
  lines: PickLine[];
  /** All the picker's lines, done ones too (a pick on those is an over-pick, still stored). */
  allLines: PickLine[];
  /** Pick events for `lines`, numbered from `firstSeq`. */
  picks: (lines: PickLine[], firstSeq: number) => ScanEvent[];
}

export async function anOpsDevice(
  baseUrl: string,
  badge = 'P-0001',
  fetchImpl: typeof fetch = fetch,
): Promise<OpsDevice> {
  const post = async (path: string, body: unknown) => {
    const res = await fetchImpl(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  const identity = registerDeviceResponseSchema.parse(
    await post('/api/devices/register', { label: `ops ${badge}` }),
  );
  const session = loginResponseSchema.parse(
    await post('/api/auth/login', { badge, pin: '1234', ...identity }),
  );
  const pulled = await fetchImpl(`${baseUrl}/api/sync/pull`, {
    headers: { authorization: `Bearer ${session.token}` },
  });
  const { lines } = pullResponseSchema.parse(await pulled.json());
  return {
    deviceId: identity.deviceId,
    epoch: identity.epoch,
    userId: session.user.id,
    token: session.token,
    lines: lines.filter((l) => l.status === 'open'),
    allLines: lines,
    picks: (chosen, firstSeq) =>
      chosen.map((line, i) => ({
        id: randomUUID(),
        seq: firstSeq + i,
        type: 'pick@1' as const,
        deviceTime: new Date().toISOString(),
        userId: session.user.id,
        assignmentVersion: 1,
        payload: {
          pickLineId: line.id,
          waveId: line.waveId,
          binCode: line.binCode,
          skuId: line.skuId,
          qty: line.qty,
        },
      })),
  };
}
