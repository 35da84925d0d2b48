import { Component, type ErrorInfo, type ReactNode } from 'react';
import { messagesByLanguage, rememberedLanguage } from '../i18n/language';
import { errorMessage } from '../storage/storage-errors';
import { reportError } from './problems';

interface ErrorBoundaryState {
  error: unknown;
}

/**
 * The last line: a screen that throws (a failed live query, a bug) shows what went wrong and a
 * reload button instead of a blank page. Picks already recorded are safe in the outbox.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    reportError(error);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    const t = messagesByLanguage[rememberedLanguage()];
    return (
      <div className="screen" role="alert">
        <p className="error" data-testid="crash">
          {t.problem.failure(errorMessage(this.state.error))}
        </p>
        <button type="button" className="button-primary" onClick={() => window.location.reload()}>
          {t.problem.reload}
        </button>
      </div>
    );
  }
}
