import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The faults the proxy injects, each with the harm it does. */
export const FAULTS = [
  /** The request never reaches the server: the device times out and resends. */
  'drop-request',
  /** The server commits, the reply is lost: the device resends what is already stored. */
  'drop-reply',
  /** The request reaches the server twice, at once: two pushes of one batch race. */
  'duplicate',
  /** The request waits 50–400 ms. */
  'delay',
  /** The request is held past the device's timeout, so its retry overtakes it. */
  'reorder',
  /** The connection is reset before anything is forwarded. */
  'reset',
] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultProxyOptions {
  /** Probability that a request meets a fault (0–1). */
  faultRate: number;
  random: () => number;
  /** How long `reorder` holds a request (longer than the devices' timeout). */
  reorderHoldMs: number;
}

/**
 * An HTTP proxy on 127.0.0.1 between the simulated devices and the server, injecting network
 * faults at `faultRate`. `setTarget` follows a server that restarted on another port.
 */
export class FaultProxy {
  readonly injected = new Map<Fault | 'server-down', number>();
  requests = 0;
  /** Requests forwarded to the server and not yet answered. */
  inFlight = 0;
  private server: Server | null = null;
  private enabled = true;

  constructor(
    private target: string,
    private readonly options: FaultProxyOptions,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  setTarget(target: string): void {
    this.target = target;
  }

  /** Turns faults off: the network is back. */
  heal(): void {
    this.enabled = false;
  }

  get faultCount(): number {
    return [...this.injected.values()].reduce((a, b) => a + b, 0);
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    this.requests++;
    const body = await readBody(req);
    const fault = this.chooseFault();
    if (fault) this.injected.set(fault, (this.injected.get(fault) ?? 0) + 1);
    if (fault === 'drop-request' || fault === 'reset') return req.socket.destroy();
    if (fault === 'delay') await sleep(50 + this.options.random() * 350);
    if (fault === 'reorder') await sleep(this.options.reorderHoldMs);
    try {
      const forwarded =
        fault === 'duplicate' ? this.forwardTwice(req, body) : this.forward(req, body);
      const reply = await forwarded;
      if (fault === 'drop-reply') return req.socket.destroy();
      res.writeHead(reply.status, { 'content-type': reply.contentType });
      res.end(reply.body);
    } catch {
      this.injected.set('server-down', (this.injected.get('server-down') ?? 0) + 1);
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"bad_gateway","message":"the server is not reachable"}}');
    }
  }

  private chooseFault(): Fault | null {
    if (!this.enabled || this.options.random() >= this.options.faultRate) return null;
    return FAULTS[Math.floor(this.options.random() * FAULTS.length)] ?? null;
  }

  private async forwardTwice(req: IncomingMessage, body: Buffer) {
    const [first] = await Promise.all([
      this.forward(req, body),
      this.forward(req, body).catch(() => null),
    ]);
    return first;
  }

  private async forward(req: IncomingMessage, body: Buffer) {
    this.inFlight++;
    try {
      return await this.send(req, body);
    } finally {
      this.inFlight--;
    }
  }

  private async send(req: IncomingMessage, body: Buffer) {
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'authorization']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const response = await fetch(`${this.target}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(body),
      signal: AbortSignal.timeout(15_000),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? 'application/json',
      body: Buffer.from(await response.arrayBuffer()),
    };
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
