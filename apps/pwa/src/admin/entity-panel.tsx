import { type FormEvent, type ReactNode, useState } from 'react';
import { useMessages } from '../i18n/language';
import { adminCall } from './admin-api';
import { CsvImport } from './csv-import';
import { ProblemText } from './problem-text';
import { useAdminList } from './use-admin-list';

export interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'number' | 'checkbox' | 'select' | 'list';
  options?: readonly string[];
  /** Sent when creating only (an id, a first PIN); not editable afterwards. */
  createOnly?: boolean;
  /** An empty text is sent as null. */
  nullable?: boolean;
}

interface Row {
  active: boolean;
  [key: string]: unknown;
}

type FormValues = Record<string, string | boolean>;

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

function formOf(fields: readonly FieldSpec[], row: Row | null): FormValues {
  return Object.fromEntries<string | boolean>(
    fields.map((f) => {
      const value = row?.[f.name];
      if (f.kind === 'checkbox') return [f.name, value === true];
      if (f.kind === 'list')
        return [f.name, Array.isArray(value) ? (value as unknown[]).map(text).join('|') : ''];
      if (f.kind === 'select')
        return [f.name, value == null ? (f.options?.[0] ?? '') : text(value)];
      return [f.name, text(value)];
    }),
  );
}

function bodyOf(
  fields: readonly FieldSpec[],
  values: FormValues,
  creating: boolean,
): Record<string, unknown> {
  return Object.fromEntries<unknown>(
    fields
      .filter((f) => creating || !f.createOnly)
      .map((f) => {
        const value = values[f.name];
        if (f.kind === 'checkbox') return [f.name, value === true];
        const typed = text(value).trim();
        if (f.kind === 'number') return [f.name, typed === '' ? null : Number(typed)];
        if (f.kind === 'list')
          return [
            f.name,
            typed
              .split(/[|,\s]+/)
              .map((v) => v.trim())
              .filter(Boolean),
          ];
        return [f.name, f.nullable && typed === '' ? null : typed];
      }),
  );
}

/**
 * One kind of master data: its list (inactive rows greyed), a form to add or edit one, a
 * (de)activate button per row, and the CSV export/import where the kind has one.
 */
export function EntityPanel<T extends Row>({
  token,
  path,
  listKey,
  idOf,
  columns,
  fields,
  csv,
  rowExtras,
}: {
  token: string;
  path: string;
  listKey: string;
  idOf: (row: T) => string;
  columns: readonly { label: string; cell: (row: T) => ReactNode }[];
  fields: readonly FieldSpec[];
  csv?: boolean;
  rowExtras?: (row: T, reload: () => void) => ReactNode;
}) {
  const t = useMessages();
  const list = useAdminList<T>(token, path, listKey);
  const [editing, setEditing] = useState<{ id: string | null; values: FormValues } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const run = (action: Promise<unknown>) => {
    setFailure(null);
    setSaved(false);
    action
      .then(() => {
        setEditing(null);
        setSaved(true);
        list.reload();
      })
      .catch(setFailure);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const creating = editing.id === null;
    const body = bodyOf(fields, editing.values, creating);
    run(
      creating
        ? adminCall(token, 'POST', path, body)
        : adminCall(token, 'PUT', `${path}/${encodeURIComponent(editing.id!)}`, body),
    );
  };

  return (
    <section className="admin-panel" data-testid={`panel-${listKey}`}>
      <div className="admin-toolbar">
        <button
          type="button"
          className="button-primary"
          data-testid="create"
          onClick={() => setEditing({ id: null, values: formOf(fields, null) })}
        >
          {t.admin.create}
        </button>
        {csv && <CsvImport token={token} path={`${path}.csv`} onImported={list.reload} />}
      </div>
      {editing && (
        <form
          className="admin-form"
          onSubmit={onSubmit}
          data-testid="entity-form"
          noValidate
          // Esc closes the form like a dialog (issue 24), keeping the list as it was.
          onKeyDown={(event) => {
            if (event.key === 'Escape') setEditing(null);
          }}
        >
          {fields
            .filter((f) => editing.id === null || !f.createOnly)
            .map((f) => (
              <label key={f.name} className="field">
                <span>{f.label}</span>
                <FieldInput
                  spec={f}
                  value={editing.values[f.name]!}
                  onChange={(value) =>
                    setEditing({ ...editing, values: { ...editing.values, [f.name]: value } })
                  }
                />
              </label>
            ))}
          <button type="submit" className="button-primary" data-testid="save">
            {t.admin.save}
          </button>
          <button type="button" className="button-secondary" onClick={() => setEditing(null)}>
            {t.admin.cancel}
          </button>
        </form>
      )}
      {failure !== null && <ProblemText failure={failure} />}
      {saved && (
        <p className="notice" role="status" data-testid="saved">
          {t.admin.saved}
        </p>
      )}
      {list.error && <ProblemText failure={list.error} />}
      {list.items === null ? (
        <p>{t.admin.loading}</p>
      ) : list.items.length === 0 ? (
        <p className="empty">{t.admin.empty}</p>
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.label}>{c.label}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {list.items.map((row) => (
              <tr
                key={idOf(row)}
                data-testid={`row-${idOf(row)}`}
                className={row.active ? '' : 'inactive'}
              >
                {columns.map((c) => (
                  <td key={c.label}>{c.cell(row)}</td>
                ))}
                <td className="row-actions">
                  <button
                    type="button"
                    className="button-secondary"
                    data-testid="edit"
                    onClick={() => setEditing({ id: idOf(row), values: formOf(fields, row) })}
                  >
                    {t.admin.edit}
                  </button>
                  <button
                    type="button"
                    className="button-secondary"
                    data-testid="toggle-active"
                    onClick={() =>
                      run(
                        adminCall(
                          token,
                          'POST',
                          `${path}/${encodeURIComponent(idOf(row))}/active`,
                          {
                            active: !row.active,
                          },
                        ),
                      )
                    }
                  >
                    {row.active ? t.admin.deactivate : t.admin.activate}
                  </button>
                  {rowExtras?.(row, list.reload)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function FieldInput({
  spec,
  value,
  onChange,
}: {
  spec: FieldSpec;
  value: string | boolean;
  onChange: (value: string | boolean) => void;
}) {
  if (spec.kind === 'checkbox')
    return (
      <input
        type="checkbox"
        name={spec.name}
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  if (spec.kind === 'select')
    return (
      <select name={spec.name} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {spec.options?.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  return (
    <input
      name={spec.name}
      data-manual-entry
      autoComplete="off"
      inputMode={spec.kind === 'number' ? 'numeric' : 'text'}
      value={String(value)}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
