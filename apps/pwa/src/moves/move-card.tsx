import { useLanguage, useMessages } from '../i18n/language';
import type { MoveState } from './move-flow';

/**
 * The move so far, in as little height as a 360×640 screen leaves under the keypad: the bin taken
 * from (compact, it is scanned), the item (two lines at most; the prompt says it in full), what
 * may move, how many, and the lot. While counting, the keypad's entry is the quantity.
 */
export function MoveCard({ state }: { state: MoveState }) {
  const t = useMessages();
  const language = useLanguage();
  const { sku, slot, step } = state;
  const counting = step === 'key-qty';
  return (
    <div className="pick-line move-card" data-testid="move-card">
      <div className="pick-bin pick-bin-checked">
        <span className="label">{t.moves.from}</span>
        <span className="bin-code" data-testid="move-from" translate="no">
          {state.fromBinCode}
        </span>
      </div>
      {sku && slot && (
        <div className={counting ? 'pick-item move-item-counting' : 'pick-item'}>
          {!counting && (
            <div className="pick-qty">
              <span className="label">{t.moves.qty}</span>
              <span className="qty" data-testid="move-qty">
                {state.qtyText || '—'}
              </span>
            </div>
          )}
          <div className="pick-product">
            <span className="product-name" data-testid="move-item">
              {language === 'zh-CN' ? sku.nameZh : sku.name}
            </span>
            <span className="product-name-other" data-testid="move-free">
              {t.moves.free(slot.free)}
            </span>
          </div>
        </div>
      )}
      {slot?.lot && (
        <p className="pick-lot" data-testid="move-lot">
          {t.moves.lot(slot.lot, slot.expiry)}
        </p>
      )}
      {state.toLot && (
        <p className="pick-lot" data-testid="move-new-lot">
          {t.moves.newLot(state.toLot.lot, state.toLot.expiry)}
        </p>
      )}
    </div>
  );
}
