/**
 * Peak memory and time of reading a large SKU .xlsx (not a test: a figure).
 *
 *   npx tsx tests/perf/measure-xlsx-read.ts [rows]
 *
 * Writes a workbook of `rows` SKUs (default 50,000) the way the SKU export does (`sheetToXlsx`,
 * Chinese names, barcodes, numbers), then reads it in a fresh process per reader, three times
 * each, interleaved: `streamed` (the import's reader, rows from the inflating zip) and `whole`
 * (exceljs's document reader, what the import used before). Prints each run's peak RSS (the
 * process's maxRSS, less what it held before reading), the heap's sampled peak and the time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { gs1CheckDigit } from '@wms/protocol';
import { readWholeWorkbook, readXlsx } from '../../apps/server/src/spreadsheets/read-xlsx';
import { sheetToXlsx } from '../../apps/server/src/spreadsheets/sheet';

const [mode, reader, file] = process.argv.slice(2);

/** An EAN-13 as printed: the 12 digits and their check digit (the import refuses a wrong one). */
const anEan13 = (digits: string) => `${digits}${gs1CheckDigit(digits)}`;

if (mode === 'read') {
  const bytes = new Uint8Array(readFileSync(file!));
  const before = process.resourceUsage().maxRSS;
  let heapPeak = 0;
  const sample = () => (heapPeak = Math.max(heapPeak, getHeapStatistics().used_heap_size));
  const sampler = setInterval(sample, 2);
  const started = performance.now();
  const table = await (reader === 'whole' ? readWholeWorkbook(bytes) : readXlsx(bytes));
  const ms = performance.now() - started;
  clearInterval(sampler);
  sample();
  const rows = table.rows.length;
  const replacement = table.rows.some((r) => Object.values(r).some((c) => c.includes('\ufffd')));
  console.log(
    JSON.stringify({
      reader,
      rows,
      replacement,
      peakRssMiB: Math.round((process.resourceUsage().maxRSS - before) / 1024),
      heapPeakMiB: Math.round(heapPeak / 1024 / 1024),
      ms: Math.round(ms),
    }),
  );
} else {
  const count = Number(process.argv[2] ?? 50_000);
  const columns = [
    'id',
    'name',
    'name_zh',
    'category',
    'image_url',
    'lot_tracked',
    'barcodes',
    'cost_cents',
    'weight_g',
  ];
  const bytes = await sheetToXlsx(
    {
      columns,
      rows: Array.from({ length: count }, (_, i) => ({
        id: `SKU-${String(i).padStart(6, '0')}`,
        name: `Brake pad set ${i}, front axle`,
        name_zh: `前轮刹车片套装（${i} 号）`,
        category: ['汽配', '机油', '轮胎', '滤清器'][i % 4]!,
        image_url: '',
        lot_tracked: i % 3 === 0 ? 'yes' : 'no',
        barcodes: anEan13(`69${String(i).padStart(10, '0')}`),
        cost_cents: 1000 + (i % 5000),
        weight_g: 250 + (i % 700),
      })),
    },
    'skus',
  );
  const path = join(mkdtempSync(join(tmpdir(), 'xlsx-read-')), `skus-${count}.xlsx`);
  writeFileSync(path, bytes);
  console.log(`${count} SKUs, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MiB: ${path}`);
  const self = fileURLToPath(import.meta.url);
  for (let round = 0; round < 3; round++)
    for (const which of ['streamed', 'whole']) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', self, 'read', which, path], {
        encoding: 'utf8',
      });
      if (run.status !== 0) throw new Error(run.stderr);
      console.log(run.stdout.trim());
    }
}
