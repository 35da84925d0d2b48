import type { Language } from '@wms/protocol';
import { useEffect, useState } from 'react';
import { speech, subscribeToVoices } from './speech';
import type { VoiceCheck } from './speech-queue';

/**
 * Whether this device has a voice for `language`, following the engine's voice list as it loads.
 * A browser without speechSynthesis has none.
 */
export function useVoiceCheck(language: Language): VoiceCheck {
  const [, setVersion] = useState(0);
  useEffect(() => subscribeToVoices(() => setVersion((n) => n + 1)), []);
  return speech ? speech.voiceCheck(language) : { status: 'missing' };
}
