import { afterPaint } from '../../shell/after-paint';

let context: AudioContext | null = null;

/**
 * Creates (or resumes) the audio context. Browsers allow sound only after a user gesture:
 * call this in the "start shift" tap.
 */
export function primeSounds(): void {
  if (typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  void context.resume();
}

/** A short high beep: the scan was right. Like every sound, it starts once the screen is drawn. */
export function playOk(): void {
  afterPaint(() => beep([{ hz: 1320, ms: 90 }], 'sine'));
}

/**
 * Two low buzzes and a vibration: wrong bin, wrong item, expired lot… loud enough for a noisy
 * aisle and felt through gloves.
 */
export function playError(): void {
  afterPaint(() => {
    beep(
      [
        { hz: 220, ms: 180 },
        { hz: 0, ms: 60 },
        { hz: 180, ms: 260 },
      ],
      'square',
    );
    if ('vibrate' in navigator) navigator.vibrate([250, 100, 250]);
  });
}

function beep(notes: readonly { hz: number; ms: number }[], type: OscillatorType): void {
  if (!context || context.state !== 'running') return;
  let at = context.currentTime;
  for (const note of notes) {
    if (note.hz > 0) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = type;
      oscillator.frequency.value = note.hz;
      gain.gain.value = 0.4;
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + note.ms / 1000);
    }
    at += note.ms / 1000;
  }
}
