import { useEffect, useState } from 'react';
import { announce, setSpeechRate, speech } from '../device/speech/speech';
import { useVoiceCheck } from '../device/speech/use-voice-check';
import { messagesByLanguage, useLanguage, useMessages } from '../i18n/language';
import { db } from '../storage/database';
import { api } from '../sync/api-client';
import { ScannerProfile } from './scanner-profile';
import { refreshUnlockVerifiers } from './offline-unlock';
import { chooseSessionLanguage } from './settings-access';
import { VoicePackHelp } from './voice-pack-help';

/**
 * Language, voice (is there one for the user's language?), speech rate, and the scanner's profile
 * (behind a supervisor's PIN).
 */
export function SettingsScreen({
  onOpen,
}: {
  onOpen: (screen: 'self-test' | 'diagnostics') => void;
}) {
  const t = useMessages();
  const language = useLanguage();
  // Voices load asynchronously (empty until `voiceschanged`): the check follows them.
  const voice = useVoiceCheck(language);
  // The leads who may unlock the scanner profile, fresh while there is signal (offline: as kept).
  useEffect(() => {
    refreshUnlockVerifiers(db, api).catch(() => undefined);
  }, []);
  const [rate, setRate] = useState(speech?.rate ?? 1);
  return (
    <section className="screen settings">
      <h2>{t.setup.language}</h2>
      <div className="line-actions">
        {(['zh-CN', 'en'] as const).map((choice) => (
          <button
            key={choice}
            type="button"
            className="button-secondary"
            data-testid={`language-${choice}`}
            aria-pressed={choice === language}
            onClick={() => void chooseSessionLanguage(db, choice)}
          >
            {messagesByLanguage[choice].languageName}
          </button>
        ))}
      </div>
      <h2>{t.setup.voice}</h2>
      {voice.status === 'found' && (
        <p className="ok" data-testid="voice-check">
          {t.setup.voiceFound(voice.voice.name)}
        </p>
      )}
      {voice.status === 'checking' && <p data-testid="voice-check">{t.loading}</p>}
      <VoicePackHelp check={voice} language={language} open />
      {speech?.lastError === 'not-allowed' && <p className="error">{t.setup.startShiftHint}</p>}
      <label>
        {t.setup.rate} ({rate.toFixed(1)})
        <input
          type="range"
          min="0.6"
          max="1.6"
          step="0.1"
          value={rate}
          onChange={(event) => {
            setRate(Number(event.target.value));
            setSpeechRate(Number(event.target.value));
          }}
        />
      </label>
      <button
        type="button"
        className="button-secondary"
        onClick={() =>
          announce({ kind: 'go-to-bin', waveCode: 'B26-07', binCode: 'A-03-12', qty: 3 }, language)
        }
      >
        {t.setup.testVoice}
      </button>
      <h2>{t.setup.scanner}</h2>
      <ScannerProfile />
      <div className="line-actions">
        <button
          type="button"
          className="button-secondary"
          data-testid="open-self-test"
          onClick={() => onOpen('self-test')}
        >
          {t.setup.selfTest}
        </button>
        <button
          type="button"
          className="button-secondary"
          data-testid="open-diagnostics"
          onClick={() => onOpen('diagnostics')}
        >
          {t.setup.diagnostics}
        </button>
      </div>
    </section>
  );
}
