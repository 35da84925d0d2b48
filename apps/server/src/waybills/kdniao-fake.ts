import { createHash } from 'node:crypto';

/**
 * A local stand-in for KDNiao's e-waybill endpoint that follows its documented contract (see
 * kdniao.ts for the addresses): a form POST whose DataSign must match Base64(MD5-hex(RequestData
 * + AppKey)); 1007 issues a waybill number per new OrderCode (a repeated OrderCode is refused,
 * as the documentation says), 1147 cancels a waybill not cancelled yet. Result codes other than
 * "100" are this fake's own (the documentation lists them per carrier).
 */
export class KdniaoFake {
  readonly issued = new Map<string, { orderCode: string; carrier: string; cancelled: boolean }>();
  readonly requests: { requestType: string; data: Record<string, unknown> }[] = [];
  private serial = 0;

  constructor(
    private readonly eBusinessId: string,
    private readonly appKey: string,
  ) {}

  /** A `fetch` that answers as the endpoint would. */
  readonly fetch = (_url: string | URL | Request, init?: RequestInit): Promise<Response> =>
    Promise.resolve(this.answer(typeof init?.body === 'string' ? init.body : ''));

  private answer(body: string): Response {
    const form = new URLSearchParams(body);
    const requestData = form.get('RequestData') ?? '';
    const expected = Buffer.from(
      createHash('md5')
        .update(requestData + this.appKey, 'utf8')
        .digest('hex'),
    ).toString('base64');
    if (form.get('EBusinessID') !== this.eBusinessId)
      return reply({ Success: false, ResultCode: '101', Reason: '商户ID不存在' });
    if (form.get('DataSign') !== expected || form.get('DataType') !== '2')
      return reply({ Success: false, ResultCode: '102', Reason: '数据签名错误' });
    const data = JSON.parse(requestData) as Record<string, unknown>;
    const requestType = form.get('RequestType') ?? '';
    this.requests.push({ requestType, data });
    if (requestType === '1007') return this.create(data);
    if (requestType === '1147') return this.cancel(data);
    return reply({ Success: false, ResultCode: '103', Reason: `未知指令 ${requestType}` });
  }

  private create(data: Record<string, unknown>): Response {
    const orderCode = text(data.OrderCode);
    const receiver = data.Receiver as Record<string, unknown> | undefined;
    if (!orderCode || !data.ShipperCode || !receiver?.Name || !receiver.Address)
      return reply({ Success: false, ResultCode: '105', Reason: '必填参数缺失' });
    if ([...this.issued.values()].some((w) => w.orderCode === orderCode))
      return reply({ Success: false, ResultCode: '106', Reason: '订单编号重复' });
    this.serial += 1;
    const waybillNo = `${text(data.ShipperCode)}${7_000_000_000 + this.serial}`;
    this.issued.set(waybillNo, {
      orderCode,
      carrier: text(data.ShipperCode),
      cancelled: false,
    });
    return reply({
      EBusinessID: this.eBusinessId,
      Success: true,
      ResultCode: '100',
      Reason: '成功',
      Order: {
        OrderCode: orderCode,
        ShipperCode: data.ShipperCode,
        LogisticCode: waybillNo,
        KDNOrderCode: `KDN${String(this.serial).padStart(10, '0')}`,
        MarkDestination: '755W-南山',
      },
    });
  }

  private cancel(data: Record<string, unknown>): Response {
    const waybill = this.issued.get(text(data.ExpNo));
    if (!waybill || waybill.orderCode !== data.OrderCode || waybill.cancelled)
      return reply({ Success: false, ResultCode: '107', Reason: '订单不存在或已取消' });
    waybill.cancelled = true;
    return reply({
      EBusinessID: this.eBusinessId,
      Success: true,
      ResultCode: '100',
      Reason: '成功',
    });
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

const reply = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
