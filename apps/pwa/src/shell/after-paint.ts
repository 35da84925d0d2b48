import { reportError } from './problems';

/** Longest a task waits for a frame: a hidden tab draws none, and speech must still go out. */
const NO_FRAME_FALLBACK_MS = 100;

let batch: (() => void)[] | null = null;

/**
 * Runs `task` once the frame showing the DOM as it is now has been drawn: work the picker hears
 * or feels (speech, beeps, vibration) then never holds up what they see. Tasks run in call order;
 * one that throws is reported and does not stop the others. In a tab that draws no frame they run after 100 ms.
 */
export function afterPaint(task: () => void): void {
  if (batch) {
    batch.push(task);
    return;
  }
  const tasks = [task];
  batch = tasks;
  let ran = false;
  const run = (): void => {
    if (ran) return;
    ran = true;
    clearTimeout(fallback);
    if (batch === tasks) batch = null;
    for (const each of tasks) {
      try {
        each();
      } catch (error) {
        reportError(error);
      }
    }
  };
  const fallback = setTimeout(run, NO_FRAME_FALLBACK_MS);
  // A timeout set in an animation frame callback runs once that frame is drawn.
  requestAnimationFrame(() => setTimeout(run, 0));
}
