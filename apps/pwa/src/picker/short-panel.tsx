import type { ShortReason } from '@wms/protocol';
import { useMessages } from '../i18n/language';
import type { PickInput } from './pick-flow';

const REASONS: readonly { reason: ShortReason; icon: string }[] = [
  { reason: 'empty', icon: '∅' },
  { reason: 'damaged', icon: '⚠' },
  { reason: 'not-found', icon: '?' },
];

/** "Short": opens the reasons (`ShortPanel`), which take the place of the keypad. */
export function ShortButton({ onOpen }: { onOpen: () => void }) {
  const t = useMessages();
  return (
    <button type="button" className="button-secondary" data-testid="short" onClick={onOpen}>
      {t.pick.short}
    </button>
  );
}

export interface ShortPanelProps {
  onInput: (input: PickInput) => void;
  onClose: () => void;
}

/** The bin cannot give the rest: the picker says why, in one tap. */
export function ShortPanel({ onInput, onClose }: ShortPanelProps) {
  const t = useMessages();
  return (
    <div className="short-panel" role="group" aria-label={t.pick.shortTitle}>
      <p>{t.pick.shortTitle}</p>
      {REASONS.map(({ reason, icon }) => (
        <button
          key={reason}
          type="button"
          className="button-secondary short-reason"
          data-testid={`short-${reason}`}
          onClick={() => {
            onClose();
            onInput({ kind: 'short', reason });
          }}
        >
          <span aria-hidden="true">{icon}</span> {t.pick.shortReason[reason]}
        </button>
      ))}
      <button
        type="button"
        className="button-secondary"
        data-testid="short-cancel"
        onClick={onClose}
      >
        {t.pick.cancel}
      </button>
    </div>
  );
}
