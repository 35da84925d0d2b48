import { describe, expect, it } from 'vitest';
import { chooseBackCamera } from './choose-camera';

describe('chooseBackCamera', () => {
  it('prefers the back camera with autofocus and torch over an ultra-wide and the front one', () => {
    expect(
      chooseBackCamera([
        { deviceId: 'front', label: 'camera2 1, facing front', facingMode: ['user'] },
        {
          deviceId: 'wide',
          label: 'camera2 2, facing back (ultra wide)',
          facingMode: ['environment'],
        },
        {
          deviceId: 'main',
          label: 'camera2 0, facing back',
          facingMode: ['environment'],
          focusMode: ['continuous', 'manual'],
          torch: true,
        },
      ]),
    ).toBe('main');
  });

  it('takes whatever there is when labels say nothing (no permission yet)', () => {
    expect(chooseBackCamera([{ deviceId: 'only', label: '' }])).toBe('only');
    expect(chooseBackCamera([])).toBeUndefined();
  });
});
