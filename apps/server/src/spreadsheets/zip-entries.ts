import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/** One file of a zip archive, as its central directory lists it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated: the two an .xlsx uses. */
  method: number;
  /** Where the entry's compressed bytes start, and how many there are. */
  start: number;
  size: number;
}

/** A zip this reader does not take (ZIP64, encrypted, another compression): the caller decides. */
export class UnsupportedZip extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** How much input is handed to the inflater at once (its output comes in 16 KiB chunks). */
const SLICE = 64 * 1024;

/**
 * The entries of a zip held in memory, by name, from its central directory (the only place
 * with the true sizes: an .xlsx writer may stream its entries with the sizes after the data).
 * Throws `UnsupportedZip` for what an ordinary .xlsx never is, a plain `Error` for a broken one.
 */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  // The end record is 22 bytes plus a comment of at most 65,535.
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - 0xffff); at--)
    if (view.getUint32(at, true) === EOCD) {
      end = at;
      break;
    }
  if (end < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = view.getUint16(end + 10, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw new UnsupportedZip('ZIP64 archive');
  const entries = new Map<string, ZipEntry>();
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== CENTRAL)
      throw new Error('the zip central directory is broken');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (flags & 1) throw new UnsupportedZip(`${name} is encrypted`);
    if (method !== 0 && method !== 8) throw new UnsupportedZip(`${name}: compression ${method}`);
    if (size === 0xffffffff || local === 0xffffffff) throw new UnsupportedZip('ZIP64 archive');
    if (local + 30 > bytes.byteLength || view.getUint32(local, true) !== LOCAL)
      throw new Error(`the zip entry ${name} is broken`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + size > bytes.byteLength) throw new Error(`the zip entry ${name} is cut short`);
    entries.set(name.replace(/^\//, ''), { name, method, start, size });
  }
  return entries;
}

/**
 * An entry's uncompressed bytes as they are inflated, chunk by chunk: a part of any size is never
 * held whole. A chunk may end inside a UTF-8 character, so decode them with a streaming decoder.
 */
export async function* entryChunks(bytes: Uint8Array, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset + entry.start, entry.size);
  function* slices() {
    for (let at = 0; at < data.byteLength; at += SLICE) yield data.subarray(at, at + SLICE);
  }
  if (entry.method === 0) {
    yield* slices();
    return;
  }
  const inflater = createInflateRaw();
  Readable.from(slices()).pipe(inflater);
  for await (const chunk of inflater) yield chunk as Buffer;
}
