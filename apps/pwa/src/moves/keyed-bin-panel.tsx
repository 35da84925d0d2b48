import { useState } from 'react';
import { useMessages } from '../i18n/language';

/**
 * The bin label will not scan: the worker keys in the bin code and the check digits printed on
 * the label (the digits prove they stand at the bin, as in picking).
 */
export function KeyedBinPanel(props: {
  onConfirm: (binCode: string, digits: string) => void;
  onClose: () => void;
}) {
  const t = useMessages();
  const [binCode, setBinCode] = useState('');
  const [digits, setDigits] = useState('');
  return (
    <form
      className="move-keyed-bin"
      data-testid="move-keyed-bin"
      onSubmit={(event) => {
        event.preventDefault();
        props.onConfirm(binCode, digits);
      }}
    >
      <label>
        {t.moves.binCode}
        <input
          data-manual-entry
          data-testid="move-keyed-bin-code"
          autoCapitalize="characters"
          placeholder="A-03-12"
          value={binCode}
          onChange={(e) => setBinCode(e.target.value)}
        />
      </label>
      <label>
        {t.moves.checkDigits}
        <input
          data-manual-entry
          data-testid="move-keyed-check-digits"
          inputMode="numeric"
          value={digits}
          onChange={(e) => setDigits(e.target.value)}
        />
      </label>
      <div className="line-actions">
        <button type="submit" className="button-primary" data-testid="move-keyed-confirm">
          {t.moves.confirmBin}
        </button>
        <button
          type="button"
          className="button-secondary"
          data-testid="move-keyed-back"
          onClick={props.onClose}
        >
          {t.moves.back}
        </button>
      </div>
    </form>
  );
}
