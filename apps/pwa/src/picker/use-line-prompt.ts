import type { Language } from '@wms/protocol';
import { useEffect } from 'react';
import { announce } from '../device/speech/speech';
import type { WaveView } from './wave-view';

/** Says where to go each time a new line comes up, and when the wave is done. */
export function useLinePrompt(view: WaveView, language: Language): void {
  const line = view.currentLine;
  const lineKey = line ? `${line.id}:${line.binCode}` : 'done';
  const remaining = line ? line.qty - line.pickedQty : 0;
  useEffect(() => {
    if (line)
      announce(
        { kind: 'go-to-bin', waveCode: view.wave.code, binCode: line.binCode, qty: remaining },
        language,
      );
    else announce({ kind: 'wave-done', waveCode: view.wave.code }, language);
    // Only a new line (or the end of the wave) is a new instruction; progress on a line is not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lineKey, language]);
}
