import type { NewSku } from '@wms/protocol';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anIntegrationKey } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededApp, bodyOf, postJson } from '../testing/test-app';
import { type OwnedDatabase, testDatabases } from '../testing/test-databases';
import { parsePictureHosts, pictureHostAllows, pictureUrlErrors } from './picture-hosts';

describe('PICTURE_HOSTS: where SKU pictures may come from', () => {
  it('reads CSP sources, and refuses what is not one, naming it', () => {
    expect(
      parsePictureHosts('https://img.alicdn.com, https://*.taobaocdn.com  http://10.0.0.5:8081/'),
    ).toEqual(['https://img.alicdn.com', 'https://*.taobaocdn.com', 'http://10.0.0.5:8081']);
    expect(() => parsePictureHosts('img.alicdn.com')).toThrow('"img.alicdn.com" is not a scheme');
    expect(() => parsePictureHosts('ftp://files.example.com')).toThrow('"ftp://files.example.com"');
    expect(() => parsePictureHosts(' , ')).toThrow('list at least one source');
  });

  it('matches a URL as the browser does: scheme, host, wildcard subdomains, port', () => {
    const hosts = parsePictureHosts(
      'https://img.alicdn.com https://*.taobaocdn.com http://127.0.0.1:*',
    );
    expect(pictureHostAllows(hosts, 'https://img.alicdn.com/bao/uploaded/i1/x.jpg')).toBe(true);
    expect(pictureHostAllows(hosts, 'https://img.alicdn.com:443/x.jpg')).toBe(true);
    expect(pictureHostAllows(hosts, 'https://img.alicdn.com:8443/x.jpg')).toBe(false);
    expect(pictureHostAllows(hosts, 'http://img.alicdn.com/x.jpg')).toBe(false);
    expect(pictureHostAllows(hosts, 'https://gd1.taobaocdn.com/x.jpg')).toBe(true);
    expect(pictureHostAllows(hosts, 'https://taobaocdn.com/x.jpg')).toBe(false);
    expect(pictureHostAllows(hosts, 'https://eviltaobaocdn.com/x.jpg')).toBe(false);
    expect(pictureHostAllows(hosts, 'https://img.alicdn.com.evil.example/x.jpg')).toBe(false);
    expect(pictureHostAllows(hosts, 'http://127.0.0.1:51234/p.png')).toBe(true);
    expect(pictureHostAllows(hosts, 'not a url')).toBe(false);
    // The default: any host over HTTPS, none in clear.
    expect(pictureHostAllows(['https:'], 'https://anything.example/x.png')).toBe(true);
    expect(pictureHostAllows(['https:'], 'http://anything.example/x.png')).toBe(false);
  });

  it('names each refused picture of a SKU by its field', () => {
    const hosts = parsePictureHosts('https://img.shop.test');
    expect(
      pictureUrlErrors(
        hosts,
        {
          imageUrl: 'https://cdn.other.test/a.jpg',
          pictureUrls: ['https://img.shop.test/b.jpg', 'http://img.shop.test/c.jpg'],
        },
        'rows.2.',
      ),
    ).toEqual([
      {
        path: 'rows.2.imageUrl',
        message:
          'pictures are loaded only from https://img.shop.test (PICTURE_HOSTS): https://cdn.other.test/a.jpg is not',
      },
      {
        path: 'rows.2.pictureUrls.1',
        message:
          'pictures are loaded only from https://img.shop.test (PICTURE_HOSTS): http://img.shop.test/c.jpg is not',
      },
    ]);
  });
});

describe.each(testDatabases())('SKU pictures on a hub with PICTURE_HOSTS on $name', (target) => {
  let database: OwnedDatabase;
  let app: Awaited<ReturnType<typeof aSeededApp>>['app'];
  let admin = '';
  beforeAll(async () => {
    database = await target.open();
    ({ app } = await aSeededApp(database, {
      pictureHosts: parsePictureHosts('https://img.shop.test https://*.alicdn.com'),
    }));
    admin = (await aLoggedInDevice(app, 'A-0001')).token;
    await anIntegrationKey(database.db);
  });
  afterAll(() => database.drop());

  const aSku = (id: string, imageUrl: string | null, pictureUrls: string[] = []): NewSku => ({
    id,
    name: 'Brake pads, front',
    nameZh: '前刹车片',
    category: 'auto-parts',
    imageUrl,
    lotTracked: false,
    barcodes: [],
    pictureUrls,
  });

  it('the page may load pictures from those hosts only', async () => {
    const res = await app.request('/api/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("img-src 'self' data: blob: https://img.shop.test https://*.alicdn.com;");
    expect(csp).toContain("connect-src 'self' https://img.shop.test https://*.alicdn.com;");
  });

  it('a SKU naming a picture elsewhere is refused with the field named, and nothing is stored', async () => {
    const refused = await postJson(
      app,
      '/api/admin/skus',
      { ...aSku('SKU-PIC-1', 'https://cdn.elsewhere.test/x.jpg'), barcodes: ['6901234567892'] },
      admin,
    );
    expect(refused.status).toBe(400);
    expect(await bodyOf(refused)).toMatchObject({
      error: {
        code: 'invalid_request',
        fields: [
          {
            path: 'imageUrl',
            message:
              'pictures are loaded only from https://img.shop.test https://*.alicdn.com (PICTURE_HOSTS): https://cdn.elsewhere.test/x.jpg is not',
          },
        ],
      },
    });
    const listed = await bodyOf<{ skus: { id: string }[] }>(
      await app.request('/api/admin/skus', { headers: { authorization: `Bearer ${admin}` } }),
    );
    expect(listed.skus.some((s) => s.id === 'SKU-PIC-1')).toBe(false);

    const created = await postJson(
      app,
      '/api/admin/skus',
      {
        ...aSku('SKU-PIC-1', 'https://img.shop.test/x.jpg', ['https://gd2.alicdn.com/y.jpg']),
        barcodes: ['6901234567892'],
      },
      admin,
    );
    expect(created.status).toBe(201);
  });

  it("a GBK file's rows are refused all together, each picture named by row and field", async () => {
    // As Chinese Excel saves a CSV: GBK, CRLF.
    const csv = iconv.encode(
      [
        'id,name,name_zh,category,image_url,lot_tracked,barcodes,picture_urls',
        'SKU-PIC-2,Oil filter,机油滤芯,auto-parts,https://img.shop.test/f.jpg,no,12345670,',
        'SKU-PIC-3,Air filter,空气滤芯,auto-parts,,no,96385074,https://img.shop.test/a.jpg|http://img.shop.test/b.jpg',
      ].join('\r\n') + '\r\n',
      'gbk',
    );
    const res = await app.request('/api/admin/skus.csv', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(400);
    expect(await bodyOf(res)).toMatchObject({
      error: {
        fields: [
          {
            path: 'rows.2.pictureUrls.1',
            message:
              'pictures are loaded only from https://img.shop.test https://*.alicdn.com (PICTURE_HOSTS): http://img.shop.test/b.jpg is not',
          },
        ],
      },
    });
    const listed = await bodyOf<{ skus: { id: string }[] }>(
      await app.request('/api/admin/skus', { headers: { authorization: `Bearer ${admin}` } }),
    );
    expect(listed.skus.filter((s) => s.id.startsWith('SKU-PIC-')).map((s) => s.id)).toEqual([
      'SKU-PIC-1',
    ]);
  });
});
