import { BarcodeFormat, BrowserMultiFormatReader } from '@zxing/browser';
import { DecodeHintType } from '@zxing/library';
import { type CameraInfo, chooseBackCamera } from './choose-camera';

export interface CameraScan {
  stop: () => void;
  /** Turns the torch on or off; undefined when the chosen camera has none. */
  setTorch?: (on: boolean) => Promise<void>;
}

/** A decode attempt on the current frame this often, until a code is read. */
const SCAN_ATTEMPT_MS = 400;

/**
 * Opens the back camera ourselves and decodes from its stream (device-pitfalls §2): zxing's own
 * `stop()` does not always release the camera, so `stop` also ends every track. GS1 mode is on
 * (`ASSUME_GS1`), or Code 128 drops the FNC1 separators. About 720p, one decode every 400 ms.
 *
 * The decode loop is ours, not zxing's `decodeFromStream`: that one waits for the preview to play
 * with a 5 s `canplay` timeout that can leave it waiting for ever, sizes its canvas once, at the
 * start, and ends its loop for good on any error other than "no code here". Ours tries every
 * 400 ms, on whatever frame the video shows then, at the size it has then, and asks the video to
 * play again if it was paused.
 *
 * A camera read is one scan: the first code read ends the decoding and releases the camera
 * before `onCode` hears it. A picker holds an item in view for seconds; a reader that kept going
 * would count every unit of the line from one item, then fail the next bin with the item's code.
 */
export async function startCameraScan(
  video: HTMLVideoElement,
  onCode: (code: string) => void,
): Promise<CameraScan> {
  const deviceId = chooseBackCamera(await listCameras());
  const stream = await navigator.mediaDevices.getUserMedia({
    video: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: 'environment' }),
      width: { ideal: 1280 },
      height: { ideal: 720 },
    },
  });
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.ASSUME_GS1, true],
    [
      DecodeHintType.POSSIBLE_FORMATS,
      [
        BarcodeFormat.CODE_128,
        BarcodeFormat.EAN_13,
        BarcodeFormat.EAN_8,
        BarcodeFormat.UPC_A,
        BarcodeFormat.DATA_MATRIX,
        BarcodeFormat.QR_CODE,
      ],
    ],
  ]);
  const reader = new BrowserMultiFormatReader(hints);
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  let stopScanning = (): void => undefined;
  const stop = () => {
    stopScanning();
    stream.getTracks().forEach((track) => track.stop());
    video.srcObject = null;
  };
  stopScanning = scanVideo(
    video,
    (canvas) => reader.decodeFromCanvas(canvas).getText(),
    (code) => {
      stop();
      onCode(code);
    },
  );
  const [track] = stream.getVideoTracks();
  const hasTorch = track && 'torch' in (track.getCapabilities?.() ?? {});
  if (!track || !hasTorch) return { stop };
  return {
    stop,
    setTorch: (on) =>
      track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] }),
  };
}

/**
 * Decodes the frame `video` shows every `SCAN_ATTEMPT_MS` until a code is read (once) or the
 * returned function is called. `decode` throws when the frame holds no code (or one zxing cannot
 * read): the next frame is tried.
 */
function scanVideo(
  video: HTMLVideoElement,
  decode: (canvas: HTMLCanvasElement) => string,
  onCode: (code: string) => void,
): () => void {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const attempt = () => {
    if (stopped || !context) return;
    if (video.paused) video.play().catch(() => undefined);
    let code: string | null = null;
    if (video.readyState >= video.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      if (canvas.width !== video.videoWidth) canvas.width = video.videoWidth;
      if (canvas.height !== video.videoHeight) canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      try {
        code = decode(canvas);
      } catch {
        code = null;
      }
    }
    if (code === null) {
      timer = setTimeout(attempt, SCAN_ATTEMPT_MS);
      return;
    }
    stopped = true;
    onCode(code);
  };
  attempt();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

async function listCameras(): Promise<CameraInfo[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((device) => device.kind === 'videoinput')
    .map((device) => {
      const capabilities =
        'getCapabilities' in device ? (device as InputDeviceInfo).getCapabilities() : {};
      const extra = capabilities as MediaTrackCapabilities & {
        torch?: boolean;
        focusMode?: string[];
      };
      return {
        deviceId: device.deviceId,
        label: device.label,
        ...(extra.facingMode ? { facingMode: extra.facingMode } : {}),
        ...(extra.torch !== undefined ? { torch: extra.torch } : {}),
        ...(extra.focusMode ? { focusMode: extra.focusMode } : {}),
      };
    });
}
