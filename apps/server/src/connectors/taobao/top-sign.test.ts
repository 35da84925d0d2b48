import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { topForm } from './top-client';
import { parseTopTime, topSign, topSignBase, topTime } from './top-sign';

// TOP's worked example in 「API调用方法详解」 → 签名算法 (MD5, secret "helloworld"):
// https://open.taobao.com/doc.htm?docId=101617&docType=1
const DOC_PARAMS = {
  method: 'taobao.item.seller.get',
  app_key: '12345678',
  session: 'test',
  timestamp: '2016-01-01 12:00:00',
  format: 'json',
  v: '2.0',
  sign_method: 'md5',
  fields: 'num_iid,title,nick,price,num',
  num_iid: '11223344',
};

// The earlier edition of the same doc (secret "test", taobao.user.seller.get), as quoted from
// TOP's documentation in https://segmentfault.com/q/1010000002569107
const OLD_DOC_PARAMS = {
  method: 'taobao.user.seller.get',
  timestamp: '2013-05-06 13:52:03',
  format: 'xml',
  app_key: 'test',
  v: '2.0',
  fields: 'nick',
  sign_method: 'md5',
  session: 'test',
};

describe('TOP request signing', () => {
  it("gives the doc's published MD5 sign for its sample call", () => {
    expect(topSignBase(DOC_PARAMS)).toBe(
      'app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.get' +
        'num_iid11223344sessiontestsign_methodmd5timestamp2016-01-01 12:00:00v2.0',
    );
    expect(topSign(DOC_PARAMS, 'helloworld', 'md5')).toBe('66987CB115214E59E6EC978214934FB8');
    expect(topSign(OLD_DOC_PARAMS, 'test', 'md5')).toBe('72CB4D809B375A54502C09360D879C64');
  });

  it('leaves sign and empty values out, and sorts by ASCII (foo_bar before foobar)', () => {
    // The doc's own ordering example: foo:1, bar:2, foo_bar:3, foobar:4 → bar2foo1foo_bar3foobar4.
    expect(
      topSignBase({ foo: '1', bar: '2', foo_bar: '3', foobar: '4', sign: 'X', empty: '' }),
    ).toBe('bar2foo1foo_bar3foobar4');
  });

  // The doc publishes no HMAC vector: these check against node's crypto called directly.
  it('signs hmac as HMAC-MD5 and hmac-sha256 as HMAC-SHA256 keyed with the secret, uppercase hex', () => {
    const params = { ...DOC_PARAMS, sign_method: 'hmac' };
    const base =
      'app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.get' +
      'num_iid11223344sessiontestsign_methodhmactimestamp2016-01-01 12:00:00v2.0';
    expect(topSign(params, 'helloworld', 'hmac')).toBe(
      createHmac('md5', 'helloworld').update(base).digest('hex').toUpperCase(),
    );
    const sha = { ...DOC_PARAMS, sign_method: 'hmac-sha256', receiver_name: '陈晓明' };
    const shaBase = topSignBase(sha);
    expect(shaBase).toContain('receiver_name陈晓明');
    const expected = createHmac('sha256', 'helloworld').update(shaBase, 'utf8').digest('hex');
    expect(topSign(sha, 'helloworld', 'hmac-sha256')).toBe(expected.toUpperCase());
    expect(topSign(sha, 'helloworld', 'hmac-sha256')).toMatch(/^[0-9A-F]{64}$/);
  });

  it('writes and reads times in GMT+8 as TOP does', () => {
    expect(topTime(new Date('2016-01-01T04:00:00Z'))).toBe('2016-01-01 12:00:00');
    expect(parseTopTime('2016-01-01 12:00:00')?.toISOString()).toBe('2016-01-01T04:00:00.000Z');
    expect(parseTopTime('2016-01-01T12:00:00')).toBeNull();
  });

  it('puts the system parameters and the sign into the form', () => {
    const form = topForm(
      { appKey: '12345678', appSecret: 'helloworld', accessToken: 'test' },
      'taobao.item.seller.get',
      { fields: 'num_iid,title,nick,price,num', num_iid: '11223344' },
      'md5',
      new Date('2016-01-01T04:00:00Z'),
    );
    expect(Object.fromEntries(form)).toEqual({
      ...DOC_PARAMS,
      sign: '66987CB115214E59E6EC978214934FB8',
    });
  });
});
