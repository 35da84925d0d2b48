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
  return (
    <header className="status-bar" data-testid="status-bar">
      <span className={`net net-${netState}`} data-testid="net-status" data-state={netState}>
        {t.net[netState]}
      </span>
      <span className={unsynced > 0 ? 'unsynced unsynced-pending' : 'unsynced'}>
        {t.status.unsynced} <strong data-testid="unsynced-count">{unsynced}</strong>
      </span>
      <span className="last-sync">
        <span className="last-sync-label">{t.status.lastSync} </span>
        <span data-testid="last-sync">
          {formatSyncTime(status?.lastSyncAt ?? null, t.status.never)}
        </span>
      </span>
      <button
        type="button"
        className="button-sync"
        data-testid="sync-now"
        disabled={syncing}
        onClick={syncNow}
      >
        {syncing ? t.status.syncing : t.status.syncNow}
      </button>
      {status?.lastSyncError && (
        <span className="sync-error" data-testid="sync-error" data-kind={status.lastSyncError.kind}>
          {syncFailureText(status.lastSyncError, t, language)}
        </span>
      )}
    </header>
  );
}

function syncFailureText(failure: SyncFailure, t: Messages, language: Language): string {
  switch (failure.kind) {
    case 'network':
      return t.status.notConnected;
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
