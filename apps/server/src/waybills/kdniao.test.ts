import { describe, expect, it } from 'vitest';
import { KdniaoFake } from './kdniao-fake';
import { KdniaoProvider, kdniaoDataSign, kdniaoForm } from './kdniao';
import { WaybillError, type WaybillRequest } from './waybill-provider';

// KDNiao's published test merchant key and query (https://blog.csdn.net/kjyiyi/article/details/109111778).
const DOC_APP_KEY = '554343b2-7252-439b-b4eb-1af42c8f2175';
const DOC_REQUEST = '{"OrderCode":"","ShipperCode":"SF","LogisticCode":"118461988807"}';

const request: WaybillRequest = {
  orderCode: 'SO-20261206-7f3a-P1',
  carrier: 'SF',
  sender: {
    name: '广州一号仓',
    mobile: '02088886666',
    province: '广东省',
    city: '广州市',
    district: '白云区',
    address: '太和镇大源北路 88 号',
  },
  receiver: {
    name: '陈晓明',
    mobile: '13912345678',
    province: '广东省',
    city: '深圳市',
    district: '南山区',
    address: '科技园科苑路 15 号讯美科技广场 2 栋 1203',
  },
  goods: [{ name: '婴儿奶粉 900g', qty: 2 }],
  weightKg: 2.335,
  signatureRequired: true,
};

describe('KDNiao e-waybills', () => {
  it("signs as the documentation's worked example: Base64 of the MD5 hex of data + AppKey", () => {
    // Computed with the documented procedure (Python: base64(md5(data + key).hexdigest())).
    expect(kdniaoDataSign(DOC_REQUEST, DOC_APP_KEY)).toBe(
      'YjlkODQyODViNWRmZGIxNTE2MmFjNDcyNTcwMmRjOTA=',
    );
    const form = kdniaoForm('test1617571', DOC_APP_KEY, '1002', JSON.parse(DOC_REQUEST));
    expect(form.toString()).toBe(
      'RequestData=%7B%22OrderCode%22%3A%22%22%2C%22ShipperCode%22%3A%22SF%22%2C%22LogisticCode%22%3A%22118461988807%22%7D' +
        '&EBusinessID=test1617571&RequestType=1002' +
        '&DataSign=YjlkODQyODViNWRmZGIxNTE2MmFjNDcyNTcwMmRjOTA%3D&DataType=2',
    );
  });

  it('requests a waybill from the fake, refuses a repeated parcel, cancels an unused one once', async () => {
    const fake = new KdniaoFake('1617571', 'c0bfe0ba-86b6-4c3e-9c5f-7a2d1e0b9a11');
    const provider = new KdniaoProvider({
      eBusinessId: '1617571',
      appKey: 'c0bfe0ba-86b6-4c3e-9c5f-7a2d1e0b9a11',
      url: 'http://sandboxapi.kdniao.com:8080/kdniaosandbox/gateway/exterfaceInvoke.json',
      fetch: fake.fetch,
    });
    const issued = await provider.request(request);
    expect(issued).toEqual({
      provider: 'kdniao',
      waybillNo: 'SF7000000001',
      providerRef: 'KDN0000000001',
      sortingCode: '755W-南山',
    });
    expect(fake.requests[0]).toMatchObject({
      requestType: '1007',
      data: {
        OrderCode: 'SO-20261206-7f3a-P1',
        ShipperCode: 'SF',
        Receiver: { Name: '陈晓明', ProvinceName: '广东省', ExpAreaName: '南山区' },
        Commodity: [{ GoodsName: '婴儿奶粉 900g', Goodsquantity: 2 }],
        Remark: '本人签收 Signature required',
      },
    });
    await expect(provider.request(request)).rejects.toMatchObject({ code: '106' });
    const cancel = { carrier: 'SF', orderCode: request.orderCode, waybillNo: issued.waybillNo };
    await provider.cancel(cancel);
    expect(fake.issued.get('SF7000000001')?.cancelled).toBe(true);
    await expect(provider.cancel(cancel)).rejects.toThrow(WaybillError);
  });

  it('is refused with a wrong AppKey (the fake checks the signature)', async () => {
    const fake = new KdniaoFake('1617571', 'the-right-key');
    const provider = new KdniaoProvider({
      eBusinessId: '1617571',
      appKey: 'a-wrong-key',
      url: 'http://sandboxapi.kdniao.com:8080/kdniaosandbox/gateway/exterfaceInvoke.json',
      fetch: fake.fetch,
    });
    await expect(provider.request(request)).rejects.toMatchObject({
      code: '102',
      message: 'KDNiao refused (102): 数据签名错误',
    });
    expect(fake.issued.size).toBe(0);
  });
});
