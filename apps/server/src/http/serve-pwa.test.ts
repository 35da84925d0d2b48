import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { handleError } from './error-handler';
import { servePwa } from './serve-pwa';

/** A built PWA as `npm run build` leaves it: an entry script with its .br and .gz twins. */
function aBuiltPwa() {
  const root = mkdtempSync(join(tmpdir(), 'wms-dist-'));
  mkdirSync(join(root, 'assets'));
  const page = '<!doctype html><html><body><div id="root"></div></body></html>';
  const script = `console.log(${JSON.stringify('拣货 '.repeat(2000))});`;
  writeFileSync(join(root, 'index.html'), page);
  writeFileSync(join(root, 'assets/index-abc123.js'), script);
  writeFileSync(join(root, 'assets/index-abc123.js.br'), brotliCompressSync(script));
  writeFileSync(join(root, 'assets/index-abc123.js.gz'), gzipSync(script));
  writeFileSync(join(root, 'robots.txt'), 'User-agent: *\nDisallow: /api/\n');
  return { root, page, script };
}

describe('serving the built PWA', () => {
  const built = aBuiltPwa();
  afterAll(() => rmSync(built.root, { recursive: true, force: true }));
  const app = new Hono();
  app.onError(handleError);
  servePwa(app, built.root);

  it('sends the entry script brotli-compressed to a browser that accepts it, cached for good', async () => {
    const res = await app.request('/assets/index-abc123.js', {
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeLessThan(Buffer.byteLength(built.script) / 10);
    expect(brotliDecompressSync(body).toString()).toBe(built.script);
  });

  it('sends gzip to a client without brotli, and the plain file to one that asks for neither', async () => {
    const gz = await app.request('/assets/index-abc123.js', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(built.script);
    const plain = await app.request('/assets/index-abc123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(built.script);
  });

  it('answers 404 in JSON for a file that is not there, never the app page', async () => {
    for (const path of [
      '/assets/index-old999.js',
      '/favicon.ico',
      '/apple-app-site-association.json',
    ]) {
      const res = await app.request(path, { headers: { accept: '*/*' } });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe(
        'not_found',
      );
    }
  });

  it('serves robots.txt as a file', async () => {
    const res = await app.request('/robots.txt');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('User-agent: *\nDisallow: /api/\n');
  });

  it('answers a navigation to a client route with the app page, revalidated every time', async () => {
    for (const path of ['/', '/console', '/waves/B26-07']) {
      const res = await app.request(path, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(await res.text(), path).toBe(built.page);
    }
  });
});
