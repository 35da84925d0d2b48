import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * WeChat message push (消息推送) signatures and the encrypted ("安全模式") body. 微信小店 allows
 * only the encrypted mode with JSON bodies
 * (https://developers.weixin.qq.com/doc/channels/dev_before/base/message_push.html); the
 * algorithm and the worked example are in
 * https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html:
 * - URL check (GET, and `signature` on every push): sha1 over the lexically sorted
 *   [Token, timestamp, nonce], joined without separator, lower-case hex.
 * - Body check: `msg_signature` = sha1 over sorted [Token, timestamp, nonce, Encrypt].
 *   The docs say to verify this one on encrypted pushes, not `signature`.
 * - Encrypt: AES-256-CBC, key = Base64(EncodingAESKey + "="), IV = the key's first 16 bytes,
 *   PKCS#7 padding to a multiple of 32 bytes; plaintext = random(16) + msg_len(4, big-endian)
 *   + msg + appid, and the appid must be ours.
 */

export class PushCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PushCryptoError';
  }
}

const BLOCK = 32;

export function urlSignature(token: string, timestamp: string, nonce: string): string {
  return sha1Sorted([token, timestamp, nonce]);
}

export function msgSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
): string {
  return sha1Sorted([token, timestamp, nonce, encrypt]);
}

/** Constant-time comparison of two hex signatures (WeChat sends lower case; we accept either). */
export function isSameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected.toLowerCase());
  const b = Buffer.from(given.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The 32-byte AES key an EncodingAESKey (43 characters of Base64) stands for. */
export function aesKeyOf(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey))
    throw new PushCryptoError('The EncodingAESKey must be 43 letters and digits');
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

/** Decrypts an `Encrypt` field; throws unless it is well-formed and names `appId`. */
export function decryptPush(encodingAesKey: string, appId: string, encrypt: string): string {
  const key = aesKeyOf(encodingAesKey);
  const sealed = Buffer.from(encrypt, 'base64');
  if (sealed.length === 0 || sealed.length % 16 !== 0)
    throw new PushCryptoError('The Encrypt field is not whole AES blocks');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const full = unpad(Buffer.concat([decipher.update(sealed), decipher.final()]));
  if (full.length < 20) throw new PushCryptoError('The decrypted push is too short');
  const length = full.readUInt32BE(16);
  if (20 + length > full.length) throw new PushCryptoError('The decrypted length is wrong');
  const message = full.subarray(20, 20 + length).toString('utf8');
  const sender = full.subarray(20 + length).toString('utf8');
  if (sender !== appId)
    throw new PushCryptoError(`The push was sealed for app ${sender}, not ${appId}`);
  return message;
}

/** Seals a message the way WeChat does (for replies, and for the fake platform's pushes). */
export function encryptPush(
  encodingAesKey: string,
  appId: string,
  message: string,
  random: Buffer = randomBytes(16),
): string {
  const key = aesKeyOf(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const full = pad(Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')]));
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(full), cipher.final()]).toString('base64');
}

function sha1Sorted(parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

function pad(buf: Buffer): Buffer {
  const n = BLOCK - (buf.length % BLOCK);
  return Buffer.concat([buf, Buffer.alloc(n, n)]);
}

function unpad(buf: Buffer): Buffer {
  const n = buf[buf.length - 1] ?? 0;
  if (n < 1 || n > BLOCK) throw new PushCryptoError('The push padding is wrong');
  return buf.subarray(0, buf.length - n);
}
