import type { Language } from '@wms/protocol';
import { type FormEvent, useState } from 'react';
import { CameraButton } from '../device/camera/camera-button';
import { useScanActions } from '../device/scanner/use-scan-actions';
import { otherLanguage, messagesByLanguage, useLanguage, useMessages } from '../i18n/language';
import { NumericKeypad } from '../keypad/numeric-keypad';
import { useLoginForm } from './use-login-form';

export interface LoginScreenProps {
  onLanguageChange: (language: Language) => void;
}

/** Badge (scanned anywhere on the screen, or typed) and PIN, with an on-screen keypad for the PIN. */
export function LoginScreen({ onLanguageChange }: LoginScreenProps) {
  const t = useMessages();
  const language = useLanguage();
  // Only a language tapped on this screen overrides the profile's (not the one the device
  // remembers from the last user).
  const [chosenLanguage, setChosenLanguage] = useState<Language | null>(null);
  const form = useLoginForm(chosenLanguage);
  useScanActions(form.onScanAction);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    form.submit();
  };

  return (
    <form className="screen login" onSubmit={onSubmit} noValidate>
      <div className="screen-header">
        <h1>{t.login.title}</h1>
        <button
          type="button"
          className="button-secondary"
          data-testid="login-language"
          onClick={() => {
            const next = otherLanguage(language);
            setChosenLanguage(next);
            onLanguageChange(next);
          }}
        >
          {messagesByLanguage[otherLanguage(language)].languageName}
        </button>
      </div>
      <label className="field">
        <span>{t.login.badge}</span>
        <input
          data-testid="badge"
          data-manual-entry
          name="badge"
          autoComplete="off"
          autoCapitalize="characters"
          placeholder={t.login.badgeHint}
          value={form.badge}
          onChange={(event) => form.setBadge(event.target.value)}
        />
      </label>
      <label className="field">
        <span>{t.login.pin}</span>
        <input
          data-testid="pin"
          data-manual-entry
          name="pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={form.pin}
          onChange={(event) => form.setPin(event.target.value)}
        />
      </label>
      <NumericKeypad
        onDigit={(digit) => form.setPin(form.pin + digit)}
        onBackspace={() => form.setPin(form.pin.slice(0, -1))}
        onClear={() => form.setPin('')}
      />
      {form.notice ? (
        <p className="notice" role="status" data-testid="enrol-notice">
          {form.notice}
        </p>
      ) : (
        <p className="hint">{t.login.enrolHint}</p>
      )}
      <CameraButton />
      {form.error && (
        <p className="error" role="alert" data-testid="error">
          {form.error}
        </p>
      )}
      <button
        type="submit"
        className="button-primary"
        data-testid="login-submit"
        disabled={form.busy}
      >
        {form.busy ? t.login.submitting : t.login.submit}
      </button>
    </form>
  );
}
