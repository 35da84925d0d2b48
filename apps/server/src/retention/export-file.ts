import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

/** A written export file and what it holds. */
export interface ExportFile {
  /** Relative to the export folder: `<table>/<YYYY-MM>.ndjson.gz`, `.2.ndjson.gz` for a later part. */
  file: string;
  rows: number;
  sha256: string;
}

/** The file name of a table's month (part 1 is the month's file, later parts are stragglers). */
export function exportFileName(table: string, month: string, part: number): string {
  return join(table, part === 1 ? `${month}.ndjson.gz` : `${month}.${part}.ndjson.gz`);
}

/**
 * Writes rows (each one JSON object, as text) to a gzipped NDJSON file under `dir`, durably: to a
 * temporary name, flushed to disk, then renamed, so a file under its final name is whole.
 */
export async function writeExportFile(
  dir: string,
  file: string,
  rows: AsyncIterable<string[]>,
): Promise<ExportFile> {
  const path = join(dir, file);
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.partial`;
  const hash = createHash('sha256');
  let count = 0;
  async function* lines() {
    for await (const page of rows) {
      count += page.length;
      if (page.length > 0) yield `${page.join('\n')}\n`;
    }
  }
  const gzip = createGzip();
  gzip.on('data', (chunk: Buffer) => hash.update(chunk));
  try {
    await pipeline(Readable.from(lines()), gzip, createWriteStream(temporary));
    const handle = await open(temporary, 'r');
    await handle.sync();
    await handle.close();
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { file, rows: count, sha256: hash.digest('hex') };
}

/**
 * Reads an export file back and checks it against what was written: the same checksum and the
 * same number of rows, each a JSON object. Throws, saying what differs, when it does not hold.
 */
export async function verifyExportFile(dir: string, expected: ExportFile): Promise<void> {
  const path = join(dir, expected.file);
  const hash = createHash('sha256');
  const raw = createReadStream(path);
  raw.on('data', (chunk) => hash.update(chunk));
  let rows = 0;
  const reader = createInterface({ input: raw.pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of reader) {
    if (line === '') continue;
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) {
      throw new Error(`${expected.file}: line ${rows + 1} is not a row`);
    }
    rows++;
  }
  const sha256 = hash.digest('hex');
  if (rows !== expected.rows) {
    throw new Error(`${expected.file}: ${rows} rows read back, ${expected.rows} written`);
  }
  if (sha256 !== expected.sha256) {
    throw new Error(`${expected.file}: checksum ${sha256} read back, ${expected.sha256} written`);
  }
}
