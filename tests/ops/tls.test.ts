import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../support/server-process';

/** GET over HTTPS trusting only `ca`. */
function httpsGet(url: string, ca: string | undefined, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    get(url, { ca, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('the server speaks HTTPS itself with TLS_CERT and TLS_KEY', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wms-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  let server: ServerProcess;
  beforeAll(async () => {
    // A self-signed certificate for the loopback address, as a LAN install would have one for
    // its IP or name.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-keyout',
        key,
        '-out',
        cert,
        '-subj',
        '/CN=wms-test',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    server = await startServerProcess({
      TLS_CERT: cert,
      TLS_KEY: key,
      METRICS_TOKEN: 'scrape-token-0123456789',
    });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces an https URL and answers over TLS with that certificate', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(cert, 'utf8');
    expect(await httpsGet(`${server.url}/healthz`, ca)).toEqual({
      status: 200,
      body: '{"status":"ok"}',
    });
    expect((await httpsGet(`${server.url}/readyz`, ca)).status).toBe(200);
  });

  it('is refused by a client that does not trust the certificate, and plain HTTP gets nothing', async () => {
    await expect(httpsGet(`${server.url}/healthz`, undefined)).rejects.toThrow(
      /self[- ]signed certificate/,
    );
    await expect(fetch(server.url.replace('https:', 'http:') + '/healthz')).rejects.toThrow();
  });

  it('serves /metrics to the token holder only, even on loopback, once METRICS_TOKEN is set', async () => {
    const ca = readFileSync(cert, 'utf8');
    expect((await httpsGet(`${server.url}/metrics`, ca)).status).toBe(403);
    const scraped = await httpsGet(`${server.url}/metrics`, ca, {
      authorization: 'Bearer scrape-token-0123456789',
    });
    expect(scraped.status).toBe(200);
    // Process metrics of the real server, and the request counted just before.
    expect(scraped.body).toContain('process_resident_memory_bytes');
    expect(scraped.body).toContain(
      'wms_http_requests_total{method="GET",route="/metrics",status="403"} 1',
    );
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  it('is served to loopback callers', async () => {
    const server = await startServerProcess();
    try {
      const res = await fetch(`${server.url}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('# TYPE wms_push_events_total counter');
      // Relayed by a reverse proxy on this host: loopback, but not a local caller.
      const proxied = await fetch(`${server.url}/metrics`, {
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(proxied.status).toBe(403);
    } finally {
      await server.stop();
    }
  });
});
