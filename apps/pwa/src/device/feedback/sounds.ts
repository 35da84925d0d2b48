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

export type ToneName = 'ok' | 'error' | 'not-read' | 'repeat';

/** The last tones played, newest last (the browser tests read it through the test hooks). */
export const toneLog: ToneName[] = [];

function logTone(tone: ToneName): void {
  toneLog.push(tone);
  if (toneLog.length > 50) toneLog.shift();
}

/** A short high beep: the scan was right. Like every sound, it starts once the screen is drawn. */
export function playOk(): void {
  logTone('ok');
  afterPaint(() => beep([{ hz: 1320, ms: 90 }], 'sine'));
}

/**
 * Three quick mid beeps and a short buzz: the scanner sent no readable code, scan again. Unlike
 * the error it refuses nothing; unlike OK it accepts nothing.
 */
export function playNotRead(): void {
  logTone('not-read');
  afterPaint(() => {
    beep(
      [
        { hz: 660, ms: 70 },
        { hz: 0, ms: 50 },
        { hz: 660, ms: 70 },
        { hz: 0, ms: 50 },
        { hz: 660, ms: 70 },
      ],
      'triangle',
    );
    if ('vibrate' in navigator) navigator.vibrate(120);
  });
}

/** Two soft falling notes: that code was just counted; this read of it counts nothing. */
export function playRepeat(): void {
  logTone('repeat');
  afterPaint(() =>
    beep(
      [
        { hz: 990, ms: 60 },
        { hz: 740, ms: 90 },
      ],
      'sine',
    ),
  );
}

/** The sound of one answer. */
export function playTone(tone: ToneName): void {
  if (tone === 'ok') playOk();
  else if (tone === 'error') playError();
  else if (tone === 'not-read') playNotRead();
  else playRepeat();
}

/**
 * Two low buzzes and a vibration: wrong bin, wrong item, expired lot… loud enough for a noisy
 * aisle and felt through gloves.
 */
export function playError(): void {
  logTone('error');
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
