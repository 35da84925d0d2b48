import { BurstDetector, type BurstRecord, type ScanAction } from './burst-detector';
import { defaultScannerSettings, normaliseScan, type ScannerSettings } from './scan-settings';
import { attachWedgeCapture } from './wedge-capture';

type ScanListener = (action: ScanAction) => void;

const SETTINGS_KEY = 'wms.scanner-settings';
const listeners = new Set<ScanListener>();
let detector: BurstDetector | null = null;

/** The scanner settings kept on this device (they belong to the device, not the user). */
export function loadScannerSettings(storage: Storage = localStorage): ScannerSettings {
  try {
    const stored: unknown = JSON.parse(storage.getItem(SETTINGS_KEY) ?? '{}');
    return { ...defaultScannerSettings, ...pickSettings(stored) };
  } catch {
    return defaultScannerSettings;
  }
}

/** Saves the settings; the capture uses them from the next burst on. */
export function saveScannerSettings(settings: ScannerSettings): void {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  detector = new BurstDetector(settings);
  restart?.();
}

let restart: (() => void) | undefined;

/** Starts capturing wedge scans for the whole page; every subscriber hears every action. */
export function startScanner(doc: Document): () => void {
  let detach = (): void => undefined;
  restart = () => {
    detach();
    detector ??= new BurstDetector(loadScannerSettings());
    detach = attachWedgeCapture(doc, (action) => listeners.forEach((l) => l(action)), detector);
  };
  restart();
  return () => {
    detach();
    restart = undefined;
  };
}

/** How the last burst arrived, for the scanner self-test. */
export function lastBurst(): BurstRecord | null {
  return detector?.lastBurst ?? null;
}

/**
 * A code decoded by the camera, normalised like a wedge scan (AIM id off, GS kept) and handed to
 * the same listeners.
 */
export function emitScan(raw: string): void {
  const code = normaliseScan(raw, { ...loadScannerSettings(), prefix: '', suffix: '' });
  if (code !== '') listeners.forEach((listener) => listener({ kind: 'scan', code }));
}

/** Subscribes to scanner actions; returns the unsubscribe function. */
export function subscribeToScanner(listener: ScanListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function pickSettings(stored: unknown): Partial<ScannerSettings> {
  if (typeof stored !== 'object' || stored === null) return {};
  const out: Partial<ScannerSettings> = {};
  const record = stored as Record<string, unknown>;
  for (const key of ['prefix', 'suffix', 'gsReplacement'] as const)
    if (typeof record[key] === 'string') out[key] = record[key];
  if (typeof record.repeatDebounceMs === 'number') out.repeatDebounceMs = record.repeatDebounceMs;
  return out;
}
