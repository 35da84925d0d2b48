import type { FieldError } from '@wms/protocol';
import type ExcelJS from 'exceljs';
import { ApiError, badRequest } from '../http/api-error';
import { tooManyRows } from './read-csv';
import { unreadableCell } from './readable-cells';
import { restoreNeutralised } from './sheet';
import { type Table, type TableRow, TABLE_LIMITS } from './table';
import { tableFaults } from './table-faults';
import { type CellText, cellText } from './xlsx-cell-text';
import {
  isDateFormat,
  readSharedStrings,
  readStyles,
  readXmlPart,
  resolveTarget,
} from './xlsx-parts';
import { UnsupportedZip, type ZipEntry, zipEntries } from './zip-entries';

/**
 * The first tab of an .xlsx workbook (or the one named `sheet`). The first non-empty row is the
 * header; empty rows are skipped; cells are read by type (see `cellText`).
 *
 * The sheet is read as a stream of rows (`streamSheet`): its XML is inflated and parsed chunk by
 * chunk through one streaming UTF-8 decoder, and only the rows' text is kept. exceljs's document
 * reader, which built every cell as an object, is left only for the zips this one does not take
 * (ZIP64, which no office program writes for a file under 20 MiB). exceljs's own streaming
 * reader is not used: it decodes each zip chunk to text on its own, so a Chinese character split
 * across two chunks came out as U+FFFD (the round-trip test caught it at row 1,316 of 1,800).
 */
export async function readXlsx(bytes: Uint8Array, sheet?: string): Promise<Table> {
  try {
    return await streamSheet(bytes, sheet);
  } catch (err) {
    if (err instanceof UnsupportedZip) return readWholeWorkbook(bytes, sheet);
    if (err instanceof ApiError || !(err instanceof Error)) throw err;
    throw unreadable(err.message);
  }
}

const unreadable = (message: string) =>
  badRequest(`The .xlsx file could not be read: ${message}`, [{ path: '(file)', message }]);

const noSheet = (sheet: string | undefined, names: readonly string[]) =>
  badRequest(
    sheet === undefined ? 'The workbook has no sheet' : `The workbook has no sheet "${sheet}"`,
    [{ path: '(file).sheet', message: `the sheets are: ${names.join(', ') || 'none'}` }],
  );

/** The header and rows of a sheet as its rows arrive; refuses past `TABLE_LIMITS.maxRows`. */
class SheetRows {
  private columns: string[] | null = null;
  private readonly rows: TableRow[] = [];
  private readonly faults: FieldError[] = [];

  /** One row of the sheet: its cells by column (0 = A); holes are empty cells. */
  add(cells: readonly (CellText | undefined)[]) {
    const texts: string[] = [];
    const rowFaults: FieldError[] = [];
    const columns = this.columns;
    cells.forEach((read, col) => {
      if (read === undefined) return;
      const text = 'text' in read ? restoreNeutralised(read.text.trim()) : '';
      texts[col] = text;
      const why = 'fault' in read ? read.fault : unreadableCell(text, 'xlsx');
      if (why && (columns === null || columns[col]))
        rowFaults.push({
          path: columns ? `rows.${this.rows.length + 1}.${columns[col]}` : `(header).${col + 1}`,
          message: why,
        });
    });
    this.faults.push(...rowFaults);
    if (rowFaults.length === 0 && texts.every((t) => !t)) return;
    if (columns === null) this.columns = Array.from(texts, (t) => t ?? '');
    else {
      this.rows.push(
        Object.fromEntries(columns.flatMap((c, i) => (c ? [[c, texts[i] ?? '']] : []))),
      );
      if (this.rows.length > TABLE_LIMITS.maxRows) throw tooManyRows();
    }
  }

  table(): Table {
    if (this.faults.length > 0) throw tableFaults(this.faults);
    return { columns: (this.columns ?? []).filter(Boolean), rows: this.rows };
  }
}

/** `B12` → 1 (column B, from 0); null when the reference is missing. */
function columnOf(ref: string | undefined): number | null {
  if (!ref) return null;
  let col = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    col = col * 26 + code - 64;
  }
  return col > 0 ? col - 1 : null;
}

/** Excel's day number (1900 or 1904 system) as the Date exceljs would give for it. */
const excelDate = (serial: number, date1904: boolean) =>
  new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

/** Which sheet, and what its cells need: shared strings, styles, the date system. */
async function openWorkbook(bytes: Uint8Array, entries: Map<string, ZipEntry>, sheet?: string) {
  const part = (path: string) => entries.get(path);
  const relationships = async (path: string) => {
    const rels: { id: string; type: string; target: string }[] = [];
    const entry = part(path);
    if (entry)
      await readXmlPart(bytes, entry, {
        open: (name, a) => {
          if (name === 'Relationship')
            rels.push({ id: a.Id ?? '', type: a.Type ?? '', target: a.Target ?? '' });
        },
      });
    return rels;
  };
  const workbookPath =
    (await relationships('_rels/.rels'))
      .filter((r) => r.type.endsWith('/officeDocument'))
      .map((r) => resolveTarget('', r.target))[0] ?? 'xl/workbook.xml';
  const folder = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const workbookEntry = part(workbookPath);
  if (!workbookEntry) throw new Error(`no ${workbookPath} in the file`);
  const sheets: { name: string; rel: string }[] = [];
  let date1904 = false;
  await readXmlPart(bytes, workbookEntry, {
    open: (name, a) => {
      if (name === 'sheet') {
        // The relationship id is `r:id`, whatever prefix the writer bound to its namespace.
        const rel = Object.entries(a).find(([key]) => key.endsWith(':id'))?.[1] ?? '';
        sheets.push({ name: a.name ?? '', rel });
      } else if (name === 'workbookPr') date1904 = ['1', 'true'].includes(a.date1904 ?? '');
    },
  });
  const rels = await relationships(`${folder}_rels/${workbookPath.slice(folder.length)}.rels`);
  const target = (type: string) => {
    const rel = rels.find((r) => r.type.endsWith(`/${type}`));
    return rel ? part(resolveTarget(folder, rel.target)) : undefined;
  };
  const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.name === sheet);
  const relation = rels.find((r) => r.id === chosen?.rel);
  const sheetEntry = relation && part(resolveTarget(folder, relation.target));
  if (!chosen || !sheetEntry)
    throw noSheet(
      sheet,
      sheets.map((s) => s.name),
    );
  return {
    sheetEntry,
    date1904,
    strings: await readSharedStrings(bytes, target('sharedStrings')),
    formats: await readStyles(bytes, target('styles')),
  };
}

/**
 * Reads a sheet row by row from the zip held in memory: only the shared strings, the styles'
 * number formats and the rows' text are kept, never the sheet's XML or a cell object model.
 */
async function streamSheet(bytes: Uint8Array, sheet?: string): Promise<Table> {
  const { sheetEntry, date1904, strings, formats } = await openWorkbook(
    bytes,
    zipEntries(bytes),
    sheet,
  );
  const out = new SheetRows();
  let cells: (CellText | undefined)[] = [];
  let cell: { col: number; type: string; format: string | undefined } | null = null;
  let value: string | null = null;
  let formula = false;
  /** Inside `<v>`, `<f>` or an inline string's `<t>` (where the text is wanted). */
  let collecting: 'v' | 'f' | 't' | null = null;
  let phonetic = 0;
  const valueOf = (): ExcelJS.CellValue => {
    if (!cell || value === null) return null;
    switch (cell.type) {
      case 's':
        return strings[Number(value)] ?? null;
      case 'str':
      case 'inlineStr':
        return value;
      case 'b':
        return value === '1' || value === 'true';
      case 'e':
        return { error: value } as ExcelJS.CellErrorValue;
      case 'd':
        return new Date(value);
      default: {
        const n = Number.parseFloat(value);
        return isDateFormat(cell.format) ? excelDate(n, date1904) : n;
      }
    }
  };
  await readXmlPart(bytes, sheetEntry, {
    open: (name, a) => {
      if (name === 'row') cells = [];
      else if (name === 'c') {
        const col = columnOf(a.r) ?? cells.length;
        cell = { col, type: a.t ?? 'n', format: formats[Number(a.s ?? 0)] };
        value = null;
        formula = false;
      } else if (name === 'v') collecting = 'v';
      else if (name === 'f') {
        formula = true;
        collecting = 'f';
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && cell?.type === 'inlineStr' && phonetic === 0) collecting = 't';
    },
    text: (text) => {
      if (collecting === 'v' || collecting === 't') value = (value ?? '') + text;
    },
    close: (name) => {
      if (name === 'v' || name === 'f' || name === 't') collecting = null;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c' && cell) {
        const read = valueOf();
        // A formula's cell reads as its saved result (or is refused when none was saved).
        const typed = formula
          ? ({ formula: '', result: read ?? undefined } as ExcelJS.CellValue)
          : read;
        cells[cell.col] = cellText(typed, cell.format);
        cell = null;
      } else if (name === 'row') out.add(cells);
    },
  });
  return out.table();
}

/** exceljs's document reader: the whole workbook as objects, for the zips `streamSheet` refuses. */
export async function readWholeWorkbook(bytes: Uint8Array, sheet?: string): Promise<Table> {
  // Loaded on the first workbook read this way, not with the server (see `sheetToXlsx`).
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    // exceljs declares its own `Buffer`; JSZip underneath takes any Uint8Array.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (err) {
    throw unreadable(err instanceof Error ? err.message : String(err));
  }
  const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (!worksheet)
    throw noSheet(
      sheet,
      workbook.worksheets.map((w) => w.name),
    );
  if (worksheet.actualRowCount > TABLE_LIMITS.maxRows + 1) throw tooManyRows();
  const out = new SheetRows();
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: CellText[] = [];
    row.eachCell({ includeEmpty: false }, (c, col) => {
      cells[col - 1] = cellText(c.value, c.numFmt);
    });
    out.add(cells);
  });
  return out.table();
}
