import type { Language } from '@wms/protocol';
import { useEffect, useRef } from 'react';
import type { PickFlow } from './use-pick-flow';
import { announce } from '../device/speech/speech';
import type { WaveView } from './wave-view';

/**
 * Says where to go each time a new line comes up, and when the wave is done (or this picker's
 * part of it, when lines were moved to someone else). A line just finished is said as the start
 * of that prompt ("Line done" alone was always cut off by it).
 */
export function useLinePrompt(
  view: WaveView,
  language: Language,
  { movedOff, lastPicked }: { movedOff: number; lastPicked: PickFlow['lastPicked'] },
): void {
  const line = view.currentLine;
  /** The line the last prompt sent the picker to. */
  const promptedLine = useRef<string | null>(null);
  const lineKey = line ? `${line.id}:${line.binCode}` : 'done';
  const remaining = line ? line.qty - line.pickedQty : 0;
  useEffect(() => {
    // Only when the pick that finished the line prompted last is what moved the picker on (not a
    // short, a reassignment or a pull).
    const afterLineDone =
      lastPicked !== null &&
      lastPicked.line.id === promptedLine.current &&
      lastPicked.line.id !== line?.id &&
      lastPicked.qty >= lastPicked.line.qty - lastPicked.line.pickedQty;
    promptedLine.current = line?.id ?? null;
    const waveCode = view.wave.code;
    if (line)
      announce(
        { kind: 'go-to-bin', waveCode, binCode: line.binCode, qty: remaining, afterLineDone },
        language,
      );
    else if (movedOff > 0)
      announce({ kind: 'wave-part-done', waveCode, movedLines: movedOff, afterLineDone }, language);
    else announce({ kind: 'wave-done', waveCode, afterLineDone }, language);
    // Only a new line (or the end of the wave) is a new instruction; progress on a line is not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lineKey, language]);
}
