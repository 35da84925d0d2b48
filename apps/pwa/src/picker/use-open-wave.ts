import { useState } from 'react';

const OPEN_WAVE_KEY = 'wms.open-wave';

/**
 * The wave on screen. Kept in sessionStorage so that a reload (an app update, a crash) returns
 * the picker to the wave they were on; the step within the line starts again at the bin.
 */
export function useOpenWave(): [string | null, (waveId: string | null) => void] {
  const [waveId, setWaveId] = useState(() => sessionStorage.getItem(OPEN_WAVE_KEY));
  const open = (next: string | null) => {
    if (next === null) sessionStorage.removeItem(OPEN_WAVE_KEY);
    else sessionStorage.setItem(OPEN_WAVE_KEY, next);
    setWaveId(next);
  };
  return [waveId, open];
}
