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
  const t = useMessages();
  return (
    <div className="qty-panel">
      <output className="qty-entry" data-testid="qty-entry">
        {qtyText || '\u00a0'}
      </output>
      <NumericKeypad
        onDigit={(digit) => onInput({ kind: 'digit', digit })}
        onBackspace={() => onInput({ kind: 'backspace' })}
        onClear={() => onInput({ kind: 'clear' })}
      />
      <button
        type="button"
        className="button-primary"
        data-testid="confirm-qty"
        disabled={saving}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => onInput({ kind: 'confirm' })}
      >
        {saving ? t.pick.saving : t.pick.confirm}
      </button>
    </div>
  );
}
