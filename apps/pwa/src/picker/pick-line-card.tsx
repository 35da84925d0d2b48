import { remainingQty } from '@wms/domain';
import type { PickLine } from '@wms/protocol';
import { otherLanguage, useLanguage, useMessages } from '../i18n/language';
import type { PickStep } from './pick-flow';
import { skuName } from './pick-messages';
import { ProductPicture } from './product-picture';

export interface PickLineCardProps {
  line: PickLine;
  step: PickStep;
  /** Keying the bin's check digits: the item waits, the keypad needs the room. */
  keyingCheckDigits?: boolean;
}

/**
 * The current line: the bin to walk to (large), how many to take, and what the item is (names,
 * codes and its picture).
 */
export function PickLineCard({ line, step, keyingCheckDigits = false }: PickLineCardProps) {
  const t = useMessages();
  const language = useLanguage();
  return (
    <div className="pick-line">
      <div className={`pick-bin ${step === 'scan-bin' ? 'pick-target' : 'pick-bin-checked'}`}>
        <span className="label">{t.pick.bin}</span>
        <span className="bin-code" data-testid="pick-bin">
          {line.binCode}
        </span>
      </div>
      <div
        className={step === 'scan-item' ? 'pick-item pick-target' : 'pick-item'}
        hidden={keyingCheckDigits}
      >
        <div className="pick-qty">
          <span className="label">{t.pick.qty}</span>
          <span className="qty" data-testid="pick-qty">
            {remainingQty(line)}
          </span>
        </div>
        <div className="pick-product">
          <span className="product-name" data-testid="pick-product">
            {skuName(line, language)}
          </span>
          <span className="product-name-other">{skuName(line, otherLanguage(language))}</span>
          <span className="product-codes">
            {line.skuId} · {t.pick.barcode}{' '}
            <span data-testid="pick-barcode">{line.barcodes[0] ?? '—'}</span>
          </span>
        </div>
        <ProductPicture url={line.imageUrl} />
      </div>
      {line.lot && (
        <p className="pick-lot" data-testid="pick-lot">
          {t.pick.lot(line.lot, line.expiry ?? '—')}
        </p>
      )}
      {line.note && (
        <p className="pick-note" data-testid="pick-note">
          {t.pick.note}: {line.note}
        </p>
      )}
    </div>
  );
}
