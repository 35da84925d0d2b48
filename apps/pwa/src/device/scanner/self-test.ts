import { type BurstRecord, defaultBurstOptions } from './burst-detector';

/**
 * What the self-test label holds: GS1-128 `(01)09501101020917(10)AZ-19` GS `(21)7Q`. Letters,
 * digits, a hyphen and a GS, so that each usual fault shows.
 */
export const SELF_TEST_LABEL = '0109501101020917' + '10AZ-19' + '\u001d' + '21' + '7Q';

export type ScanFault =
  | 'ime-on'
  | 'no-suffix'
  | 'layout-mismatch'
  | 'gs-lost'
  | 'dropped-characters'
  | 'too-slow'
  | 'wrong-label';

export interface SelfTestReport {
  ok: boolean;
  faults: ScanFault[];
  received: string;
  /** Longest gap between two characters, ms (a scanner stays well under 40). */
  maxGapMs: number;
  totalMs: number;
}

/**
 * What a scanner set to QWERTY types on a device whose keyboard layout is French AZERTY, mapped
 * back: unshifted digit keys give `&é"'(-è_çà`, and A/Q and Z/W swap places.
 */
const FROM_AZERTY: Record<string, string> = {
  '&': '1',
  é: '2',
  '"': '3',
  "'": '4',
  '(': '5',
  '-': '6',
  è: '7',
  _: '8',
  ç: '9',
  à: '0',
  ')': '-',
  A: 'Q',
  Q: 'A',
  Z: 'W',
  W: 'Z',
  a: 'q',
  q: 'a',
  z: 'w',
  w: 'z',
};

/**
 * Diagnoses one scan of the self-test label from how it arrived, naming each fault the picker
 * or the site's MDM must fix (see the README's DataWedge profile).
 *
 * @example
 * diagnoseSelfTest({ raw: SELF_TEST_LABEL, times, endedBy: 'idle', composed: false, action }, SELF_TEST_LABEL)
 * // → { ok: false, faults: ['no-suffix'], … }
 */
export function diagnoseSelfTest(burst: BurstRecord, expected: string): SelfTestReport {
  const received = burst.action.kind === 'scan' ? burst.action.code : burst.raw;
  const gaps = burst.times.slice(1).map((time, i) => time - (burst.times[i] ?? time));
  const maxGapMs = Math.max(0, ...gaps);
  const faults: ScanFault[] = [];
  if (burst.composed) faults.push('ime-on');
  if (burst.endedBy === 'idle') faults.push('no-suffix');
  // A slow link still scans (the detector reads a suffixed slow burst), but it is a fault to fix.
  if (burst.action.kind === 'typed' || maxGapMs > defaultBurstOptions.maxGapMs)
    faults.push('too-slow');
  if (!burst.composed) faults.push(...contentFaults(received, expected));
  return {
    ok: faults.length === 0,
    faults,
    received,
    maxGapMs,
    totalMs: (burst.times.at(-1) ?? 0) - (burst.times[0] ?? 0),
  };
}

function contentFaults(received: string, expected: string): ScanFault[] {
  if (received === expected) return [];
  const withoutGs = expected.replace('\u001d', '');
  if (received === withoutGs) return ['gs-lost'];
  if (fromAzerty(received) === expected || fromAzerty(received) === withoutGs)
    return ['layout-mismatch'];
  if (received.length < expected.length && isSubsequence(received, expected))
    return ['dropped-characters'];
  return ['wrong-label'];
}

function fromAzerty(text: string): string {
  return [...text].map((char) => FROM_AZERTY[char] ?? char).join('');
}

function isSubsequence(short: string, long: string): boolean {
  let at = 0;
  for (const char of long) if (char === short[at]) at += 1;
  return at === short.length;
}
