import { describe, expect, it } from 'vitest';
import { BurstDetector, type ScanAction } from './burst-detector';

type Step = readonly [key: string, time: number];

function typed(text: string, start: number, spacing: number): Step[] {
  return [...text].map((key, i) => [key, start + i * spacing] as const);
}

function feed(detector: BurstDetector, steps: readonly Step[]): ScanAction[] {
  return steps.flatMap(([key, time]) => detector.key(key, time));
}

describe('BurstDetector with scanner settings', () => {
  it('answers the same code again within the debounce as a repeat, and counts it after', () => {
    const detector = new BurstDetector({ repeatDebounceMs: 500 });
    const burst = (start: number) =>
      feed(detector, [...typed('06901234567892', start, 3), ['Enter', start + 50]]);
    expect(burst(0)).toEqual([{ kind: 'scan', code: '06901234567892' }]);
    expect(burst(200)).toEqual([{ kind: 'repeat', code: '06901234567892' }]);
    expect(burst(900)).toEqual([{ kind: 'scan', code: '06901234567892' }]);
  });

  it('does not debounce two different codes', () => {
    const detector = new BurstDetector();
    const first = feed(detector, [...typed('A-03-12', 0, 3), ['Enter', 30]]);
    const second = feed(detector, [...typed('06901234567892', 60, 3), ['Enter', 120]]);
    expect([...first, ...second]).toEqual([
      { kind: 'scan', code: 'A-03-12' },
      { kind: 'scan', code: '06901234567892' },
    ]);
  });

  it('turns the printable GS replacement into GS and strips ]C1, from 229 keys and input text', () => {
    const detector = new BurstDetector();
    const actions: ScanAction[] = [];
    [...']C10106901234567892|10L7|17261231'].forEach((char, i) => {
      actions.push(...detector.key('Unidentified', i * 4), ...detector.text(char, i * 4 + 1));
    });
    actions.push(...detector.key('Enter', 200));
    expect(actions).toEqual([{ kind: 'scan', code: '0106901234567892\u001d10L7\u001d17261231' }]);
  });

  it('records how the last burst arrived for the self-test', () => {
    const detector = new BurstDetector();
    feed(detector, typed('A-03-12', 0, 5));
    detector.flush(200);
    expect(detector.lastBurst).toEqual({
      raw: 'A-03-12',
      times: [0, 5, 10, 15, 20, 25, 30],
      endedBy: 'idle',
      composed: false,
      action: { kind: 'scan', code: 'A-03-12' },
    });
  });

  it('passes AZERTY-mangled digits through untouched (the self-test names the fault)', () => {
    const detector = new BurstDetector();
    expect(feed(detector, [...typed('&é"\'', 0, 4), ['Enter', 20]])).toEqual([
      { kind: 'scan', code: '&é"\'' },
    ]);
  });
});
