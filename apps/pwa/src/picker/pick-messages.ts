import type { Language, PickLine } from '@wms/protocol';
import type { Messages } from '../i18n/messages-en';
import type { PickError } from './pick-flow';
import type { SaveFailure } from './use-pick-flow';

/** The product name in the given language. */
export function skuName(line: Pick<PickLine, 'skuName' | 'skuNameZh'>, language: Language): string {
  return language === 'zh-CN' ? line.skuNameZh : line.skuName;
}

/** What went wrong, and what to do, in the picker's language. */
export function pickErrorText(
  error: PickError,
  line: PickLine,
  language: Language,
  t: Messages,
): string {
  switch (error.kind) {
    case 'wrong-bin':
      return t.pickError.wrongBin(error.expected, error.scanned);
    case 'item-before-bin':
      return t.pickError.itemBeforeBin(error.bin);
    case 'wrong-item':
      return error.scannedSku
        ? t.pickError.wrongKnownItem(
            language === 'zh-CN' ? error.scannedSku.nameZh : error.scannedSku.name,
            skuName(line, language),
            line.binCode,
          )
        : t.pickError.wrongItem(error.scanned, skuName(line, language), line.binCode);
    case 'qty-out-of-range':
      return t.pickError.qtyOutOfRange(error.max);
    case 'confirm-qty-first':
      return t.pickError.confirmQtyFirst;
    case 'ime':
      return t.pickError.ime;
    case 'label-unreadable':
      return error.failures >= 3
        ? t.pickError.labelReported(line.binCode)
        : t.pickError.labelUnreadable(error.failures, line.binCode);
    case 'wrong-check-digits':
      return error.failures >= 3
        ? t.pickError.labelReported(line.binCode)
        : t.pickError.wrongCheckDigits(error.failures);
    case 'lot-expired':
      return t.pickError.lotExpired(error.lot, error.expiry);
    case 'lot-label-needed':
      return t.pickError.lotLabelNeeded;
    case 'bad-gs1':
      return t.pickError.badGs1(error.detail);
    case 'not-read':
      return t.pickError.notRead;
  }
}

export function saveFailureText(failure: SaveFailure, t: Messages): string {
  return failure.kind === 'storage-full'
    ? t.pickError.storageFull
    : t.pickError.notSaved(failure.detail);
}
