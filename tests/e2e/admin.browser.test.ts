import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { signInSupervisor } from './supervisor-api';
import { errorText, outboxEventIds, pickCurrentLine, scanWedge, signIn, syncNow } from './handheld';

async function openAdmin(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await signIn(page, 'A-0001', '1234');
  await page.click('[data-testid=open-admin]');
  await page.waitForSelector('[data-testid=panel-devices]');
  return page;
}

/** The cells of every row of a table, as text. */
async function tableRows(page: Page, rowSelector: string): Promise<string[][]> {
  return page.$$eval(rowSelector, (rows) =>
    rows.map((row) =>
      Array.from(row.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? ''),
    ),
  );
}

// ENROLMENT_REQUIRED: pickers can sign in only on a handheld enrolled by QR; the admin's own
// screen (registered without a code) is where the first QR comes from.
describe('the admin screens', () => {
  const fx = aServerAndBrowserPerFile({ env: { ENROLMENT_REQUIRED: 'true' } });

  it('enrols a fresh handheld by its QR code (wedge scan), which then signs in; revoking it stops its next push', async () => {
    const admin = await openAdmin(fx.browser, fx.server.url);
    await admin.click('[data-testid=new-enrolment-code]');
    await admin.waitForSelector('[data-testid=enrolment-qr]');
    const code = (await admin.textContent('[data-testid=enrolment-code]'))!;
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(await admin.getAttribute('[data-testid=enrolment-qr]', 'alt')).toBe(`WMS-ENROL:${code}`);

    const context = await fx.browser.newContext({ viewport: { width: 400, height: 800 } });
    const handheld = await context.newPage();
    await handheld.goto(fx.server.url);
    // Without enrolment, a picker is refused.
    await signIn(handheld, 'P-0001', '1234');
    await handheld.waitForSelector('[data-testid=error]');
    expect(await errorText(handheld)).toContain('Scan the enrolment QR on the admin screen first');
    await context.close();

    const fresh = await fx.browser.newContext({ viewport: { width: 400, height: 800 } });
    const page = await fresh.newPage();
    await page.goto(fx.server.url);
    await page.waitForSelector('[data-testid=badge]');
    // A wedge burst can be split on a loaded machine (the app then sees a partial read, which
    // is no enrolment code): scan again, as a person would, up to three times.
    const enrolled = 'Handheld enrolled for this warehouse. Now scan your badge.';
    // Read at once (page.textContent would wait 30 s for a notice that is not there yet).
    const noticeOf = () =>
      page.evaluate(
        () => document.querySelector('[data-testid=enrol-notice]')?.textContent ?? null,
      );
    for (let attempt = 0; attempt < 3 && (await noticeOf()) !== enrolled; attempt++) {
      await scanWedge(page, `WMS-ENROL:${code}`);
      await page
        .waitForFunction(
          (text) => document.querySelector('[data-testid=enrol-notice]')?.textContent === text,
          enrolled,
          { timeout: 5_000 },
        )
        .catch(() => undefined);
    }
    expect({
      notice: await noticeOf(),
      error: await page.evaluate(
        () => document.querySelector('[data-testid=error]')?.textContent ?? null,
      ),
    }).toEqual({ notice: enrolled, error: null });
    await signIn(page, 'P-0001', '1234');
    await page.waitForSelector('[data-testid=user-name]');
    // The first pull after sign-in brings the wave; only then does the handheld go offline.
    await page.waitForSelector('[data-testid=wave-B26-07]');

    // A scan made offline waits in the outbox while the admin revokes the handheld.
    await fresh.setOffline(true);
    await page.click('[data-testid=wave-B26-07]');
    await page.waitForSelector('[data-testid=pick-progress]', { state: 'attached' });
    await pickCurrentLine(page);
    const waiting = await outboxEventIds(page);
    expect(waiting.length).toBeGreaterThan(0);

    await admin.click('[data-testid=tab-bins]');
    await admin.click('[data-testid=tab-devices]');
    const row = admin.locator('[data-testid=panel-devices] tr', { hasText: 'Li Wei' });
    await row.locator('[data-testid=revoke]').click();
    await admin.waitForSelector(
      '[data-testid=panel-devices] tr[data-revoked=yes]:has-text("Li Wei")',
    );

    // Back online, its next push is refused: it is signed out and its scan stays in its outbox.
    await fresh.setOffline(false);
    await syncNow(page).catch(() => undefined);
    await page.waitForSelector('[data-testid=badge]', { timeout: 20_000 });
    expect(await outboxEventIds(page)).toEqual(waiting);
    await signIn(page, 'P-0001', '1234');
    await page.waitForSelector('[data-testid=error]');
    expect(await errorText(page)).toContain(
      'This handheld was blocked: ask your lead to enrol it again',
    );
  });

  it('imports a GBK user CSV from Chinese Excel and an .xlsx, with the per-row report of a bad .xlsx', async () => {
    const admin = await openAdmin(fx.browser, fx.server.url);
    await admin.click('[data-testid=tab-users]');
    await admin.waitForSelector('[data-testid="row-u-gz-p1"]');
    await admin.setInputFiles('[data-testid=csv-file]', {
      name: '用户.csv',
      mimeType: 'text/csv',
      buffer: iconv.encode(
        'id,name,role,badge,language,pin\r\nu-gz-gbk1,张伟,picker,P-0951,zh-CN,2468\r\n',
        'gbk',
      ),
    });
    await admin.waitForSelector('[data-testid="row-u-gz-gbk1"]');
    expect(await admin.textContent('[data-testid="row-u-gz-gbk1"]')).toContain('张伟');

    const xlsx = async (rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('用户').addRows(rows);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const header = ['id', 'name', 'role', 'badge', 'language', 'pin'];
    await admin.setInputFiles('[data-testid=csv-file]', {
      name: 'users.xlsx',
      mimeType: '',
      buffer: await xlsx([
        header,
        ['u-gz-x1', '欧阳娜娜', 'picker', 'P-0952', 'zh-CN', 1357],
        ['u-gz-x2', '李娜', 'boss', 'P-0953', 'zh-CN', 1357],
      ]),
    });
    await admin.waitForSelector('[data-testid=csv-errors]');
    expect(await tableRows(admin, '[data-testid=csv-error-row]')).toEqual([
      ['2', 'role', 'Invalid option: expected one of "picker"|"supervisor"|"admin"'],
    ]);
    expect(await admin.$('[data-testid="row-u-gz-x1"]')).toBeNull();
    await admin.setInputFiles('[data-testid=csv-file]', {
      name: 'users.xlsx',
      mimeType: '',
      buffer: await xlsx([header, ['u-gz-x1', '欧阳娜娜', 'picker', 'P-0952', 'zh-CN', 1357]]),
    });
    await admin.waitForSelector('[data-testid="row-u-gz-x1"]');
    expect(await admin.textContent('[data-testid="row-u-gz-x1"]')).toContain('欧阳娜娜');
    expect(await admin.$('[data-testid=csv-errors]')).toBeNull();
  });

  it('imports a GBK SKU CSV as Chinese Excel saves it, and refuses a bad barcode by row and column storing nothing', async () => {
    const admin = await openAdmin(fx.browser, fx.server.url);
    await admin.click('[data-testid=tab-skus]');
    await admin.waitForSelector('[data-testid=panel-skus]');
    const header = 'id,name,name_zh,category,image_url,lot_tracked,barcodes\r\n';
    // A barcode mistyped with a letter on the second row: the whole file is refused.
    await admin.setInputFiles('[data-testid=csv-file]', {
      name: '商品.csv',
      mimeType: 'text/csv',
      buffer: iconv.encode(
        header +
          'SKU-GBK01,Oolong tea 250g,铁观音茶叶 250克,茶叶,,false,6901234567892\r\n' +
          'SKU-GBK02,Goji berries,宁夏枸杞 500克,干货,,false,690123456789O\r\n',
        'gbk',
      ),
    });
    await admin.waitForSelector('[data-testid=csv-errors]');
    const errors = await tableRows(admin, '[data-testid=csv-error-row]');
    expect(errors.map(([row, column]) => [row, column])).toEqual([['2', 'barcodes.0']]);
    expect(await admin.$('[data-testid="row-SKU-GBK01"]')).toBeNull();
    await admin.setInputFiles('[data-testid=csv-file]', {
      name: '商品.csv',
      mimeType: 'text/csv',
      buffer: iconv.encode(
        header + 'SKU-GBK01,Oolong tea 250g,铁观音茶叶 250克,茶叶,,false,6901234567892\r\n',
        'gbk',
      ),
    });
    await admin.waitForSelector('[data-testid="row-SKU-GBK01"]');
    expect(await admin.textContent('[data-testid="row-SKU-GBK01"]')).toContain('铁观音茶叶 250克');
    expect(await admin.$('[data-testid=csv-errors]')).toBeNull();
  });

  it('a hub admin makes another admin a hub admin and removes them, never the last; an admin who is not one is told so', async () => {
    const api = await signInSupervisor(fx.server.url, 'A-0001');
    await api.raw('/api/admin/users', {
      method: 'POST',
      body: JSON.stringify({
        id: 'u-gz-a2',
        name: 'Lin Tao',
        badge: 'A-0002',
        role: 'admin',
        language: 'en',
        pin: '1234',
      }),
    });
    const admin = await openAdmin(fx.browser, fx.server.url);
    await admin.click('[data-testid=tab-hubAdmins]');
    await admin.waitForSelector('[data-testid=hub-admin-u-gz-a1]');
    expect(await tableRows(admin, '[data-testid=hub-admins] tbody tr')).toEqual([
      ['Chen Jie u-gz-a1', 'GZ', 'Remove'],
    ]);
    // The last one stays: refused, worded, nothing changed.
    await admin.click('[data-testid=remove-hub-admin-u-gz-a1]');
    await admin.waitForSelector('[data-testid=admin-error]');
    expect(await admin.textContent('[data-testid=admin-error]')).toContain(
      "u-gz-a1 is the hub's last hub admin",
    );
    expect(await tableRows(admin, '[data-testid=hub-admins] tbody tr')).toHaveLength(1);

    // Lin Tao, an admin of this warehouse, is offered by id.
    await admin.waitForSelector('#hub-admin-candidates option[value=u-gz-a2]', {
      state: 'attached',
    });
    expect(
      await admin.$$eval('#hub-admin-candidates option', (options) =>
        options.map((o) => (o as HTMLOptionElement).value),
      ),
    ).toEqual(['u-gz-a2']);
    await admin.fill('[data-testid=hub-admin-user-id]', 'u-gz-a2');
    await admin.click('[data-testid=grant-hub-admin-submit]');
    await admin.waitForSelector('[data-testid=hub-admin-u-gz-a2]');
    expect(await admin.textContent('[data-testid=hub-admins-notice]')).toBe(
      'Lin Tao is a hub admin now.',
    );
    expect(await admin.$('[data-testid=admin-error]')).toBeNull();
    // A picker is no admin: refused by name of the rule.
    await admin.fill('[data-testid=hub-admin-user-id]', 'u-gz-p1');
    await admin.click('[data-testid=grant-hub-admin-submit]');
    await admin.waitForSelector('[data-testid=admin-error]');
    expect(await admin.textContent('[data-testid=admin-error]')).toContain(
      'u-gz-p1 is not an active admin',
    );

    await admin.click('[data-testid=remove-hub-admin-u-gz-a2]');
    await admin.waitForFunction(
      () => document.querySelector('[data-testid=hub-admin-u-gz-a2]') === null,
    );
    expect(await admin.textContent('[data-testid=hub-admins-notice]')).toBe(
      'Lin Tao is no longer a hub admin.',
    );
    const [holder] = (
      (await api.raw('/api/admin/hub-admins')) as { hubAdmins: { userId: string }[] }
    ).hubAdmins;
    expect(holder?.userId).toBe('u-gz-a1');

    // Lin Tao, an admin but no hub admin now, sees why the list is not shown.
    const context = await fx.browser.newContext({ viewport: { width: 1024, height: 900 } });
    const other = await context.newPage();
    await other.goto(fx.server.url);
    await signIn(other, 'A-0002', '1234');
    await other.click('[data-testid=open-admin]');
    await other.click('[data-testid=tab-hubAdmins]');
    await other.waitForSelector('[data-testid=hub-admins-refused]');
    expect(await other.$('[data-testid=hub-admins]')).toBeNull();
    await context.close();
    await admin.context().close();
  });

  it('shows the per-row report of a bin CSV with bad rows and imports nothing; a good file imports', async () => {
    const admin = await openAdmin(fx.browser, fx.server.url);
    await admin.click('[data-testid=tab-bins]');
    await admin.waitForSelector('[data-testid=panel-bins] [data-testid="row-GZ:A-01-01"]');
    await admin.setInputFiles('[data-testid=csv-file]', {
      name: 'bins.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'code,zone,check_digits,path_seq\nF-01-01,A,12,7000\nF-01-02,A,1x,7010\nF-01-03,Q,13,7020\n',
      ),
    });
    await admin.waitForSelector('[data-testid=csv-errors]');
    expect(await tableRows(admin, '[data-testid=csv-error-row]')).toEqual([
      ['2', 'check_digits', 'check digits are 2 or 3 digits'],
    ]);
    expect(await admin.$('[data-testid="row-GZ:F-01-01"]')).toBeNull();
    await admin.setInputFiles('[data-testid=csv-file]', {
      name: 'bins.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'code,zone,check_digits,path_seq\nF-01-01,A,12,7000\nF-01-03,Q,13,7020\n',
      ),
    });
    await admin.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid=csv-error-row]').length === 1 &&
        document.querySelector('[data-testid=csv-error-row]')?.textContent?.includes('zone'),
    );
    expect(await tableRows(admin, '[data-testid=csv-error-row]')).toEqual([
      ['2', 'zone', 'no active zone Q in GZ'],
    ]);
    await admin.setInputFiles('[data-testid=csv-file]', {
      name: 'bins.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('code,zone,check_digits,path_seq\nF-01-01,A,12,7000\n'),
    });
    await admin.waitForSelector('[data-testid=csv-result]');
    await admin.waitForSelector('[data-testid="row-GZ:F-01-01"]');
    expect(await admin.$('[data-testid=csv-errors]')).toBeNull();

    // Files come with the token in the header, and the event stream opens with a stream ticket:
    // no URL carries the session token.
    const tokenUrls: string[] = [];
    admin.context().on('request', (request) => {
      if (request.url().includes('token=')) tokenUrls.push(new URL(request.url()).pathname);
    });
    const [csv] = await Promise.all([
      admin.waitForEvent('download'),
      admin.click('[data-testid=csv-export]'),
    ]);
    expect(csv.suggestedFilename()).toBe('bins.csv');
    const exported = readFileSync(await csv.path(), 'utf8');
    expect(exported).toContain('F-01-01');
    const row = '[data-testid="row-GZ:F-01-01"]';
    const [zpl] = await Promise.all([
      admin.waitForEvent('download'),
      admin.click(`${row} [data-testid=label-zpl]`),
    ]);
    expect(zpl.suggestedFilename()).toBe('bins.zpl');
    const label = readFileSync(await zpl.path(), 'utf8');
    expect(label.startsWith('^XA')).toBe(true);
    expect(label).toContain('F-01-01');
    const [pdf] = await Promise.all([
      admin.context().waitForEvent('page'),
      admin.click(`${row} [data-testid=label-pdf]`),
    ]);
    expect(pdf.url()).toMatch(/^blob:/);
    expect(tokenUrls).toEqual([]);
  });
});
