import type { FieldError } from '@wms/protocol';
import { useLanguage, useMessages } from '../i18n/language';
import { serverErrorText } from '../i18n/server-errors';
import { AdminApiError } from './admin-api';

/**
 * A refusal shown in full: worded from its code and params in the user's language, with every
 * field the server named (on a Chinese screen the field's path, not the server's English).
 */
export function ProblemText({ failure }: { failure: unknown }) {
  const t = useMessages();
  const language = useLanguage();
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
  // English keeps the server's own sentence (it names the value); Chinese is worded here.
  const worded =
    language === 'en'
      ? failure.message
      : serverErrorText(
          language,
          failure.code,
          failure.params,
          serverErrorText(language, 'http_error', { status: failure.status }, failure.message),
        );
  return (
    <div className="error" role="alert" data-testid="admin-error">
      <p>{t.admin.refused(worded)}</p>
      {failure.fields.length > 0 && (
        <FieldList fields={failure.fields} english={language === 'en'} />
      )}
    </div>
  );
}

function FieldList({ fields, english }: { fields: FieldError[]; english: boolean }) {
  return (
    <ul>
      {fields.map((f) => (
        <li key={`${f.path}:${f.message}`}>
          <code translate="no">{f.path}</code>
          {english && `: ${f.message}`}
        </li>
      ))}
    </ul>
  );
}
