import type { ShortReason } from '@wms/protocol';
import { useState } from 'react';
import { useMessages } from '../i18n/language';
import type { PickInput } from './pick-flow';

const REASONS: readonly { reason: ShortReason; icon: string }[] = [
  { reason: 'empty', icon: '∅' },
  { reason: 'damaged', icon: '⚠' },
  { reason: 'not-found', icon: '?' },
];

/** "Short": the bin cannot give the rest; the picker says why, in one tap. */
export function ShortButton({ onInput }: { onInput: (input: PickInput) => void }) {
  const t = useMessages();
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button
        type="button"
        className="button-secondary"
        data-testid="short"
        onClick={() => setOpen(true)}
      >
        {t.pick.short}
      </button>
    );
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
            setOpen(false);
            onInput({ kind: 'short', reason });
          }}
        >
          <span aria-hidden="true">{icon}</span> {t.pick.shortReason[reason]}
        </button>
      ))}
      <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
        {t.pick.cancel}
      </button>
    </div>
  );
}
