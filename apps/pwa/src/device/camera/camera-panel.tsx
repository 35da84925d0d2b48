import { useEffect, useRef, useState } from 'react';
import { useMessages } from '../../i18n/language';
import { errorMessage } from '../../storage/storage-errors';
import { emitScan } from '../scanner/scanner';
import { type CameraScan, startCameraScan } from './camera-scanner';

/**
 * The camera fallback: a live preview that feeds decoded codes to the same listeners as the wedge
 * scanner. Loaded lazily (zxing is not in the first bundle). The camera is released when the panel
 * closes and whenever the page is hidden; it opens again when the page comes back.
 */
export default function CameraPanel({ onClose }: { onClose: () => void }) {
  const t = useMessages();
  const video = useRef<HTMLVideoElement>(null);
  const [scan, setScan] = useState<CameraScan | null>(null);
  const [torch, setTorch] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let current: CameraScan | null = null;
    let cancelled = false;
    const open = () => {
      if (!video.current || current || document.hidden) return;
      startCameraScan(video.current, emitScan).then(
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

  return (
    <div className="camera-panel" data-testid="camera-panel" data-live={scan !== null}>
      <video ref={video} muted playsInline className="camera-preview" />
      {failure && <p className="error">{t.camera.failed(failure)}</p>}
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
