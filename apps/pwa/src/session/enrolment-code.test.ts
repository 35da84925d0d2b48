import { describe, expect, it } from 'vitest';
import { enrolmentCodeOf } from './enrolment-code';

describe('enrolmentCodeOf', () => {
  it.each([
    ['WMS-ENROL:K7QW2MPA', 'K7QW2MPA'],
    [' wms-enrol:k7qw2mpa ', 'K7QW2MPA'],
    ['WMS-ENROL:K7QW2MP', null],
    ['WMS-ENROL:K7QW2MP0', null],
    ['P-0001', null],
    ['K7QW2MPA', null],
  ])('%j → %j', (scanned, code) => {
    expect(enrolmentCodeOf(scanned)).toBe(code);
  });
});
