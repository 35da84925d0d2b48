import { describe, expect, it } from 'vitest';
import { PlatformError, type PlatformCredentials } from '../platform';
import { wechatShopAdapter } from './adapter';
import { FakeWechatShop } from './fake-wechat-shop';
import { decryptPush, encryptPush, msgSignature, urlSignature } from './push-crypto';

/**
 * Golden vectors: WeChat's own worked example of message push, published in
 * https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html
 * (开发者服务器接收消息推送 → 发起验证 / 消息解密方式为安全模式); the URL-check example is the same in
 * the 微信小店 page https://developers.weixin.qq.com/doc/channels/dev_before/base/message_push.html.
 */
const DOC = {
  token: 'AAAAA',
  aesKey: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  appId: 'wxba5fad812f8e6fb9',
  checkUrl:
    'https://www.qq.com/revice?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&echostr=4375120948345356249&timestamp=1714036504&nonce=1514711492',
  pushUrl:
    'https://www.qq.com/recive?signature=6c5c811b55cc85e0e1b54100749188c20beb3f5d&timestamp=1714112445&nonce=415670741&openid=o9AgO5Kd5ggOC-bXrbNODIiE3bGY&encrypt_type=aes&msg_signature=046e02f8204d34f8ba5fa3b1db94908f3df2e9b3',
  encrypt:
    '+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=',
  plaintext:
    '{"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714112445,"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}',
  replyPlain: '{"demo_resp":"good luck"}',
  replyRandom: '707722b803182950',
  replyEncrypt:
    'ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==',
  replySignature: '1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1',
};

const docCreds: PlatformCredentials = {
  appKey: DOC.appId,
  appSecret: 'unused',
  pushToken: DOC.token,
  pushAesKey: DOC.aesKey,
};

const adapter = wechatShopAdapter();

function bodyOf(encrypt: string): string {
  return JSON.stringify({ ToUserName: 'gh_97417a04a28d', Encrypt: encrypt });
}

function kindOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof PlatformError ? error.kind : 'not a PlatformError';
  }
  return undefined;
}

describe('微信小店 push signatures against the published example', () => {
  it('computes the documented URL signature and msg_signature', () => {
    expect(urlSignature(DOC.token, '1714036504', '1514711492')).toBe(
      'f464b24fc39322e44b38aa78f5edd27bd1441696',
    );
    expect(msgSignature(DOC.token, '1714112445', '415670741', DOC.encrypt)).toBe(
      '046e02f8204d34f8ba5fa3b1db94908f3df2e9b3',
    );
  });

  it('decrypts the documented Encrypt to the documented event', () => {
    expect(decryptPush(DOC.aesKey, DOC.appId, DOC.encrypt)).toBe(DOC.plaintext);
  });

  it('seals the documented reply to the documented Encrypt and MsgSignature', () => {
    const sealed = encryptPush(DOC.aesKey, DOC.appId, DOC.replyPlain, Buffer.from(DOC.replyRandom));
    expect(sealed).toBe(DOC.replyEncrypt);
    expect(msgSignature(DOC.token, '1713424427', '415670741', sealed)).toBe(DOC.replySignature);
  });

  it('answers the URL check with echostr, and refuses it with a changed nonce', () => {
    const notice = adapter.verifyPush(docCreds, {
      url: new URL(DOC.checkUrl),
      headers: new Headers(),
      body: '',
    });
    expect(notice).toEqual({
      platformOrderIds: [],
      reply: { status: 200, body: '4375120948345356249', contentType: 'text/plain; charset=utf-8' },
    });
    const tampered = new URL(DOC.checkUrl);
    tampered.searchParams.set('nonce', '1514711493');
    expect(
      kindOf(() =>
        adapter.verifyPush(docCreds, { url: tampered, headers: new Headers(), body: '' }),
      ),
    ).toBe('bad-signature');
  });

  it('accepts the documented encrypted push and answers success', () => {
    const notice = adapter.verifyPush(docCreds, {
      url: new URL(DOC.pushUrl),
      headers: new Headers({ 'content-type': 'application/json' }),
      body: bodyOf(DOC.encrypt),
    });
    expect(notice.platformOrderIds).toEqual([]);
    expect(notice.reply.body).toBe('success');
  });

  it('rejects the documented push with one character of Encrypt changed', () => {
    const tampered = `${DOC.encrypt.slice(0, 10)}X${DOC.encrypt.slice(11)}`;
    const push = { url: new URL(DOC.pushUrl), headers: new Headers(), body: bodyOf(tampered) };
    expect(kindOf(() => adapter.verifyPush(docCreds, push))).toBe('bad-signature');
  });

  it('rejects the documented push under another Token or another app', () => {
    const push = { url: new URL(DOC.pushUrl), headers: new Headers(), body: bodyOf(DOC.encrypt) };
    expect(kindOf(() => adapter.verifyPush({ ...docCreds, pushToken: 'BBBBB' }, push))).toBe(
      'bad-signature',
    );
    expect(
      kindOf(() => adapter.verifyPush({ ...docCreds, appKey: 'wx0000000000000000' }, push)),
    ).toBe('bad-signature');
  });
});

describe('微信小店 order events from the fake platform', () => {
  it('names the 19-digit order of a 订单下单 event exactly', async () => {
    const fake = await FakeWechatShop.start({ appId: 'wx5f1c2d3e4a5b6c7d', appSecret: 'secret' });
    try {
      const aesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
      const push = fake.orderPush('https://wms.example.cn/api/connectors/7/push', {
        token: 'shopPushToken2026',
        aesKey,
        event: 'channels_ec_order_new',
        orderId: '3705115058471208928',
      });
      const notice = adapter.verifyPush(
        {
          appKey: fake.appId,
          appSecret: 'secret',
          pushToken: 'shopPushToken2026',
          pushAesKey: aesKey,
        },
        { url: push.url, headers: new Headers(), body: push.body },
      );
      expect(notice.platformOrderIds).toEqual(['3705115058471208928']);
      expect(notice.reply).toEqual({
        status: 200,
        body: 'success',
        contentType: 'text/plain; charset=utf-8',
      });
    } finally {
      await fake.close();
    }
  });
});
