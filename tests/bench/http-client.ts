import { randomUUID } from 'node:crypto';
import type { PullResponse, ScanEvent } from '@wms/protocol';

/** A benchmark device: registered and logged in over HTTP. */
export interface BenchDevice {
  deviceId: string;
  epoch: number;
  token: string;
  userId: string;
  nextSeq: number;
}

export async function enrolDevice(baseUrl: string, badge: string): Promise<BenchDevice> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const device = (await post('/api/devices/register', { label: `bench ${badge}` })) as {
    deviceId: string;
    epoch: number;
  };
  const session = (await post('/api/auth/login', { badge, pin: '1234', ...device })) as {
    token: string;
    user: { id: string };
  };
  return {
    deviceId: device.deviceId,
    epoch: device.epoch,
    token: session.token,
    userId: session.user.id,
    nextSeq: 1,
  };
}

/** A batch of `size` one-unit picks on the given lines, with the device's next seqs. */
export function pickBatch(
  device: BenchDevice,
  waveId: string,
  lineIds: readonly string[],
  size: number,
): ScanEvent[] {
  return Array.from({ length: size }, (_, i) => ({
    id: randomUUID(),
    seq: device.nextSeq++,
    type: 'pick@1' as const,
    deviceTime: new Date().toISOString(),
    userId: device.userId,
    assignmentVersion: 1,
    payload: {
      pickLineId: lineIds[i % lineIds.length]!,
      waveId,
      binCode: 'A-01-01',
      skuId: 'SKU-00001',
      qty: 1,
    },
  }));
}

export async function pushBatch(
  baseUrl: string,
  device: BenchDevice,
  events: ScanEvent[],
): Promise<void> {
  const res = await fetch(`${baseUrl}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
    body: JSON.stringify({
      deviceId: device.deviceId,
      epoch: device.epoch,
      highestLocalSeq: device.nextSeq - 1,
      events,
    }),
  });
  if (res.status !== 200) throw new Error(`push: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

export async function pullPage(
  baseUrl: string,
  device: BenchDevice,
  cursor?: string,
): Promise<PullResponse> {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  const res = await fetch(`${baseUrl}/api/sync/pull${query}`, {
    headers: { authorization: `Bearer ${device.token}` },
  });
  if (res.status !== 200) throw new Error(`pull: ${res.status} ${await res.text()}`);
  return (await res.json()) as PullResponse;
}

export const newId = () => randomUUID();
