import type { PickLine } from '@wms/protocol';
import { remainingQty } from '@wms/domain';
import { CameraButton } from '../device/camera/camera-button';
import { useMessages } from '../i18n/language';
import { CheckDigitsPanel } from './check-digits-panel';
import type { PickFlowState, PickInput } from './pick-flow';
import { QtyPanel } from './qty-panel';
import { ShortButton, ShortPanel } from './short-panel';
import { useState } from 'react';

export interface LineActionsProps {
  line: PickLine;
  flow: PickFlowState;
  saving: boolean;
  onInput: (input: PickInput) => void;
}

/** What the picker can do at this step, besides scanning: keypads, "label won't scan", "short". */
export function LineActions({ line, flow, saving, onInput }: LineActionsProps) {
  const t = useMessages();
  const [shortOpen, setShortOpen] = useState(false);
  // The reasons take the keypad's place, right under the line card (below it they were off-screen).
  if (shortOpen && flow.step !== 'scan-bin' && !saving)
    return <ShortPanel onInput={onInput} onClose={() => setShortOpen(false)} />;
  return (
    <>
      {flow.lot && (
        <p className="hint" data-testid="pick-lot">
          {t.pick.lot(flow.lot.lot, flow.lot.expiry)}
        </p>
      )}
      {flow.step === 'confirm-qty' && flow.unitsScanned > 1 && (
        <p className="ok" data-testid="unit-countdown">
          {t.pick.unitsScanned(flow.unitsScanned, remainingQty(line))}
        </p>
      )}
      {flow.step === 'confirm-qty' && (
        <QtyPanel qtyText={flow.qtyText} saving={saving} onInput={onInput} />
      )}
      {flow.step === 'scan-bin' && flow.binDigits !== null && (
        <CheckDigitsPanel binCode={line.binCode} digits={flow.binDigits} onInput={onInput} />
      )}
      <div className="line-actions">
        {flow.step === 'scan-bin' && flow.binDigits === null && (
          <button
            type="button"
            className="button-secondary"
            data-testid="label-unreadable"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onInput({ kind: 'label-unreadable' })}
          >
            {t.pick.labelWontScan}
          </button>
        )}
        {flow.step !== 'scan-bin' && !saving && <ShortButton onOpen={() => setShortOpen(true)} />}
        <CameraButton />
      </div>
    </>
  );
}
