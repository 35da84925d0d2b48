import type { ScanAction } from './burst-detector';
import { attachWedgeCapture } from './wedge-capture';

type ScanListener = (action: ScanAction) => void;

const listeners = new Set<ScanListener>();

/** Starts capturing wedge scans for the whole page; every subscriber hears every action. */
export function startScanner(doc: Document): () => void {
  return attachWedgeCapture(doc, (action) => listeners.forEach((listener) => listener(action)));
}

/** Subscribes to scanner actions; returns the unsubscribe function. */
export function subscribeToScanner(listener: ScanListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
