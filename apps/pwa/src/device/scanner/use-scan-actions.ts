import { useEffect, useRef } from 'react';
import type { ScanAction } from './burst-detector';
import { subscribeToScanner } from './scanner';

/** Calls `onAction` (always the latest one rendered) for each scanner action while mounted. */
export function useScanActions(onAction: (action: ScanAction) => void): void {
  const latest = useRef(onAction);
  useEffect(() => {
    latest.current = onAction;
  });
  useEffect(() => subscribeToScanner((action) => latest.current(action)), []);
}
