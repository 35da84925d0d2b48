import { PlatformError, type PlatformCredentials, type PushNotice } from '../platform';
import { parseExactJson } from '../exact-json';
import { idText } from './order-mapping';
import {
  PushCryptoError,
  decryptPush,
  isSameSignature,
  msgSignature,
  urlSignature,
} from './push-crypto';

/**
 * A push to /api/connectors/:id/push. Two shapes arrive
 * (https://developers.weixin.qq.com/doc/channels/dev_before/base/message_push.html):
 * - the URL check when the seller saves the push settings: GET with signature, timestamp,
 *   nonce and echostr; we answer echostr when the signature is right;
 * - an event: POST with timestamp, nonce, encrypt_type=aes and msg_signature, body
 *   `{"ToUserName": "...", "Encrypt": "..."}`. The decrypted event names the order in
 *   `order_info.order_id` (订单下单/支付/取消/发货… events, e.g.
 *   https://developers.weixin.qq.com/doc/store/API/order/callback/channels_ec_order_deliver.html);
 *   WeChat stops resending once we answer `success` within 5 seconds.
 * A replayed push only makes us pull that order again, so no timestamp window is enforced.
 */
export function verifyWechatPush(
  creds: PlatformCredentials,
  push: { url: URL; headers: Headers; body: string },
): PushNotice {
  const token = creds.pushToken;
  if (!token) throw new PlatformError('bad-signature', 'This connector has no push Token set');
  const query = push.url.searchParams;
  const timestamp = query.get('timestamp') ?? '';
  const nonce = query.get('nonce') ?? '';
  const echostr = query.get('echostr');
  if (echostr !== null && push.body.trim() === '') {
    assertSignature(urlSignature(token, timestamp, nonce), query.get('signature'));
    return { platformOrderIds: [], reply: textReply(echostr) };
  }
  const encrypt = encryptedField(push.body);
  assertSignature(msgSignature(token, timestamp, nonce, encrypt), query.get('msg_signature'));
  const event = openEvent(creds, encrypt);
  return { platformOrderIds: orderIdsOf(event), reply: textReply('success') };
}

function assertSignature(expected: string, given: string | null): void {
  if (!given || !isSameSignature(expected, given))
    throw new PlatformError('bad-signature', 'The push signature does not match our Token');
}

function encryptedField(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new PlatformError('bad-signature', 'The push body is not JSON');
  }
  const encrypt = (parsed as { Encrypt?: unknown } | null)?.Encrypt;
  if (typeof encrypt !== 'string' || encrypt === '')
    throw new PlatformError('bad-signature', 'The push body has no Encrypt field');
  return encrypt;
}

interface WechatEvent {
  Event?: string;
  order_info?: { order_id?: string | number };
}

function openEvent(creds: PlatformCredentials, encrypt: string): WechatEvent {
  if (!creds.pushAesKey)
    throw new PlatformError('bad-signature', 'This connector has no EncodingAESKey set');
  try {
    return parseExactJson(decryptPush(creds.pushAesKey, creds.appKey, encrypt)) as WechatEvent;
  } catch (error) {
    const why = error instanceof PushCryptoError ? error.message : 'the event is not JSON';
    throw new PlatformError('bad-signature', `The push does not decrypt: ${why}`);
  }
}

function orderIdsOf(event: WechatEvent): string[] {
  const id = event.order_info?.order_id;
  if (id === undefined || !event.Event?.startsWith('channels_ec_order_')) return [];
  return [idText(id, 'order_info.order_id')];
}

function textReply(body: string): PushNotice['reply'] {
  return { status: 200, body, contentType: 'text/plain; charset=utf-8' };
}
