import type { Bin, CsvImportResult, Sku, User } from '@wms/protocol';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bins, skuBarcodes, skus, users } from '../db/schema';
import {
  aLoggedInDevice,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  pull,
  type TestDevice,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('master data for admins on $name', (target) => {
  const fixture = aSeededAppPerFile(target);

  const call = async (token: string, method: string, path: string, body?: unknown) =>
    fixture.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const sendCsv = async (token: string, path: string, text: string) =>
    fixture.app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: text,
    });
  /**
   * Pulls until the line comes (at most 5 s): on a shared Postgres another session's running
   * transaction may hold the commit-safe watermark back for a moment.
   */
  const pullUntilLine = async (device: TestDevice, cursor: string, lineId: string) => {
    for (let i = 0; ; i++) {
      const page = await pull(fixture.app, device, cursor);
      const found = page.lines.filter((l) => l.id === lineId);
      if (found.length > 0 || i >= 50) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const countBins = async () =>
    (await fixture.database.db.select().from(bins).where(eq(bins.warehouseId, 'GZ'))).length;

  it('an edited bin reaches the picker whose open line is at it, on the next pull', async () => {
    const admin = await aLoggedInDevice(fixture.app, 'A-0001');
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const snapshot = await pull(fixture.app, picker);
    const line = snapshot.lines.find((l) => l.status === 'open')!;
    const binId = `GZ:${line.binCode}`;
    const res = await call(admin.token, 'PUT', `/api/admin/bins/${binId}`, {
      code: line.binCode,
      zone: line.binCode.slice(0, 1),
      checkDigits: '987',
      pathSeq: line.pathSeq,
    });
    expect(res.status).toBe(200);
    expect((await bodyOf<Bin>(res)).checkDigits).toBe('987');
    expect(await pullUntilLine(picker, snapshot.cursor, line.id)).toEqual([
      { ...line, checkDigits: '987' },
    ]);
  });

  it('an edited SKU reaches the devices holding its open lines', async () => {
    const admin = await aLoggedInDevice(fixture.app, 'A-0001');
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const snapshot = await pull(fixture.app, picker);
    const line = snapshot.lines.find((l) => l.status === 'open')!;
    const res = await call(admin.token, 'PUT', `/api/admin/skus/${line.skuId}`, {
      name: 'Renamed item',
      nameZh: '改名商品',
      category: 'test',
      imageUrl: 'https://img.example.com/x.png',
      lotTracked: true,
      barcodes: ['6901234567892'],
    });
    expect(res.status).toBe(200);
    expect((await pullUntilLine(picker, snapshot.cursor, line.id))[0]).toEqual({
      ...line,
      skuName: 'Renamed item',
      skuNameZh: '改名商品',
      imageUrl: 'https://img.example.com/x.png',
      lotTracked: true,
      barcodes: ['06901234567892'],
    });
  });

  it('bad input names the fields and changes nothing; only admins get in', async () => {
    const admin = await aLoggedInDevice(fixture.app, 'A-0001');
    const supervisor = await aLoggedInDevice(fixture.app, 'S-0001');
    const before = await countBins();
    const bad = await call(admin.token, 'POST', '/api/admin/bins', {
      code: 'A03-12',
      zone: 'A',
      checkDigits: '4',
      pathSeq: -1,
    });
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error.fields?.map((f) => f.path)).toEqual([
      'code',
      'checkDigits',
      'pathSeq',
    ]);
    const noZone = await call(admin.token, 'POST', '/api/admin/bins', {
      code: 'Q-01-01',
      zone: 'Q',
      checkDigits: '12',
      pathSeq: 1,
    });
    expect(noZone.status).toBe(400);
    expect((await bodyOf(noZone)).error.fields).toEqual([
      { path: 'zone', message: 'no active zone Q in GZ' },
    ]);
    const taken = await call(admin.token, 'POST', '/api/admin/bins', {
      code: 'A-01-01',
      zone: 'A',
      checkDigits: '12',
      pathSeq: 1,
    });
    expect(taken.status).toBe(409);
    expect((await bodyOf(taken)).error.fields?.[0]?.path).toBe('code');
    expect(await countBins()).toBe(before);
    expect((await call(supervisor.token, 'GET', '/api/admin/bins')).status).toBe(403);
  });

  it('a bin CSV with bad rows imports nothing and reports every bad row by column', async () => {
    const admin = await aLoggedInDevice(fixture.app, 'A-0001');
    const before = await countBins();
    const res = await sendCsv(
      admin.token,
      '/api/admin/bins.csv',
      [
        'code,zone,check_digits,path_seq',
        'D-01-01,A,12,5000',
        'D-01-02,A,1x,5010',
        'D-01-03,Q,13,5020',
        'D01-04,A,14,abc',
        'D-01-01,A,15,5030',
      ].join('\n'),
    );
    expect(res.status).toBe(400);
    const { error } = await bodyOf(res);
    expect(error.fields).toEqual([
      { path: 'rows.2.check_digits', message: 'check digits are 2 or 3 digits' },
      { path: 'rows.4.code', message: 'a bin code looks like A-03-12' },
      { path: 'rows.4.path_seq', message: 'Invalid input: expected number, received string' },
    ]);
    expect(await countBins()).toBe(before);
    const second = await sendCsv(
      admin.token,
      '/api/admin/bins.csv',
      [
        'code,zone,check_digits,path_seq',
        'D-01-01,A,12,5000',
        'D-01-03,Q,13,5020',
        'D-01-01,A,15,5030',
      ].join('\n'),
    );
    expect((await bodyOf(second)).error.fields).toEqual([
      { path: 'rows.3.code', message: 'D-01-01 is also on row 1' },
    ]);
    const third = await sendCsv(
      admin.token,
      '/api/admin/bins.csv',
      ['code,zone,check_digits,path_seq', 'D-01-01,A,12,5000', 'D-01-03,Q,13,5020'].join('\n'),
    );
    expect((await bodyOf(third)).error.fields).toEqual([
      { path: 'rows.2.zone', message: 'no active zone Q in GZ' },
    ]);
    expect(await countBins()).toBe(before);
  });

  it('a good bin CSV creates and updates in one go, and exports back the same', async () => {
    const admin = await aLoggedInDevice(fixture.app, 'A-0001');
    const before = await countBins();
    const res = await sendCsv(
      admin.token,
      '/api/admin/bins.csv',
      ['code,zone,check_digits,path_seq', 'E-01-01,A,12,9000', 'A-01-02,A,55,20'].join('\r\n'),
    );
    expect(await bodyOf<CsvImportResult>(res)).toEqual({ created: 1, updated: 1 });
    expect(await countBins()).toBe(before + 1);
    const exported = await (await call(admin.token, 'GET', '/api/admin/bins.csv')).text();
    // Put-away room (issue 23) is exported too: empty cells here, kept as they are on import.
    expect(exported.split('\n')[0]).toBe('code,zone,check_digits,path_seq,volume_cm3,capacities');
    expect(exported).toContain('\nA-01-02,A,55,20,,\n');
    expect(exported).toContain('\nE-01-01,A,12,9000,,\n');
  });

  it('SKUs: a barcode of another SKU is refused by name; a CSV with bad rows imports nothing', async () => {
    const admin = await aLoggedInDevice(fixture.app, 'A-0001');
    const [owned] = await fixture.database.db.select().from(skuBarcodes).limit(1);
    const clash = await call(admin.token, 'POST', '/api/admin/skus', {
      id: 'SKU-NEW-1',
      name: 'New',
      nameZh: '新',
      category: 'test',
      imageUrl: null,
      lotTracked: false,
      barcodes: ['12345670', owned!.barcode],
    });
    expect(clash.status).toBe(409);
    expect((await bodyOf(clash)).error.fields).toEqual([
      { path: 'barcodes.1', message: `barcode ${owned!.barcode} belongs to ${owned!.skuId}` },
    ]);
    const misprinted = await call(admin.token, 'POST', '/api/admin/skus', {
      id: 'SKU-NEW-2',
      name: 'New',
      nameZh: '新',
      category: 'test',
      imageUrl: null,
      lotTracked: false,
      barcodes: ['12345670', '12345677'],
    });
    expect(misprinted.status).toBe(400);
    expect((await bodyOf(misprinted)).error.fields).toEqual([
      {
        path: 'barcodes.1',
        message: 'the check digit of barcode 12345677 is wrong: the last digit should be 0',
      },
    ]);
    const skuCount = async () => (await fixture.database.db.select().from(skus)).length;
    const before = await skuCount();
    const res = await sendCsv(
      admin.token,
      '/api/admin/skus.csv',
      [
        'id,name,name_zh,category,image_url,lot_tracked,barcodes',
        'SKU-CSV-1,Tea,茶,drinks,,no,12345670',
        'SKU-CSV-2,Rice,米,food,not-a-url,maybe,',
        `SKU-CSV-3,Oil,油,food,,yes,${owned!.barcode}`,
      ].join('\n'),
    );
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.fields).toEqual([
      { path: 'rows.2.image_url', message: 'Invalid URL' },
      { path: 'rows.2.lot_tracked', message: 'Invalid input: expected boolean, received string' },
      { path: 'rows.2.barcodes', message: 'Too small: expected array to have >=1 items' },
    ]);
    const clashing = await sendCsv(
      admin.token,
      '/api/admin/skus.csv',
      [
        'id,name,name_zh,category,image_url,lot_tracked,barcodes',
        'SKU-CSV-1,Tea,茶,drinks,,no,12345670',
        `SKU-CSV-3,Oil,油,food,,yes,${owned!.barcode}|96385074`,
      ].join('\n'),
    );
    expect((await bodyOf(clashing)).error.fields).toEqual([
      {
        path: 'rows.2.barcodes.0',
        message: `barcode ${owned!.barcode} belongs to ${owned!.skuId}`,
      },
    ]);
    expect(await skuCount()).toBe(before);
    const good = await sendCsv(
      admin.token,
      '/api/admin/skus.csv',
      [
        'id,name,name_zh,category,image_url,lot_tracked,barcodes',
        '"SKU-CSV-1","Tea, green",茶,drinks,,yes,12345670|96385074',
      ].join('\n'),
    );
    expect(await bodyOf<CsvImportResult>(good)).toEqual({ created: 1, updated: 0 });
    const listed = await bodyOf<{ skus: Sku[] }>(await call(admin.token, 'GET', '/api/admin/skus'));
    expect(listed.skus.find((s) => s.id === 'SKU-CSV-1')).toEqual({
      id: 'SKU-CSV-1',
      name: 'Tea, green',
      nameZh: '茶',
      category: 'drinks',
      imageUrl: null,
      lotTracked: true,
      barcodes: ['00000012345670', '00000096385074'],
      costCents: null,
      weightGrams: null,
      lengthMm: null,
      widthMm: null,
      heightMm: null,
      qcRequired: false,
      availableFrom: null,
      pictureUrls: [],
      active: true,
    });
  });

  it('users: created with a PIN can log in; a deactivated one cannot; a PIN reset unlocks', async () => {
    const admin = await aLoggedInDevice(fixture.app, 'A-0001');
    const created = await call(admin.token, 'POST', '/api/admin/users', {
      id: 'u-gz-new',
      name: 'Chen Jing',
      role: 'picker',
      badge: 'P-0777',
      language: 'zh-CN',
      pin: '4321',
    });
    expect(created.status).toBe(201);
    expect(await bodyOf<User>(created)).toEqual({
      id: 'u-gz-new',
      warehouseId: 'GZ',
      name: 'Chen Jing',
      role: 'picker',
      badge: 'P-0777',
      language: 'zh-CN',
      active: true,
      locked: false,
    });
    const device = await bodyOf<{ deviceId: string; epoch: number; deviceSecret: string }>(
      await postJson(fixture.app, '/api/devices/register', { label: 'new user' }),
    );
    const login = (pin: string) =>
      postJson(fixture.app, '/api/auth/login', { badge: 'P-0777', pin, ...device });
    expect((await login('4321')).status).toBe(200);
    for (let i = 0; i < 5; i++) await login('0000');
    expect((await login('4321')).status).toBe(429);
    const reset = await call(admin.token, 'POST', '/api/admin/users/u-gz-new/reset-pin', {
      pin: '5555',
    });
    expect((await bodyOf<User>(reset)).locked).toBe(false);
    expect((await login('5555')).status).toBe(200);
    await call(admin.token, 'POST', '/api/admin/users/u-gz-new/active', { active: false });
    expect((await login('5555')).status).toBe(401);
    const badPin = await call(admin.token, 'POST', '/api/admin/users/u-gz-new/reset-pin', {
      pin: '12',
    });
    expect((await bodyOf(badPin)).error.fields).toEqual([
      { path: 'pin', message: 'a PIN is 4 to 8 digits' },
    ]);
    const elsewhere = await call(admin.token, 'POST', '/api/admin/users/u-cd-p1/active', {
      active: false,
    });
    expect(elsewhere.status).toBe(404);
  });

  it('a user CSV: a new user without a PIN and a taken badge are reported; nothing imported', async () => {
    const admin = await aLoggedInDevice(fixture.app, 'A-0001');
    const res = await sendCsv(
      admin.token,
      '/api/admin/users.csv',
      [
        'id,name,role,badge,language,pin',
        'u-gz-csv1,Wang Fang,picker,P-0801,zh-CN,2468',
        'u-gz-csv2,Zhao Lei,picker,P-0802,zh-CN,',
        'u-gz-csv3,Sun Li,boss,P-0001,fr,1234',
      ].join('\n'),
    );
    expect(res.status).toBe(400);
    const fields = (await bodyOf(res)).error.fields!;
    expect(fields.map((f) => f.path)).toEqual(['rows.3.role', 'rows.3.language']);
    const second = await sendCsv(
      admin.token,
      '/api/admin/users.csv',
      [
        'id,name,role,badge,language,pin',
        'u-gz-csv1,Wang Fang,picker,P-0801,zh-CN,2468',
        'u-gz-csv2,Zhao Lei,picker,P-0802,zh-CN,',
        'u-gz-csv3,Sun Li,picker,P-0001,en,1234',
      ].join('\n'),
    );
    expect((await bodyOf(second)).error.fields).toEqual([
      { path: 'rows.2.pin', message: 'a new user needs a PIN' },
      { path: 'rows.3.badge', message: 'badge P-0001 belongs to u-gz-p1' },
    ]);
    const found = await fixture.database.db.select().from(users).where(eq(users.id, 'u-gz-csv1'));
    expect(found).toEqual([]);
    const exported = await (await call(admin.token, 'GET', '/api/admin/users.csv')).text();
    expect(exported.split('\n')[0]).toBe('id,name,role,badge,language,pin');
    expect(exported).toContain('\nu-gz-p1,Li Wei,picker,P-0001,zh-CN,\n');
  });
});
