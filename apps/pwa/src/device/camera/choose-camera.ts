/** What we know of a camera before opening it (Chrome: `InputDeviceInfo.getCapabilities()`). */
export interface CameraInfo {
  deviceId: string;
  label: string;
  facingMode?: readonly string[];
  torch?: boolean;
  focusMode?: readonly string[];
}

/**
 * Picks the back camera that can read barcodes: facing the environment, with continuous
 * autofocus and a torch when there is one; never an ultra-wide or front lens if another will do
 * (zxing-js/library#451: an ultrawide without autofocus reads nothing close up).
 *
 * @example
 * chooseBackCamera([{ deviceId: 'f', label: 'camera2 1, facing front' }, { deviceId: 'b', label: 'camera2 0, facing back' }])
 * // → 'b'
 */
export function chooseBackCamera(cameras: readonly CameraInfo[]): string | undefined {
  return [...cameras].sort((a, b) => score(b) - score(a))[0]?.deviceId;
}

function score(camera: CameraInfo): number {
  const label = camera.label.toLowerCase();
  let points = 0;
  if (camera.facingMode?.includes('environment') || /back|rear|environment|后/.test(label))
    points += 8;
  if (/front|user|前/.test(label) || camera.facingMode?.includes('user')) points -= 8;
  if (camera.focusMode?.includes('continuous')) points += 4;
  if (camera.torch) points += 2;
  if (/ultra|wide|广角/.test(label)) points -= 3;
  return points;
}
