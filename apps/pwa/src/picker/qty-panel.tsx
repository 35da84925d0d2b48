import { useMessages } from '../i18n/language';
import { NumericKeypad } from '../keypad/numeric-keypad';
import type { PickInput } from './pick-flow';

export interface QtyPanelProps {
  qtyText: string;
  saving: boolean;
  onInput: (input: PickInput) => void;
}

/** The quantity step: prefilled with what is left; Enter on the scanner or Confirm records it. */
export function QtyPanel({ qtyText, saving, onInput }: QtyPanelProps) {
  return (
    <div className="qty-panel">
      <div className="qty-row">
        <output className="qty-entry" data-testid="qty-entry">
          {qtyText || '\u00a0'}
        </output>
        <ConfirmButton saving={saving} onConfirm={() => onInput({ kind: 'confirm' })} />
      </div>
      <NumericKeypad
        onDigit={(digit) => onInput({ kind: 'digit', digit })}
        onBackspace={() => onInput({ kind: 'backspace' })}
        onClear={() => onInput({ kind: 'clear' })}
      />
    </div>
  );
}

function ConfirmButton({ saving, onConfirm }: { saving: boolean; onConfirm: () => void }) {
  const t = useMessages();
  return (
    <button
      type="button"
      className="button-primary"
      data-testid="confirm-qty"
      disabled={saving}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onConfirm}
    >
      {saving ? t.pick.saving : t.pick.confirm}
    </button>
  );
}
