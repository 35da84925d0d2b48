/**
 * What the scanner capture reports: a scanned code, the same code again within the debounce (one
 * trigger pull read twice: answered "already counted", never counted), a burst that is neither a
 * scan nor typing (answered "not read, scan again"), a lone Enter (the "confirm" key on a
 * handheld), digits typed at human speed on a hardware keypad, or a burst that an input method
 * composed and that therefore cannot be trusted.
 */
export type ScanAction =
  | { kind: 'scan'; code: string }
  | { kind: 'repeat'; code: string }
  | { kind: 'misread'; raw: string }
  | { kind: 'confirm' }
  | { kind: 'typed'; text: string }
  | { kind: 'ime-blocked' };

import { defaultScannerSettings, normaliseScan, type ScannerSettings } from './scan-settings';

export interface BurstDetectorOptions extends ScannerSettings {
  /** Longest gap between two characters of one scan. Scanners send a character every ≤ 10 ms. */
  maxGapMs: number;
  /** Silence that ends a burst when the scanner sends no Enter/Tab suffix. */
  idleMs: number;
  /** Shortest code accepted as a scan. */
  minLength: number;
  /** Most digits a person keys as a quantity; a longer slow burst is a scan, not typing. */
  maxTypedDigits: number;
}

export const defaultBurstOptions: BurstDetectorOptions = {
  maxGapMs: 40,
  idleMs: 80,
  minLength: 3,
  maxTypedDigits: 4,
  ...defaultScannerSettings,
};

/** What the last burst looked like on the wire: the self-test screen diagnoses from it. */
export interface BurstRecord {
  /** The characters as they arrived, before normalisation. */
  raw: string;
  /** Arrival time of each character (ms). */
  times: number[];
  endedBy: 'suffix' | 'idle';
  composed: boolean;
  /** What the burst became. */
  action: ScanAction;
}

interface TimedChar {
  char: string;
  time: number;
}

/** Keys that carry no character but belong to a burst (the IME path sends text by `input`). */
const SILENT_KEYS = new Set(['Unidentified', 'Process']);
const SUFFIX_KEYS = new Set(['Enter', 'Tab']);

/**
 * Tells a keyboard-wedge scan from human typing by timing, without the DOM: feed it keydowns
 * (`key`), text committed to the capture field (`text`, the DataWedge/IME path) and the idle
 * timer (`flush`), each with a time in ms; it returns what ended, if anything.
 *
 * @example
 * const detector = new BurstDetector();
 * detector.key('A', 0); detector.key('-', 5); detector.key('1', 10);
 * detector.key('Enter', 15); // → [{ kind: 'scan', code: 'A-1' }]
 */
export class BurstDetector {
  readonly #options: BurstDetectorOptions;
  #chars: TimedChar[] = [];
  #lastActivity = Number.NEGATIVE_INFINITY;
  #composed = false;
  #lastScan: { code: string; time: number } | null = null;
  #lastBurst: BurstRecord | null = null;

  constructor(options: Partial<BurstDetectorOptions> = {}) {
    this.#options = { ...defaultBurstOptions, ...options };
  }

  get idleMs(): number {
    return this.#options.idleMs;
  }

  /** The last burst that ended, as it arrived (for the scanner self-test). */
  get lastBurst(): BurstRecord | null {
    return this.#lastBurst;
  }

  /** True while characters are waiting for their burst to end. */
  get isInBurst(): boolean {
    return this.#chars.length > 0;
  }

  /** A keydown. Named keys other than Enter/Tab/Unidentified (Shift, Alt…) are ignored. */
  key(key: string, time: number): ScanAction[] {
    const ended = this.#endIfIdle(time);
    if (SUFFIX_KEYS.has(key)) return [...ended, ...this.#endBySuffix(key)];
    if (SILENT_KEYS.has(key)) {
      this.#lastActivity = time;
      return ended;
    }
    if ([...key].length === 1) this.#push(key, time);
    return ended;
  }

  /** Text committed to the capture field by an `input` event (one or many characters). */
  text(text: string, time: number): ScanAction[] {
    const ended = this.#endIfIdle(time);
    for (const char of text) {
      if (char === '\n' || char === '\r') return [...ended, ...this.#endBySuffix('Enter')];
      if (char === '\t') return [...ended, ...this.#endBySuffix('Tab')];
      this.#push(char, time);
    }
    return ended;
  }

  /** An input method started composing: whatever this burst becomes is not a trustworthy scan. */
  composition(time: number): void {
    this.#composed = true;
    this.#lastActivity = time;
  }

  /** The idle timer ran out at `time`: end the burst if it has been quiet long enough. */
  flush(time: number): ScanAction[] {
    return this.#endIfIdle(time);
  }

  #push(char: string, time: number): void {
    this.#chars.push({ char, time });
    this.#lastActivity = time;
  }

  #endIfIdle(time: number): ScanAction[] {
    if (time - this.#lastActivity < this.#options.idleMs) return [];
    if (this.#chars.length === 0) {
      this.#composed = false;
      return [];
    }
    return this.#end('idle');
  }

  #endBySuffix(key: string): ScanAction[] {
    if (this.#chars.length === 0 && !this.#composed)
      return key === 'Enter' ? [{ kind: 'confirm' }] : [];
    return this.#end('suffix');
  }

  #end(endedBy: BurstRecord['endedBy']): ScanAction[] {
    const chars = this.#chars;
    const composed = this.#composed;
    this.#chars = [];
    this.#composed = false;
    const action = this.#classify(chars, composed, endedBy);
    const raw = chars.map((c) => c.char).join('');
    this.#lastBurst = { raw, times: chars.map((c) => c.time), endedBy, composed, action };
    return [
      this.#isRepeat(action, chars.at(-1)?.time ?? 0) ? { ...action, kind: 'repeat' } : action,
    ];
  }

  /**
   * Fast keys are a scan. Slow keys are a person only when they could be a quantity on a
   * hardware keypad (a few digits); anything else slow is a scanner on a slow link (Bluetooth,
   * a busy handheld): a scan when its suffix ended it, else "not read". Nothing is dropped.
   */
  #classify(
    chars: readonly TimedChar[],
    composed: boolean,
    endedBy: BurstRecord['endedBy'],
  ): ScanAction {
    if (composed) return { kind: 'ime-blocked' };
    const text = chars.map((c) => c.char).join('');
    const code = normaliseScan(text, this.#options);
    if (isScanTiming(chars, this.#options))
      return code.length >= this.#options.minLength
        ? { kind: 'scan', code }
        : { kind: 'typed', text };
    if (/^\d*$/.test(text) && text.length <= this.#options.maxTypedDigits)
      return { kind: 'typed', text };
    if (endedBy === 'suffix' && code.length >= this.#options.minLength)
      return { kind: 'scan', code };
    return { kind: 'misread', raw: text };
  }

  /** The same code again within the debounce: one trigger pull read twice, not a second unit. */
  #isRepeat(action: ScanAction, time: number): action is { kind: 'scan'; code: string } {
    if (action.kind !== 'scan') return false;
    const last = this.#lastScan;
    this.#lastScan = { code: action.code, time };
    return last?.code === action.code && time - last.time < this.#options.repeatDebounceMs;
  }
}

function isScanTiming(chars: readonly TimedChar[], options: BurstDetectorOptions): boolean {
  if (chars.length < options.minLength) return false;
  return chars.every(
    (c, i) => i === 0 || c.time - (chars[i - 1]?.time ?? c.time) <= options.maxGapMs,
  );
}

/**
 * Normalises a scanned code with the default scanner settings (see `normaliseScan`).
 *
 * @example
 * normaliseScannedCode(' ０６９０１２ ') // → '069012'
 */
export function normaliseScannedCode(raw: string): string {
  return normaliseScan(raw, defaultScannerSettings);
}
