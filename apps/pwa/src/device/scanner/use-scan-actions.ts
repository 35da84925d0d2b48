import { useEffect, useLayoutEffect, useRef } from 'react';
import type { ScanAction } from './burst-detector';
import { subscribeToScanner } from './scanner';

/**
 * Calls `onAction` (always the latest one rendered) for each scanner action while mounted. The
 * latest is taken in the commit that draws it (a layout effect): a passive effect may run a task
 * later, and a scan arriving in between would go to the screen before (the line just picked).
 */
export function useScanActions(onAction: (action: ScanAction) => void): void {
  const latest = useRef(onAction);
  useLayoutEffect(() => {
    latest.current = onAction;
  });
  useEffect(() => subscribeToScanner((action) => latest.current(action)), []);
}
