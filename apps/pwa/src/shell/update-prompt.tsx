import { useMessages } from '../i18n/language';
import { applyUpdate } from './app-update';
import { useAppUpdate } from './use-app-update';

/** Offers a waiting new version; held back while the picker is in the middle of a line. */
export function UpdatePrompt() {
  const t = useMessages();
  const { updateReady, midLine } = useAppUpdate();
  if (!updateReady) return null;
  return (
    <div className="banner banner-info" data-testid="update-prompt" role="status">
      <span>{midLine ? t.update.finishLineFirst : t.update.ready}</span>
      <button
        type="button"
        className="button-secondary"
        data-testid="update-apply"
        disabled={midLine}
        onClick={applyUpdate}
      >
        {t.update.apply}
      </button>
    </div>
  );
}
