import { BurstDetector, type ScanAction } from './burst-detector';
import { withoutEcho } from './keystroke-echo';

/** Marks a field the picker types into by hand: its keys never count as scans. */
export const MANUAL_ENTRY_ATTRIBUTE = 'data-manual-entry';

/** Margin so that the idle timer fires after the detector considers the burst quiet. */
const TIMER_SLACK_MS = 5;

/**
 * Captures keyboard-wedge scans with no visible field focused: a document-level keydown listener
 * plus an always-focused, invisible `<input inputmode="none">` whose `input` events carry what
 * DataWedge types through its IME (metasfresh#22464: never `readonly`, never `type=hidden`).
 * Returns a function that detaches everything.
 */
export function attachWedgeCapture(
  doc: Document,
  onAction: (action: ScanAction) => void,
  detector: BurstDetector = new BurstDetector(),
): () => void {
  const field = createCaptureField(doc);
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the last key or text came: the idle timer is set once per burst, not once per key. */
  let lastInputAt = 0;
  /** Characters counted from keydowns on the field that an IME commit may repeat. */
  let echo = '';

  const emit = (actions: readonly ScanAction[]): void => {
    if (!detector.isInBurst) echo = '';
    actions.forEach(onAction);
  };
  /** Flushes the detector once no input came for its idle time (plus slack) since the last one. */
  const waitForIdle = (ms: number): void => {
    idleTimer = setTimeout(() => {
      const quietFor = performance.now() - lastInputAt;
      const due = detector.idleMs + TIMER_SLACK_MS;
      if (quietFor < due) return waitForIdle(due - quietFor);
      idleTimer = undefined;
      emit(detector.flush(performance.now()));
    }, ms);
  };
  const restartIdleTimer = (at: number): void => {
    lastInputAt = at;
    if (idleTimer === undefined) waitForIdle(detector.idleMs + TIMER_SLACK_MS);
  };
  const refocus = (): void => {
    if (!isManualEntry(doc.activeElement) && doc.activeElement !== field)
      field.focus({ preventScroll: true });
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (isManualEntry(event.target)) return;
    const wasInBurst = detector.isInBurst;
    const at = typedAt(event);
    const actions = detector.key(event.key, at);
    // A printable key was counted here: keep the browser from also inserting it into the field.
    if ([...event.key].length === 1 && event.target === field) {
      event.preventDefault();
      echo += event.key;
    }
    // Enter/Tab end a scan or confirm; they must not click a button or move focus as well.
    if (event.key === 'Enter' || (event.key === 'Tab' && wasInBurst)) event.preventDefault();
    restartIdleTimer(at);
    emit(actions);
  };
  const onInput = (event: Event): void => {
    const committed = withoutEcho(field.value, echo);
    field.value = '';
    echo = committed.echo;
    if (committed.fresh === '') return;
    const at = typedAt(event);
    const actions = detector.text(committed.fresh, at);
    restartIdleTimer(at);
    emit(actions);
  };
  const onComposition = (): void => detector.composition(performance.now());
  const onFocusOut = (): void => void setTimeout(refocus, 0);

  doc.addEventListener('keydown', onKeyDown, { capture: true });
  doc.addEventListener('focusout', onFocusOut, { capture: true });
  doc.addEventListener('visibilitychange', refocus);
  field.addEventListener('input', onInput);
  field.addEventListener('compositionstart', onComposition);
  refocus();

  return () => {
    clearTimeout(idleTimer);
    doc.removeEventListener('keydown', onKeyDown, { capture: true });
    doc.removeEventListener('focusout', onFocusOut, { capture: true });
    doc.removeEventListener('visibilitychange', refocus);
    field.remove();
  };
}

function createCaptureField(doc: Document): HTMLInputElement {
  const field = doc.createElement('input');
  field.type = 'text';
  field.inputMode = 'none';
  field.autocomplete = 'off';
  field.spellcheck = false;
  field.tabIndex = -1;
  field.setAttribute('autocapitalize', 'off');
  field.setAttribute('autocorrect', 'off');
  field.setAttribute('aria-hidden', 'true');
  field.dataset.testid = 'scan-capture';
  Object.assign(field.style, {
    position: 'fixed',
    top: '0',
    left: '0',
    width: '1px',
    height: '1px',
    opacity: '0',
    border: '0',
    padding: '0',
    pointerEvents: 'none',
  });
  doc.body.append(field);
  return field;
}

function isManualEntry(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(`[${MANUAL_ENTRY_ATTRIBUTE}]`) !== null;
}

function typedAt(event: Event): number {
  return keyTime(event.timeStamp, performance.now());
}

/**
 * When a key was typed: its event's own time stamp (same clock as `performance.now()`), not the
 * moment it is handled. A busy page handles queued keys late and back to back; timing them on
 * handling would split one scan in two or read it as typing (device-pitfalls: a slow handheld
 * mid-render). A stamp that is missing or later than `now` is not a real one: `now` then.
 *
 * @example
 * keyTime(1_000, 1_150) // → 1000: handled 150 ms late, timed when typed
 * keyTime(0, 1_150) // → 1150
 */
export function keyTime(stamp: number, now: number): number {
  return Number.isFinite(stamp) && stamp > 0 && stamp <= now ? stamp : now;
}
