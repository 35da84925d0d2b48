import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  type IssuedWaybill,
  type WaybillProvider,
  type WaybillRequest,
  WaybillError,
} from './waybill-provider';

/**
 * 快递鸟 KDNiao e-waybill (电子面单) API, from its public documentation (read for this code):
 * - KDNiao API docs (apifox), 电子面单API → 订单取消接口 (RequestType 1147), with the sandbox and
 *   production addresses: https://apifox.com/apidoc/docs-site/2538027/api-72888751
 * - 电子面单接口 (RequestType 1007) system and application parameters (RequestData, EBusinessID,
 *   RequestType, DataSign, DataType; OrderCode, ShipperCode, PayType, ExpType, Sender, Receiver,
 *   Commodity): https://blog.csdn.net/weixin_34101784/article/details/91664831
 * - The DataSign procedure with KDNiao's published test key and request (the worked example
 *   checked in kdniao.test.ts): https://blog.csdn.net/kjyiyi/article/details/109111778
 *
 * Every call is an HTTP POST, `application/x-www-form-urlencoded; charset=utf-8`, with the system
 * parameters `RequestData` (the JSON, URL-encoded), `EBusinessID`, `RequestType`, `DataSign` and
 * `DataType=2` (JSON). `DataSign` = URL-encode(Base64(MD5-hex(RequestData before encoding +
 * AppKey))). A reply's `Success` and `ResultCode` ("100": done) say whether it worked.
 */
export const KDNIAO_PRODUCTION_URL = 'https://api.kdniao.com/api/EOrderService';
export const KDNIAO_SANDBOX_URL =
  'http://sandboxapi.kdniao.com:8080/kdniaosandbox/gateway/exterfaceInvoke.json';

export const KDNIAO_CREATE = '1007';
export const KDNIAO_CANCEL = '1147';

/** The documented signature, before the form encoding (which `URLSearchParams` does). */
export function kdniaoDataSign(requestData: string, appKey: string): string {
  const md5Hex = createHash('md5')
    .update(requestData + appKey, 'utf8')
    .digest('hex');
  return Buffer.from(md5Hex, 'utf8').toString('base64');
}

/** The form body of one call. */
export function kdniaoForm(
  eBusinessId: string,
  appKey: string,
  requestType: string,
  data: unknown,
): URLSearchParams {
  const requestData = JSON.stringify(data);
  return new URLSearchParams({
    RequestData: requestData,
    EBusinessID: eBusinessId,
    RequestType: requestType,
    DataSign: kdniaoDataSign(requestData, appKey),
    DataType: '2',
  });
}

const replySchema = z.object({
  Success: z.boolean(),
  ResultCode: z.string(),
  Reason: z.string().optional(),
  Order: z
    .object({
      OrderCode: z.string().optional(),
      LogisticCode: z.string().optional(),
      KDNOrderCode: z.string().optional(),
      MarkDestination: z.string().optional(),
    })
    .optional(),
});

export interface KdniaoConfig {
  eBusinessId: string;
  appKey: string;
  url: string;
  /** The HTTP client; tests pass one that calls the documented fake. */
  fetch?: typeof fetch;
}

export class KdniaoProvider implements WaybillProvider {
  readonly name = 'kdniao';

  constructor(private readonly config: KdniaoConfig) {}

  async request(request: WaybillRequest): Promise<IssuedWaybill> {
    const party = (p: WaybillRequest['sender']) => ({
      Name: p.name,
      Mobile: p.mobile,
      ProvinceName: p.province,
      CityName: p.city,
      ExpAreaName: p.district,
      Address: p.address,
    });
    const reply = await this.call(KDNIAO_CREATE, {
      OrderCode: request.orderCode,
      ShipperCode: request.carrier,
      PayType: 3, // 月结: the warehouse's monthly account
      ExpType: 1, // 标准快件
      Sender: party(request.sender),
      Receiver: party(request.receiver),
      Commodity: request.goods.map((g) => ({ GoodsName: g.name, Goodsquantity: g.qty })),
      Weight: request.weightKg,
      Quantity: 1,
      IsReturnPrintTemplate: 0,
      ...(request.signatureRequired && { Remark: '本人签收 Signature required' }),
    });
    const waybillNo = reply.Order?.LogisticCode;
    if (!waybillNo)
      throw new WaybillError('KDNiao answered without a waybill number', reply.ResultCode);
    return {
      provider: this.name,
      waybillNo,
      providerRef: reply.Order?.KDNOrderCode ?? request.orderCode,
      sortingCode: reply.Order?.MarkDestination ?? null,
    };
  }

  async cancel(waybill: { carrier: string; orderCode: string; waybillNo: string }): Promise<void> {
    await this.call(KDNIAO_CANCEL, {
      ShipperCode: waybill.carrier,
      OrderCode: waybill.orderCode,
      ExpNo: waybill.waybillNo,
    });
  }

  private async call(requestType: string, data: unknown) {
    const { eBusinessId, appKey, url } = this.config;
    const send = this.config.fetch ?? fetch;
    let response: Response;
    try {
      response = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: kdniaoForm(eBusinessId, appKey, requestType, data).toString(),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new WaybillError(`KDNiao not reached: ${String(error)}`, 'unreachable');
    }
    const parsed = replySchema.safeParse(await response.json().catch(() => null));
    if (!response.ok || !parsed.success) {
      throw new WaybillError(
        `KDNiao answered HTTP ${response.status} without a reply`,
        'bad-reply',
      );
    }
    if (!parsed.data.Success || parsed.data.ResultCode !== '100') {
      throw new WaybillError(
        `KDNiao refused (${parsed.data.ResultCode}): ${parsed.data.Reason ?? 'no reason given'}`,
        parsed.data.ResultCode,
      );
    }
    return parsed.data;
  }
}
