import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KdniaoFake } from '../../apps/server/src/waybills/kdniao-fake';

export interface KdniaoServer {
  fake: KdniaoFake;
  /** The server process's KDNIAO_* settings that point it at this fake. */
  env: Record<string, string>;
  stop: () => Promise<void>;
}

/**
 * KDNiao's documented fake (`apps/server/src/waybills/kdniao-fake.ts`) behind a loopback HTTP
 * endpoint, so that a real server process asks it for e-waybills as it would ask KDNiao.
 */
export async function startKdniaoServer(
  eBusinessId = '1617571',
  appKey = 'c0bfe0ba-86b6-4c3e-9c5f-7a2d1e0b9a11',
): Promise<KdniaoServer> {
  const fake = new KdniaoFake(eBusinessId, appKey);
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      void fake
        .fetch(req.url ?? '/', { method: req.method ?? 'POST', body })
        .then(async (reply) => {
          res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
          res.end(await reply.text());
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    fake,
    env: {
      KDNIAO_EBUSINESS_ID: eBusinessId,
      KDNIAO_APP_KEY: appKey,
      KDNIAO_URL: `http://127.0.0.1:${port}/api/EOrderService`,
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
