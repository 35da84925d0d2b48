import { randomUUID } from 'node:crypto';
import { inboundView, isLineOpen, withPendingPicks } from '@wms/domain';
import type {
  InboundWork,
  PickEvent,
  PickLine,
  PullResponse,
  PushResponse,
  ScanEvent,
} from '@wms/protocol';
import { nextInboundEvent } from './inbound-scan';

/** What a simulated handheld does all day: pick its waves, or receive, check and put away. */
export type DeviceWork = 'pick' | 'inbound';

export interface DeviceStats {
  pushes: number;
  failedRequests: number;
  gapReplies: number;
  /** Times the server asked for events the device had already dropped as acknowledged: a loss. */
  regressions: number;
}

/**
 * A simulated handheld speaking the real sync protocol, as the PWA does: a gap-free outbox,
 * push with resend on any failure, `seq_gap` recovery, and pulls of its picker's waves. An
 * inbound handheld (issue 23) also keeps the inbound work it downloaded and works on it offline:
 * its view is that work with its own newer events replayed (`inboundView`, as the PWA).
 */
export class VirtualDevice {
  /** Requests of all simulated devices sent and not yet answered (the failover drill kills mid-push). */
  static inFlight = 0;
  /** Called with the time of every push answered 200 (the failover drill times the first after a kill). */
  onAcknowledged: ((at: number) => void) | null = null;
  readonly created: ScanEvent[] = [];
  readonly stats: DeviceStats = { pushes: 0, failedRequests: 0, gapReplies: 0, regressions: 0 };
  deviceId = '';
  epoch = 0;
  userId = '';
  pushedThroughSeq = 0;
  private outbox: ScanEvent[] = [];
  private token = '';
  private cursor: string | undefined;
  private lines: PickLine[] = [];
  private inbound: { work: InboundWork; reflectsThroughSeq: number } | null = null;

  constructor(
    private readonly baseUrl: () => string,
    readonly badge: string,
    private readonly random: () => number,
    private readonly timeoutMs: number,
    readonly work: DeviceWork = 'pick',
  ) {}

  /** Registers and logs in, retrying through whatever the network does. */
  async enrol(): Promise<void> {
    const device = await this.retry(() =>
      this.call<{ deviceId: string; epoch: number; deviceSecret: string }>(
        'POST',
        '/api/devices/register',
        {
          label: `sim ${this.badge}`,
        },
      ),
    );
    this.deviceId = device.deviceId;
    this.epoch = device.epoch;
    const session = await this.retry(() =>
      this.call<{ token: string; user: { id: string } }>('POST', '/api/auth/login', {
        badge: this.badge,
        pin: '1234',
        ...device,
      }),
    );
    this.token = session.token;
    this.userId = session.user.id;
    await this.retry(() => this.pull());
    if (this.work === 'inbound') await this.retry(() => this.downloadInboundWork());
  }

  get unsynced(): number {
    return this.outbox.length;
  }

  get nextSeq(): number {
    return this.created.length + 1;
  }

  /** One scan: the next pick, or on an inbound handheld the next receipt, QC decision or put-away. */
  scan(now: Date): void {
    const base = {
      id: randomUUID(),
      seq: this.nextSeq,
      deviceTime: now.toISOString(),
      userId: this.userId,
    };
    const inbound =
      this.work === 'inbound' && this.inbound
        ? nextInboundEvent(
            inboundView(
              this.inbound.work,
              this.created.filter((e) => e.seq > this.inbound!.reflectsThroughSeq),
            ),
            this.lines.map((l) => l.binCode),
            base,
            this.random,
          )
        : null;
    if (inbound) {
      this.created.push(inbound);
      this.outbox.push(inbound);
    } else this.scanPick(now);
  }

  /** Scans one unit of the next line still open on this device's view (an over-pick once all are done). */
  private scanPick(now: Date): void {
    const view = withPendingPicks(
      this.lines,
      this.outbox.filter((e): e is PickEvent => e.type === 'pick@1').map((e) => e.payload),
    );
    const open = view.filter(isLineOpen);
    const candidates = open.length > 0 ? open : view;
    const line = candidates[Math.floor(this.random() * candidates.length)];
    if (!line) return;
    const event: PickEvent = {
      id: randomUUID(),
      seq: this.nextSeq,
      type: 'pick@1',
      deviceTime: now.toISOString(),
      userId: this.userId,
      assignmentVersion: 1,
      payload: {
        pickLineId: line.id,
        waveId: line.waveId,
        binCode: line.binCode,
        skuId: line.skuId,
        qty: 1,
      },
    };
    this.created.push(event);
    this.outbox.push(event);
  }

  /**
   * One sync: push what is unsent, then pull (and on an inbound handheld download the inbound
   * work again). Returns false if any request failed.
   */
  async sync(): Promise<boolean> {
    try {
      if (this.outbox.length > 0) await this.push();
      await this.pull();
      if (this.work === 'inbound') await this.downloadInboundWork();
      return true;
    } catch {
      this.stats.failedRequests++;
      return false;
    }
  }

  /**
   * The inbound work, kept with the push counter read before the request: the events pushed
   * before it are reflected in the reply, only the newer ones are replayed on top (as the PWA).
   */
  private async downloadInboundWork(): Promise<void> {
    const reflectsThroughSeq = this.pushedThroughSeq;
    const work = await this.call<InboundWork>('GET', '/api/inbound/work');
    this.inbound = { work, reflectsThroughSeq };
  }

  private async push(): Promise<void> {
    const batch = this.outbox.slice(0, 100);
    this.stats.pushes++;
    const res = await this.fetch('POST', '/api/sync/push', {
      deviceId: this.deviceId,
      epoch: this.epoch,
      highestLocalSeq: this.created.length,
      events: batch,
    });
    const body = (await res.json()) as PushResponse & {
      error?: { code: string; expectedSeq?: number };
    };
    if (
      res.status === 409 &&
      body.error?.code === 'seq_gap' &&
      body.error.expectedSeq !== undefined
    ) {
      this.stats.gapReplies++;
      this.acknowledge(body.error.expectedSeq - 1);
      return;
    }
    if (res.status !== 200) throw new Error(`push answered ${res.status}: ${JSON.stringify(body)}`);
    this.onAcknowledged?.(performance.now());
    this.acknowledge(body.ackedThroughSeq);
  }

  private acknowledge(storedThroughSeq: number): void {
    if (storedThroughSeq < this.pushedThroughSeq) this.stats.regressions++;
    this.pushedThroughSeq = Math.max(this.pushedThroughSeq, storedThroughSeq);
    this.outbox = this.outbox.filter((e) => e.seq > this.pushedThroughSeq);
  }

  private async pull(): Promise<void> {
    for (;;) {
      const query = new URLSearchParams({ highestLocalSeq: String(this.created.length) });
      if (this.cursor) query.set('cursor', this.cursor);
      const page = await this.call<PullResponse>('GET', `/api/sync/pull?${query}`);
      const byId = new Map((page.reset ? [] : this.lines).map((l) => [l.id, l]));
      for (const line of page.lines) byId.set(line.id, line);
      const removed = new Set(page.removedWaves.map((w) => w.waveId));
      this.lines = [...byId.values()].filter((l) => !removed.has(l.waveId));
      this.cursor = page.cursor;
      if (!page.hasMore) return;
    }
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.fetch(method, path, body);
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}`);
    return (await res.json()) as T;
  }

  private async fetch(method: string, path: string, body?: unknown): Promise<Response> {
    VirtualDevice.inFlight++;
    try {
      return await this.send(method, path, body);
    } finally {
      VirtualDevice.inFlight--;
    }
  }

  private send(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.baseUrl()}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
  }

  private async retry<T>(attempt: () => Promise<T>, tries = 200): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await attempt();
      } catch (error) {
        this.stats.failedRequests++;
        if (i >= tries) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + this.random() * 200));
      }
    }
  }
}
