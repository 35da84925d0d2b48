import { describe, expect, it } from 'vitest';
import { BurstDetector, normaliseScannedCode, type ScanAction } from './burst-detector';

type Step = readonly [key: string, time: number];

/** Keys typed from `start`, one every `spacing` ms, as (key, time) steps. */
function typed(text: string, start: number, spacing: number): Step[] {
  return [...text].map((key, i) => [key, start + i * spacing] as const);
}

function feedKeys(detector: BurstDetector, steps: readonly Step[]): ScanAction[] {
  return steps.flatMap(([key, time]) => detector.key(key, time));
}

describe('BurstDetector', () => {
  it('reads a fast burst ended by Enter as one scan', () => {
    const detector = new BurstDetector();
    const actions = feedKeys(detector, [...typed('06901234567892', 1000, 4), ['Enter', 1060]]);
    expect(actions).toEqual([{ kind: 'scan', code: '06901234567892' }]);
  });

  it('ends a burst without suffix when the scanner goes quiet', () => {
    const detector = new BurstDetector();
    expect(feedKeys(detector, typed('A-03-12', 0, 5))).toEqual([]);
    expect(detector.flush(30 + 79)).toEqual([]);
    expect(detector.flush(30 + 80)).toEqual([{ kind: 'scan', code: 'A-03-12' }]);
    expect(detector.isInBurst).toBe(false);
  });

  it('reads a slow burst ended by Enter as a scan (a scanner on a slow link), letters and all', () => {
    const detector = new BurstDetector();
    const actions = feedKeys(detector, [...typed('A-03-12', 0, 60), ['Enter', 60 * 7]]);
    expect(actions).toEqual([{ kind: 'scan', code: 'A-03-12' }]);
    const digits = feedKeys(detector, [...typed('6901234567892', 2000, 55), ['Enter', 2700]]);
    expect(digits).toEqual([{ kind: 'scan', code: '6901234567892' }]);
  });

  it('hands a few digits keyed slowly to the keypad, and calls slow letters without a suffix not read', () => {
    const detector = new BurstDetector();
    expect([...feedKeys(detector, typed('120', 0, 60)), ...detector.flush(300)]).toEqual([
      { kind: 'typed', text: '120' },
    ]);
    expect([...feedKeys(detector, typed('A-03', 1000, 60)), ...detector.flush(1400)]).toEqual([
      { kind: 'misread', raw: 'A-03' },
    ]);
    expect([...feedKeys(detector, typed('0690123', 2000, 60)), ...detector.flush(2600)]).toEqual([
      { kind: 'misread', raw: '0690123' },
    ]);
  });

  it('hands slow key presses over one by one as they go quiet', () => {
    const detector = new BurstDetector();
    const actions = [...feedKeys(detector, typed('12', 0, 150)), ...detector.flush(400)];
    expect(actions).toEqual([
      { kind: 'typed', text: '1' },
      { kind: 'typed', text: '2' },
    ]);
  });

  it('reads a burst with one slow gap ended by its suffix as a scan, never as typing', () => {
    const detector = new BurstDetector();
    const steps: Step[] = [
      ['A', 0],
      ['-', 5],
      ['0', 10],
      ['3', 60],
      ['-', 65],
      ['Enter', 70],
    ];
    expect(feedKeys(detector, steps)).toEqual([{ kind: 'scan', code: 'A-03-' }]);
  });

  it('treats a lone Enter as confirm and a lone Tab as nothing', () => {
    const detector = new BurstDetector();
    expect(detector.key('Enter', 0)).toEqual([{ kind: 'confirm' }]);
    expect(detector.key('Tab', 200)).toEqual([]);
  });

  it('ignores modifier keys inside a burst, including Alt sent by MC3300x firmware', () => {
    const detector = new BurstDetector();
    const steps: Step[] = [
      ['Shift', 0],
      ['A', 1],
      ['Alt', 3],
      ['-', 4],
      ['0', 8],
      ['1', 12],
      ['Tab', 16],
    ];
    expect(feedKeys(detector, steps)).toEqual([{ kind: 'scan', code: 'A-01' }]);
  });

  it('rebuilds a scan from input events when keydown says Unidentified (Android IME)', () => {
    const detector = new BurstDetector();
    const actions: ScanAction[] = [];
    [...'B-12-04'].forEach((char, i) => {
      actions.push(...detector.key('Unidentified', i * 6));
      actions.push(...detector.text(char, i * 6 + 1));
    });
    actions.push(...detector.key('Enter', 50));
    expect(actions).toEqual([{ kind: 'scan', code: 'B-12-04' }]);
  });

  it('never turns Unidentified keys into text', () => {
    const detector = new BurstDetector();
    const actions = feedKeys(detector, [
      ['Unidentified', 0],
      ['Unidentified', 5],
      ['Enter', 10],
    ]);
    expect(actions).toEqual([{ kind: 'confirm' }]);
  });

  it('keeps a split burst whole: first char by keydown, the rest committed by the IME', () => {
    // odoo/odoo#287883: the idle timer must restart on input events, or this splits in two.
    const detector = new BurstDetector();
    const actions = [
      ...detector.key('0', 0),
      ...detector.text('690', 30),
      ...detector.flush(85),
      ...detector.text('1234', 60),
      ...detector.text('5678', 90),
      ...detector.flush(150),
      ...detector.text('92', 120),
      ...detector.key('Enter', 125),
    ];
    expect(actions).toEqual([{ kind: 'scan', code: '06901234567892' }]);
  });

  it('reads a burst cut by a long pause as two separate bursts', () => {
    const detector = new BurstDetector();
    const actions = [
      ...feedKeys(detector, typed('0690', 0, 5)),
      ...detector.flush(15 + 80),
      ...feedKeys(detector, [...typed('1234567892', 200, 5), ['Enter', 260]]),
    ];
    expect(actions).toEqual([
      { kind: 'scan', code: '0690' },
      { kind: 'scan', code: '1234567892' },
    ]);
  });

  it('reads a whole code committed in one input event followed by a newline', () => {
    const detector = new BurstDetector();
    expect(detector.text('A-03-12\n', 0)).toEqual([{ kind: 'scan', code: 'A-03-12' }]);
  });

  it('refuses a burst an input method composed', () => {
    const detector = new BurstDetector();
    detector.key('a', 0);
    detector.composition(2);
    expect(detector.text('啊', 5)).toEqual([]);
    expect(detector.key('Enter', 10)).toEqual([{ kind: 'ime-blocked' }]);
    expect(detector.key('Enter', 200)).toEqual([{ kind: 'confirm' }]);
  });

  it('calls a fast burst shorter than three characters typing', () => {
    const detector = new BurstDetector();
    expect(
      feedKeys(detector, [
        ['4', 0],
        ['2', 3],
        ['Enter', 6],
      ]),
    ).toEqual([{ kind: 'typed', text: '42' }]);
  });

  it('normalises full-width characters and whitespace', () => {
    expect(normaliseScannedCode(' ０６９０１２３４５６７８９２ ')).toBe('06901234567892');
    const detector = new BurstDetector();
    expect(detector.text('Ａ－０３－１２\r', 0)).toEqual([{ kind: 'scan', code: 'A-03-12' }]);
  });
});
