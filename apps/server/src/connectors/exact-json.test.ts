import { describe, expect, it } from 'vitest';
import { parseExactJson } from './exact-json';

// The push event example of https://developers.weixin.qq.com/doc/store/API/order/callback/channels_ec_order_deliver.html
const DELIVER_EVENT =
  '{"ToUserName":"gh_*","FromUserName":"OPENID","CreateTime":1662480000,"MsgType":"event",' +
  '"Event":"channels_ec_order_deliver","order_info":{"order_id":3705115058471208928,"finish_delivery":1}}';

describe('reading 微信小店 JSON with 19-digit ids', () => {
  it('keeps a bare 19-digit order id exact where JSON.parse rounds it', () => {
    const plain = JSON.parse(DELIVER_EVENT) as { order_info: { order_id: number } };
    expect(String(plain.order_info.order_id)).not.toBe('3705115058471208928');
    expect(parseExactJson(DELIVER_EVENT)).toEqual({
      ToUserName: 'gh_*',
      FromUserName: 'OPENID',
      CreateTime: 1662480000,
      MsgType: 'event',
      Event: 'channels_ec_order_deliver',
      order_info: { order_id: '3705115058471208928', finish_delivery: 1 },
    });
  });

  it('leaves safe numbers, decimals, negatives and digits inside strings alone', () => {
    expect(
      parseExactJson(
        '{"a":9007199254740991,"b":-12,"c":1.5e3,"d":"12345678901234567890","e":[-9007199254740993,"x\\"1"]}',
      ),
    ).toEqual({
      a: 9007199254740991,
      b: -12,
      c: 1500,
      d: '12345678901234567890',
      e: ['-9007199254740993', 'x"1'],
    });
  });
});
