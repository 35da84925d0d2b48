import { lazy, Suspense, useState } from 'react';
import { useMessages } from '../../i18n/language';

const CameraPanel = lazy(() => import('./camera-panel'));

/** "Camera": scan with the camera when there is no scanner (or it is broken). */
export function CameraButton() {
  const t = useMessages();
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button
        type="button"
        className="button-secondary"
        data-testid="open-camera"
        onClick={() => setOpen(true)}
      >
        📷 {t.camera.open}
      </button>
    );
  return (
    <Suspense fallback={<p>{t.loading}</p>}>
      <CameraPanel onClose={() => setOpen(false)} />
    </Suspense>
  );
}
