import type { Language } from '@wms/protocol';
import { useState } from 'react';
import type { ScanAction } from '../device/scanner/burst-detector';
import { announceRendered } from '../device/speech/speech';
import type { Messages } from '../i18n/messages-en';

/**
 * The message of an inbound screen's last scan, shown and said (issue 18: every scan gets an
 * answer, on screen and spoken). `report(null)` clears it.
 */
export function useScanProblem(language: Language) {
  const [problem, setProblem] = useState<string | null>(null);
  const report = (text: string | null) => {
    setProblem(text);
    if (text) announceRendered({ language, text, speech: text });
  };
  return [problem, report] as const;
}

/**
 * What a scanner read that is no code says on an inbound screen: a misread (a burst the scanner
 * broke off) or a scan an input method changed. Typed keys are not scans (they go to the field
 * in focus) and get no answer here.
 */
export function unreadScanText(action: ScanAction, t: Messages): string | null {
  if (action.kind === 'misread') return t.inbound.unreadable;
  if (action.kind === 'ime-blocked') return t.pickError.ime;
  return null;
}
