import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useMessages } from '../../i18n/language';
import { errorMessage } from '../../storage/storage-errors';
import { emitScan } from '../scanner/scanner';
import { type CameraScan, startCameraScan } from './camera-scanner';

/** With no code read for this long, the panel says how to hold the label (or to use the scanner). */
export const NO_READ_HINT_MS = 8_000;

/**
 * The camera fallback: a live preview, on top of the screen, that hands one decoded code to the
 * same listeners as the wedge scanner and then closes (a camera read is one scan). Loaded lazily
 * (zxing is not in the first bundle). The camera is released when the panel closes and whenever
 * the page is hidden; it opens again when the page comes back.
 */
export default function CameraPanel({ onClose }: { onClose: () => void }) {
  const t = useMessages();
  const video = useRef<HTMLVideoElement>(null);
  const [scan, setScan] = useState<CameraScan | null>(null);
  const [torch, setTorch] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [noRead, setNoRead] = useState(false);
  const closeRef = useRef(onClose);
  useLayoutEffect(() => {
    closeRef.current = onClose;
  });

  useEffect(() => {
    let current: CameraScan | null = null;
    let cancelled = false;
    const onCode = (code: string) => {
      current = null;
      cancelled = true;
      emitScan(code);
      closeRef.current();
    };
    const open = () => {
      if (!video.current || current || cancelled || document.hidden) return;
      startCameraScan(video.current, onCode).then(
        (started) => {
          if (cancelled) return started.stop();
          current = started;
          setScan(started);
        },
        (error: unknown) => setFailure(errorMessage(error)),
      );
    };
    const close = () => {
      current?.stop();
      current = null;
      setScan(null);
    };
    const onVisibility = () => (document.hidden ? close() : open());
    open();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', close);
    return () => {
      cancelled = true;
      close();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', close);
    };
  }, []);

  useEffect(() => {
    if (!scan) return;
    const timer = setTimeout(() => setNoRead(true), NO_READ_HINT_MS);
    return () => clearTimeout(timer);
  }, [scan]);

  return (
    <div className="camera-panel" data-testid="camera-panel" data-live={scan !== null}>
      <video
        ref={video}
        muted
        playsInline
        className="camera-preview"
        data-testid="camera-preview"
      />
      {failure && <p className="error">{t.camera.failed(failure)}</p>}
      {noRead && !failure && (
        <p className="camera-hint" role="status" data-testid="camera-hint">
          {t.camera.noRead}
        </p>
      )}
      <div className="line-actions">
        {scan?.setTorch && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              void scan.setTorch?.(!torch);
              setTorch(!torch);
            }}
          >
            {torch ? t.camera.torchOff : t.camera.torchOn}
          </button>
        )}
        <button
          type="button"
          className="button-secondary"
          data-testid="camera-close"
          onClick={onClose}
        >
          {t.camera.close}
        </button>
      </div>
    </div>
  );
}
