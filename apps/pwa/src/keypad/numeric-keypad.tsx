import type { MouseEvent } from 'react';
import { useMessages } from '../i18n/language';

export interface NumericKeypadProps {
  onDigit: (digit: string) => void;
  onBackspace: () => void;
  onClear: () => void;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * An on-screen keypad: a Bluetooth scanner hides the soft keyboard, and gloves need big keys.
 * Its buttons never take focus, so the field being typed into (or the scan capture) keeps it.
 */
export function NumericKeypad({ onDigit, onBackspace, onClear }: NumericKeypadProps) {
  const t = useMessages();
  return (
    <div className="keypad" role="group">
      {DIGITS.map((digit) => (
        <KeypadKey
          key={digit}
          testId={`key-${digit}`}
          label={digit}
          onPress={() => onDigit(digit)}
        />
      ))}
      <KeypadKey testId="key-clear" label={t.keypad.clear} onPress={onClear} />
      <KeypadKey testId="key-0" label="0" onPress={() => onDigit('0')} />
      <KeypadKey
        testId="key-backspace"
        label="⌫"
        ariaLabel={t.keypad.backspace}
        onPress={onBackspace}
      />
    </div>
  );
}

interface KeypadKeyProps {
  label: string;
  ariaLabel?: string;
  testId: string;
  onPress: () => void;
}

function KeypadKey({ label, ariaLabel, testId, onPress }: KeypadKeyProps) {
  const keepFocus = (event: MouseEvent) => event.preventDefault();
  return (
    <button
      type="button"
      className="keypad-key"
      data-testid={testId}
      aria-label={ariaLabel ?? label}
      onMouseDown={keepFocus}
      onClick={onPress}
    >
      {label}
    </button>
  );
}
