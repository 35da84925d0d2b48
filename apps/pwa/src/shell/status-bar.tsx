import { useEffect, useState } from 'react';
import type { Language } from '@wms/protocol';
import { sayAside } from '../device/speech/speech';
import { useLanguage, useMessages } from '../i18n/language';
import { serverErrorText } from '../i18n/server-errors';
import type { Messages } from '../i18n/messages-en';
import { deviceSync } from '../sync/device-sync';
import type { SyncFailure } from '../sync/sync-failure';
import { useOnline, useSyncStatus } from './use-sync-status';

/** Always visible: network state, unsynced picks, the last sync, and a way to sync now. */
export function StatusBar() {
  const t = useMessages();
  const language = useLanguage();
  const online = useOnline();
  const status = useSyncStatus();
  const [syncing, setSyncing] = useState(false);
  const [explained, setExplained] = useState(false);
  const [failureOpen, setFailureOpen] = useState(false);
  const updateRequired =
    status?.lastSyncError?.kind === 'refused' &&
    status.lastSyncError.code === 'app_update_required';
  // Said once when the server starts refusing this version (and once per app start while it
  // does): a picker looks at the bins, not at the status bar.
  useEffect(() => {
    if (!updateRequired) return;
    const text = serverErrorText(language, 'app_update_required', {}, '');
    sayAside({ language, text, speech: text });
  }, [updateRequired, language]);

  const syncNow = () => {
    setSyncing(true);
    // A failure is already recorded in lastSyncError and shown below.
    deviceSync
      .syncNow()
      .catch(() => undefined)
      .finally(() => setSyncing(false));
  };

  const netState = online ? 'online' : 'offline';
  const unsynced = status?.unsynced ?? 0;
  // A dead zone is the floor's normal: the pill says it in one word ("Offline", or "No server"
  // while the Wi-Fi is up but the hub cannot be reached), and the sentence behind it opens on a
  // tap. Any other failure (update the app, storage full) takes the last sync's place in the row.
  // A second row under the bar would push the step's keypad off a 360×640 screen.
  const unreachable = status?.lastSyncError?.kind === 'network';
  const failure = status?.lastSyncError && !unreachable ? status.lastSyncError : null;
  const pill = online && unreachable ? 'noServer' : netState;
  // Folded again once the hub answers (state adjusted while rendering, as React's docs advise).
  const [wasUnreachable, setWasUnreachable] = useState(unreachable);
  if (wasUnreachable !== unreachable) {
    setWasUnreachable(unreachable);
    if (!unreachable) setExplained(false);
  }
  return (
    <header className="status-bar" data-testid="status-bar">
      <button
        type="button"
        className="net-button"
        data-testid="net-status"
        data-state={netState}
        data-server={unreachable ? 'unreachable' : 'reached'}
        aria-expanded={unreachable ? explained : undefined}
        disabled={!unreachable}
        onClick={() => setExplained((open) => !open)}
      >
        <span className={`net net-${pill === 'online' ? 'online' : 'offline'}`}>{t.net[pill]}</span>
      </button>
      <span className={unsynced > 0 ? 'unsynced unsynced-pending' : 'unsynced'}>
        {t.status.unsynced} <strong data-testid="unsynced-count">{unsynced}</strong>
      </span>
      {failure ? (
        // In the row, in place of the last sync, cut to what fits; a tap opens it in full.
        <button
          type="button"
          className="sync-error sync-error-inline"
          data-testid="sync-error"
          data-kind={failure.kind}
          aria-expanded={failureOpen}
          onClick={() => setFailureOpen((open) => !open)}
        >
          {syncFailureText(failure, t, language)}
        </button>
      ) : (
        <span className="last-sync">
          <span className="last-sync-label">{t.status.lastSync} </span>
          <span data-testid="last-sync">
            {formatSyncTime(status?.lastSyncAt ?? null, t.status.never)}
          </span>
        </span>
      )}
      <button
        type="button"
        className="button-sync"
        data-testid="sync-now"
        disabled={syncing}
        onClick={syncNow}
      >
        {syncing ? t.status.syncing : t.status.syncNow}
      </button>
      {unreachable && explained && (
        <span className="sync-error" data-testid="sync-unreachable">
          {t.status.notConnected}
        </span>
      )}
    </header>
  );
}

function syncFailureText(failure: SyncFailure, t: Messages, language: Language): string {
  switch (failure.kind) {
    case 'network':
      return t.status.notConnected; // shown behind the pill instead (see StatusBar)
    case 'storage-full':
      return t.problem.storageFull;
    case 'refused':
      return t.status.syncFailed(
        serverErrorText(language, failure.code, failure.params, failure.message),
      );
    case 'other':
      return t.status.syncFailed(failure.message);
  }
}

/**
 * The last sync's local time, 24-hour `HH:MM:SS`: what both languages' locale formats give, built
 * by hand because the first locale-aware call loads the ICU data (tens of ms at cold start on a
 * slow handheld).
 */
function formatSyncTime(iso: string | null, never: string): string {
  if (iso === null) return never;
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}
