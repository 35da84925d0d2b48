import { useState } from 'react';
import { loadScannerSettings, saveScannerSettings } from '../device/scanner/scanner';
import { MANUAL_ENTRY_ATTRIBUTE } from '../device/scanner/wedge-capture';
import { useMessages } from '../i18n/language';
import { db } from '../storage/database';
import { errorMessage } from '../storage/storage-errors';
import { api } from '../sync/api-client';
import { unlockScannerSettings } from './settings-access';

const manualEntry = { [MANUAL_ENTRY_ATTRIBUTE]: '' };

/** The scanner's prefix, suffix and GS stand-in: behind a supervisor's badge and PIN. */
export function ScannerProfile() {
  const [unlocked, setUnlocked] = useState(false);
  return unlocked ? <ScannerFields /> : <SupervisorUnlock onUnlocked={() => setUnlocked(true)} />;
}

function SupervisorUnlock({ onUnlocked }: { onUnlocked: () => void }) {
  const t = useMessages();
  const [badge, setBadge] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Attempts answered so far: the same refusal twice is still a new answer. */
  const [answered, setAnswered] = useState(0);
  const unlock = () => {
    setError(null);
    setBusy(true);
    unlockScannerSettings(db, api, badge, pin)
      .then(
        (outcome) => {
          if (outcome === 'unlocked') onUnlocked();
          else setError(refusal[outcome]);
        },
        (failure: unknown) => setError(`${t.setup.notSupervisor} (${errorMessage(failure)})`),
      )
      .finally(() => {
        setBusy(false);
        setAnswered((n) => n + 1);
      });
  };
  const refusal = {
    'not-supervisor': t.setup.notSupervisor,
    locked: t.setup.unlockLocked,
    'needs-network': t.setup.unlockNeedsNetwork,
  };
  return (
    <div data-testid="scanner-locked">
      <p className="hint">{t.setup.scannerLocked}</p>
      <label className="field">
        {t.setup.supervisorBadge}
        <input
          {...manualEntry}
          value={badge}
          data-testid="unlock-badge"
          onChange={(event) => setBadge(event.target.value)}
        />
      </label>
      <label className="field">
        {t.setup.supervisorPin}
        <input
          {...manualEntry}
          type="password"
          inputMode="numeric"
          value={pin}
          data-testid="unlock-pin"
          onChange={(event) => setPin(event.target.value)}
        />
      </label>
      <button
        type="button"
        className="button-secondary"
        data-testid="unlock"
        disabled={busy}
        onClick={unlock}
      >
        {t.setup.unlock}
      </button>
      {error && (
        <p className="error" data-testid="unlock-error" data-attempt={answered}>
          {error}
        </p>
      )}
    </div>
  );
}

function ScannerFields() {
  const t = useMessages();
  const [scanner, setScanner] = useState(loadScannerSettings);
  const [saved, setSaved] = useState(false);
  return (
    <>
      {(['prefix', 'suffix', 'gsReplacement'] as const).map((key) => (
        <label key={key} className="field">
          {t.setup[key]}
          <input
            {...manualEntry}
            value={scanner[key]}
            maxLength={4}
            data-testid={`scanner-${key}`}
            onChange={(event) => {
              setSaved(false);
              setScanner({ ...scanner, [key]: event.target.value });
            }}
          />
        </label>
      ))}
      <button
        type="button"
        className="button-primary"
        data-testid="scanner-save"
        onClick={() => {
          saveScannerSettings(scanner);
          setSaved(true);
        }}
      >
        {t.setup.save}
      </button>
      {saved && <p className="ok">{t.setup.saved}</p>}
    </>
  );
}
