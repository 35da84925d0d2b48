import { errorBodySchema, errorCodeSchema } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { aChannelKey, anOrder } from '../testing/hub-fixtures';
import {
  aLoggedInDevice,
  aPick,
  aSeededAppPerFile,
  postJson,
  type TestDevice,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

/** The body of an error answer, checked against the one error format. */
async function errorOf(res: Response) {
  const { error } = errorBodySchema.parse(await res.json());
  expect(errorCodeSchema.options).toContain(error.code);
  expect(error.message.length).toBeGreaterThan(0);
  return { status: res.status, code: error.code, params: error.params };
}

describe.each(testDatabases())('one error format on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const get = (path: string, token?: string) =>
    fx.app.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('every error carries a stable code and the params to word it', async () => {
    const supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    const picker: TestDevice = await aLoggedInDevice(fx.app, 'P-0001');
    const taobao = await aChannelKey(fx.database.db, 'taobao');
    expect(await errorOf(await get('/api/console/board'))).toEqual({
      status: 401,
      code: 'unauthenticated',
      params: {},
    });
    expect(await errorOf(await get('/api/console/board', picker.token))).toEqual({
      status: 403,
      code: 'forbidden',
      params: { needs: 'supervisor,admin', caller: 'picker' },
    });
    expect(await errorOf(await get('/api/orders/SO-B26-09-001/trace', supervisor))).toEqual({
      status: 404,
      code: 'not_found',
      params: { orderId: 'SO-B26-09-001' },
    });
    expect(
      await errorOf(await postJson(fx.app, '/api/orders', anOrder({ channel: 'jd' }), taobao)),
    ).toEqual({ status: 403, code: 'forbidden', params: { channel: 'jd', keyChannel: 'taobao' } });
    expect(
      await errorOf(await postJson(fx.app, '/api/orders', { ...anOrder(), paidCents: -1 }, taobao)),
    ).toEqual({ status: 400, code: 'invalid_request', params: { field: 'paidCents' } });
    const gap = aPick(picker, {
      id: 'PL-SO-B26-07-001-1',
      waveId: 'W-GZ-B26-07',
      binCode: 'A-01-01',
      skuId: 'SKU-00001',
      qty: 1,
    } as never);
    const pushed = await postJson(
      fx.app,
      '/api/sync/push',
      {
        deviceId: picker.deviceId,
        epoch: picker.epoch,
        highestLocalSeq: 5,
        events: [{ ...gap, seq: 5 }],
      },
      picker.token,
    );
    expect(await errorOf(pushed)).toEqual({
      status: 409,
      code: 'seq_gap',
      params: { expectedSeq: 1 },
    });
    expect(await errorOf(await get('/api/no-such-route'))).toEqual({
      status: 404,
      code: 'not_found',
      params: {},
    });
  });
});
