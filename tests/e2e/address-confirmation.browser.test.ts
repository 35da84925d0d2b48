import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';

/** Calls the API as the demo's GZ admin (who may also take orders in). */
async function anAdmin(baseUrl: string) {
  const call = async (path: string, body?: unknown, token?: string) => {
    const res = await fetch(new URL(path, baseUrl), {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const identity = await call('/api/devices/register', { label: 'e2e-address-admin' });
  const { token } = (await call('/api/auth/login', {
    badge: 'A-0001',
    pin: '1234',
    ...identity,
  })) as {
    token: string;
  };
  return (path: string, body?: unknown) => call(path, body, token);
}

describe('the address-confirmation page', () => {
  const fx = aServerAndBrowserPerFile();

  it('a customer confirms the new address on a 360×640 phone', async () => {
    const admin = await anAdmin(fx.server.url);
    const { orderId } = (await admin('/api/orders', {
      channel: 'mini-program',
      channelOrderId: 'MP-ADDR-0001',
      placedAt: new Date().toISOString(),
      customerId: 'mp-user-8841',
      consignee: { name: '林小雨', phone: '13826008841' },
      address: {
        province: '广东省',
        city: '深圳市',
        district: '福田区',
        detail: '深南大道 6008 号',
      },
      paidCents: 9_900,
      lines: [{ skuId: 'SKU-00121', qty: 1, unitPriceCents: 9_900 }],
    })) as { orderId: string };
    const { confirmationUrl } = (await admin(`/api/holds/orders/${orderId}/address-change`, {
      newAddress: '广东省广州市海珠区新港中路 397 号 3 栋 1202',
    })) as { confirmationUrl: string };

    const context = await fx.browser.newContext({
      viewport: { width: 360, height: 640 },
      locale: 'zh-CN',
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(confirmationUrl);
    expect(await page.textContent('h1')).toBe('确认新的收货地址');
    expect(await page.textContent('[data-testid=old-address]')).toBe('广东省深圳市福田区深南****');
    expect(await page.textContent('[data-testid=new-address]')).toBe(
      '广东省广州市海珠区新港中路 397 号 3 栋 1202',
    );
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= 360);
    expect(fits).toBe(true);
    const confirm = await page.locator('button[value=confirm]').boundingBox();
    expect(confirm!.y + confirm!.height).toBeLessThanOrEqual(640);
    await page.click('button[value=confirm]');
    await page.waitForSelector('[data-testid=message]');
    expect(await page.textContent('[data-testid=message]')).toBe(
      '地址已修改，我们会按新地址发货。',
    );
    await context.close();

    const trace = (await admin(`/api/orders/${orderId}/trace`)) as {
      order: { status: string; city: string; district: string };
    };
    expect(trace.order).toMatchObject({ status: 'received', city: '广州市', district: '海珠区' });
  });
});
