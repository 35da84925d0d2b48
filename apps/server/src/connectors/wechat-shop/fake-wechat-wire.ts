import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** How the fake 微信小店 reads requests and writes answers, and seals pushes as WeChat does. */
export class RawJson {
  constructor(readonly text: string) {}
}

export function rawJson(text: string): RawJson {
  return new RawJson(text);
}

export function send(res: ServerResponse, answer: unknown): void {
  const text = answer instanceof RawJson ? answer.text : JSON.stringify(answer);
  res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' }).end(text);
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sha1(parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** The platform's sealing, written here on its own so the fake does not share our decoder's code. */
export function seal(aesKey: string, appId: string, plain: string): string {
  const key = Buffer.from(`${aesKey}=`, 'base64');
  const msg = Buffer.from(plain, 'utf8');
  const head = Buffer.alloc(20);
  randomBytes(16).copy(head);
  head.writeUInt32BE(msg.length, 16);
  const full = Buffer.concat([head, msg, Buffer.from(appId)]);
  const padBy = 32 - (full.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([full, Buffer.alloc(padBy, padBy)])),
    cipher.final(),
  ]).toString('base64');
}
