import { useCallback } from 'react';
import { useLanguage, useMessages } from '../i18n/language';
import { serverErrorText } from '../i18n/server-errors';
import { ApiError } from '../sync/api-client';

/**
 * A failed console call in the user's language: offline says so; a refusal is worded from its
 * code and params (docs/errors.md), never the server's English message on a Chinese screen.
 */
export function useErrorText(): (error: unknown) => string {
  const language = useLanguage();
  const t = useMessages();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError)) return serverErrorText(language, 'internal', {}, '');
      if (error.kind === 'network') return t.console.offlineAction;
      // English keeps the server's own sentence (it names the value); Chinese is worded here.
      if (language === 'en') return error.message;
      const fallback = serverErrorText(language, 'http_error', { status: error.status }, '');
      return serverErrorText(language, error.code, error.params, fallback);
    },
    [language, t],
  );
}
