import { randomUUID } from 'node:crypto';
import { Agent, type IncomingMessage, request } from 'node:http';
import type { PullResponse, ScanEvent } from '@wms/protocol';

/**
 * The simulated devices' requests go through node:http with kept-alive connections rather than
 * `fetch`: the load generator shares the machine's cores with the server and Postgres, and
 * undici's fetch (WHATWG Request, Response and streams per request) cost it several times more
 * CPU per request. Each device still makes the same HTTP requests.
 */
const agent = new Agent({ keepAlive: true });

/** One request; resolves with the status and the response's body as text. */
export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent },
      (res) => {
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A GET whose response is read as it streams (Server-Sent Events); `abort` ends it. */
export function openStream(url: string): Promise<{ response: IncomingMessage; abort: () => void }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (response) =>
      resolve({ response, abort: () => req.destroy() }),
    );
    req.on('error', reject);
    req.end();
  });
}

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
  const res = await send(`${baseUrl}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
    body: JSON.stringify({
      deviceId: device.deviceId,
      epoch: device.epoch,
      highestLocalSeq: device.nextSeq - 1,
      events,
    }),
  });
  if (res.status !== 200) throw new Error(`push: ${res.status} ${res.text}`);
}

export async function pullPage(
  baseUrl: string,
  device: BenchDevice,
  cursor?: string,
): Promise<PullResponse> {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  const res = await send(`${baseUrl}/api/sync/pull${query}`, {
    headers: { authorization: `Bearer ${device.token}` },
  });
  if (res.status !== 200) throw new Error(`pull: ${res.status} ${res.text}`);
  return JSON.parse(res.text) as PullResponse;
}

export const newId = () => randomUUID();
