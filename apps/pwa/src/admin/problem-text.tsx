import type { FieldError } from '@wms/protocol';
import { useMessages } from '../i18n/language';
import { AdminApiError } from './admin-api';

/** A refusal shown in full: the message and every field the server named. */
export function ProblemText({ failure }: { failure: unknown }) {
  const t = useMessages();
  if (!(failure instanceof AdminApiError))
    return (
      <p className="error" role="alert">
        {String(failure)}
      </p>
    );
  if (failure.status === 0)
    return (
      <p className="error" role="alert" data-testid="admin-error">
        {t.admin.unreachable}
      </p>
    );
  return (
    <div className="error" role="alert" data-testid="admin-error">
      <p>{t.admin.refused(failure.message)}</p>
      {failure.fields.length > 0 && <FieldList fields={failure.fields} />}
    </div>
  );
}

function FieldList({ fields }: { fields: FieldError[] }) {
  return (
    <ul>
      {fields.map((f) => (
        <li key={`${f.path}:${f.message}`}>
          <code>{f.path}</code>: {f.message}
        </li>
      ))}
    </ul>
  );
}
