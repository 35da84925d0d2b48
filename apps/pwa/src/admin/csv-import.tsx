import type { CsvImportResult, FieldError } from '@wms/protocol';
import { type ChangeEvent, useState } from 'react';
import { useLanguage, useMessages } from '../i18n/language';
import { AdminApiError, adminCall } from './admin-api';
import { FileButton } from './file-button';
import { ProblemText } from './problem-text';
import { rowProblemText } from './row-problem-text';

interface RowProblem {
  row: string;
  column: string;
  message: string;
}

/** `rows.3.check_digits` → row 3, column check_digits; other paths stay whole. */
export function rowProblems(fields: readonly FieldError[]): RowProblem[] {
  return fields.map((f) => {
    const match = /^rows\.(\d+)\.(.+)$/.exec(f.path);
    return match
      ? { row: match[1]!, column: match[2]!, message: f.message }
      : { row: '', column: f.path, message: f.message };
  });
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ACCEPTED = `.csv,.txt,.xlsx,text/csv,${XLSX_TYPE}`;

/** The type to send: the browser's, or from the name (some systems give CSV files no type). */
export function fileType(file: { name: string; type: string }): string {
  if (file.name.toLowerCase().endsWith('.xlsx')) return XLSX_TYPE;
  return file.type || 'text/csv';
}

/**
 * Export and import of one CSV (`/admin/bins.csv`…). A file with bad rows imports nothing; its
 * problems are listed row by row, so the admin fixes the spreadsheet and imports it again.
 *
 * `exports: false` for an import with no export (orders, opening stock, inbound notices);
 * `summary` words the answer of an import that answers other than `{ created, updated }`.
 */
export function CsvImport<R = CsvImportResult>({
  token,
  path,
  onImported,
  exports = true,
  summary,
}: {
  token: string;
  path: string;
  onImported?: () => void;
  exports?: boolean;
  summary?: (result: R) => string;
}) {
  const t = useMessages();
  const language = useLanguage();
  const [result, setResult] = useState<R | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setResult(null);
    setFailure(null);
    // The file goes up as its bytes: the server reads GBK, UTF-16 and .xlsx by rule, where
    // File.text() would decode everything as UTF-8 and turn a GBK file into mojibake.
    adminCall<R>(token, 'POST', path, file, fileType(file))
      .then((imported) => {
        setResult(imported);
        onImported?.();
      })
      .catch(setFailure)
      .finally(() => setBusy(false));
  };

  const problems =
    failure instanceof AdminApiError && failure.status === 400 && failure.fields.length > 0
      ? rowProblems(failure.fields)
      : null;

  return (
    <div className="csv-import">
      {exports && (
        <>
          <FileButton token={token} path={path} className="button-secondary" testId="csv-export">
            {t.admin.csvExport}
          </FileButton>
          <FileButton
            token={token}
            path={path.replace(/\.csv$/, '.xlsx')}
            className="button-secondary"
            testId="xlsx-export"
          >
            {t.admin.xlsxExport}
          </FileButton>
        </>
      )}
      <label className="button-secondary">
        {t.admin.csvImport}
        <input
          type="file"
          accept={ACCEPTED}
          data-testid="csv-file"
          disabled={busy}
          onChange={onFile}
          hidden
        />
      </label>
      {result !== null && (
        <p className="notice" role="status" data-testid="csv-result">
          {summary
            ? summary(result)
            : t.admin.csvImported(
                (result as CsvImportResult).created,
                (result as CsvImportResult).updated,
              )}
        </p>
      )}
      {problems ? (
        <div className="error" role="alert" data-testid="csv-errors">
          <p>{t.admin.csvRejected(problems.length)}</p>
          <table>
            <thead>
              <tr>
                <th>{t.admin.csvRow}</th>
                <th>{t.admin.csvColumn}</th>
                <th>{t.admin.csvProblem}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr key={`${p.row}:${p.column}:${p.message}`} data-testid="csv-error-row">
                  <td>{p.row}</td>
                  <td>{p.column}</td>
                  <td>{rowProblemText(language, p.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        failure !== null && <ProblemText failure={failure} />
      )}
    </div>
  );
}
