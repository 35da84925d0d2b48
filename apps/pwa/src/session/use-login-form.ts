import type { Language } from '@wms/protocol';
import { useRef, useState } from 'react';
import type { ScanAction } from '../device/scanner/burst-detector';
import { rememberLanguage, useLanguage, useMessages } from '../i18n/language';
import { serverErrorText } from '../i18n/server-errors';
import { db } from '../storage/database';
import { errorMessage } from '../storage/storage-errors';
import { api, ApiError } from '../sync/api-client';
import { deviceSync } from '../sync/device-sync';
import { refreshUnlockVerifiers } from '../setup/offline-unlock';
import { enrolmentCodeOf } from './enrolment-code';
import { enrolDevice, signIn } from './sign-in';

const PIN_PATTERN = /^\d{4,8}$/;
const MAX_PIN_DIGITS = 8;

export interface LoginForm {
  badge: string;
  pin: string;
  busy: boolean;
  error: string | null;
  /** What scanning an enrolment QR did (enrolled, or enrolled already). */
  notice: string | null;
  setBadge: (badge: string) => void;
  setPin: (pin: string) => void;
  onScanAction: (action: ScanAction) => void;
  submit: () => void;
}

/**
 * The login form's state: badge and PIN, a scan of a badge from anywhere, and the sign-in call.
 * `chosenLanguage`: the language the picker tapped on this screen, if any (it wins over the
 * profile's).
 */
export function useLoginForm(chosenLanguage: Language | null = null): LoginForm {
  const t = useMessages();
  const language = useLanguage();
  const [badge, setBadge] = useState('');
  const [pin, setPinText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The camera reads a QR it still sees again every second: the code this screen enrolled with
  // is not tried again (the notice would flicker to "Enrolling…" and on to "enrolled already").
  const enrolledWith = useRef<string | null>(null);

  const enrol = (code: string) => {
    if (busy || enrolledWith.current === code) return;
    setBusy(true);
    setError(null);
    setNotice(t.login.enrolling);
    enrolDevice(db, api, code)
      .then((result) => {
        enrolledWith.current = code;
        setNotice(result === 'already' ? t.login.alreadyEnrolled : t.login.enrolled);
      })
      .catch((failure: unknown) => {
        setNotice(null);
        setError(
          failure instanceof ApiError && failure.kind !== 'network'
            ? t.login.enrolRefused(failure.message)
            : loginErrorText(failure, t, language),
        );
      })
      .finally(() => setBusy(false));
  };

  const setPin = (text: string) => setPinText(text.replace(/\D/g, '').slice(0, MAX_PIN_DIGITS));

  const submit = () => {
    if (busy) return;
    const problem =
      badge.trim() === '' ? t.login.missingBadge : PIN_PATTERN.test(pin) ? null : t.login.badPin;
    setError(problem);
    if (problem) return;
    setBusy(true);
    signIn(db, api, badge, pin, chosenLanguage ?? undefined)
      .then((session) => {
        rememberLanguage(session.user.language);
        deviceSync.requestSync();
        // The warehouse's leads, for unlocking the scanner settings offline later (decision 020).
        refreshUnlockVerifiers(db, api).catch(() => undefined);
      })
      .catch((failure: unknown) => {
        setError(loginErrorText(failure, t, language));
        setBusy(false);
      });
  };

  const onScanAction = (action: ScanAction) => {
    if (action.kind === 'scan') {
      const enrolmentCode = enrolmentCodeOf(action.code);
      if (enrolmentCode) return enrol(enrolmentCode);
      setBadge(action.code);
      setError(null);
    } else if (action.kind === 'confirm') {
      submit();
    }
  };

  return { badge, pin, busy, error, notice, setBadge, setPin, onScanAction, submit };
}

function loginErrorText(
  failure: unknown,
  t: ReturnType<typeof useMessages>,
  language: Language,
): string {
  if (failure instanceof ApiError) {
    return failure.kind === 'network'
      ? t.login.unreachable
      : t.login.refused(serverErrorText(language, failure.code, failure.params, failure.message));
  }
  return errorMessage(failure);
}
