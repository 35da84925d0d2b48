import type { Language } from '@wms/protocol';
import { useState } from 'react';
import { primeSounds } from '../device/feedback/sounds';
import { announce } from '../device/speech/speech';
import { useMessages } from '../i18n/language';

const STARTED_KEY = 'wms.shift-started';

/**
 * Chrome speaks and plays sound only after a user gesture: the "Start shift" tap primes both
 * (device-pitfalls §3). Remembered for the tab's life, so a reload asks again.
 */
export function StartShift({ language }: { language: Language }) {
  const t = useMessages();
  const [started, setStarted] = useState(() => sessionStorage.getItem(STARTED_KEY) === 'yes');
  if (started) return null;
  return (
    <div className="banner banner-info">
      <span>{t.setup.startShiftHint}</span>
      <button
        type="button"
        className="button-primary"
        data-testid="start-shift"
        onClick={() => {
          primeSounds();
          announce({ kind: 'shift-started' }, language);
          sessionStorage.setItem(STARTED_KEY, 'yes');
          setStarted(true);
        }}
      >
        {t.setup.startShift}
      </button>
    </div>
  );
}
