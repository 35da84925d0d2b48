import { useMessages } from '../i18n/language';
import { NumericKeypad } from '../keypad/numeric-keypad';
import type { PickInput } from './pick-flow';

export interface CheckDigitsPanelProps {
  binCode: string;
  digits: string;
  onInput: (input: PickInput) => void;
}

/** Keying in the bin's check digits when its label will not scan. */
export function CheckDigitsPanel({ binCode, digits, onInput }: CheckDigitsPanelProps) {
  const t = useMessages();
  return (
    <div className="qty-panel" data-testid="check-digits-panel">
      <p className="hint">{t.pick.checkDigitsHint(binCode)}</p>
      <div className="qty-row">
        <output
          className="qty-entry"
          data-testid="check-digits-entry"
          aria-label={t.pick.checkDigits}
        >
          {digits || '\u00a0'}
        </output>
        <button
          type="button"
          className="button-primary"
          data-testid="confirm-check-digits"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onInput({ kind: 'confirm' })}
        >
          {t.pick.confirm}
        </button>
      </div>
      <NumericKeypad
        onDigit={(digit) => onInput({ kind: 'digit', digit })}
        onBackspace={() => onInput({ kind: 'backspace' })}
        onClear={() => onInput({ kind: 'clear' })}
      />
    </div>
  );
}
