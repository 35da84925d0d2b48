import { createServer, type Server } from 'node:http';
import { anOrder } from '../../apps/server/src/testing/hub-fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The ERP at the other end of the webhooks: every message id it was sent (at least once each). */
export async function aWebhookReceiver() {
  const received = new Set<string>();
  const server: Server = createServer((req, res) => {
    const id = req.headers['webhook-id'];
    req.resume();
    req.on('end', () => {
      if (typeof id === 'string') received.add(id);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A storefront sending orders one after another to the servers in turn, each resent (same
 * channel order id) until a server accepts it, as a channel connector does through an outage.
 */
export function anIntakeLoop(urls: readonly string[], key: string) {
  const accepted: { channelOrderId: string; at: number }[] = [];
  let refused = 0;
  let stopped = false;
  const running = (async () => {
    for (let n = 1; !stopped; n++) {
      const order = anOrder({ channelOrderId: `HA-${Date.now()}-${n}` });
      for (let attempt = 0; ; attempt++) {
        const url = urls[(n + attempt) % urls.length]!;
        const res = await fetch(`${url}/api/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify(order),
          signal: AbortSignal.timeout(5_000),
        }).catch(() => null);
        await res?.body?.cancel();
        if (res && (res.status === 200 || res.status === 201)) {
          accepted.push({ channelOrderId: order.channelOrderId, at: performance.now() });
          break;
        }
        refused++;
        await sleep(100);
      }
      await sleep(80);
    }
  })();
  return {
    accepted,
    refused: () => refused,
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}

/** A handheld's open event stream: counts the `scope-changed` pokes it receives. */
export async function aPokeStream(baseUrl: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/sync/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  if (res.status !== 200) throw new Error(`events: ${res.status}`);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let pokes = 0;
  let helloSeen = false;
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const text = decoder.decode(value);
        if (text.includes('hello')) helloSeen = true;
        pokes += text.split('scope-changed').length - 1;
      }
    } catch {
      // aborted at the end
    }
  })();
  for (let i = 0; i < 100 && !helloSeen; i++) await sleep(50);
  return { pokes: () => pokes, close: () => controller.abort() };
}

/** Waits until `check` gives a truthy value, checking every 100 ms; fails with `what` after `limitMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  limitMs = 60_000,
): Promise<T> {
  const deadline = performance.now() + limitMs;
  for (;;) {
    const value = await Promise.resolve()
      .then(check)
      .catch(() => null);
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`still waiting for: ${what}`);
    await sleep(100);
  }
}
