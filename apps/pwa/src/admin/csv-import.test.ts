import { describe, expect, it } from 'vitest';
import { fileType, rowProblems } from './csv-import';

describe('rowProblems', () => {
  it('splits rows.N.column paths into row and column; other paths stay whole', () => {
    expect(
      rowProblems([
        { path: 'rows.2.check_digits', message: 'check digits are 2 or 3 digits' },
        { path: 'rows.12.barcodes.0', message: 'barcode taken' },
        { path: '(header).zone', message: 'column missing' },
      ]),
    ).toEqual([
      { row: '2', column: 'check_digits', message: 'check digits are 2 or 3 digits' },
      { row: '12', column: 'barcodes.0', message: 'barcode taken' },
      { row: '', column: '(header).zone', message: 'column missing' },
    ]);
  });
});

describe('fileType', () => {
  it('sends an .xlsx as a workbook even when the system gives it no type; CSV keeps its own', () => {
    expect(fileType({ name: '用户.XLSX', type: '' })).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(fileType({ name: 'bins.csv', type: 'application/vnd.ms-excel' })).toBe(
      'application/vnd.ms-excel',
    );
    expect(fileType({ name: 'bins.csv', type: '' })).toBe('text/csv');
  });
});
