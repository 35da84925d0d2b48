import type { Language } from '@wms/protocol';
import type { RenderedPrompt } from '../voice/prompts';
import { spellCode } from '../voice/spell-code';

interface Named {
  name: string;
  nameZh: string;
}

/** Everything the handheld says while moving stock (issue 16); shown on screen too. */
export type MovePrompt =
  | { kind: 'move-start' }
  | { kind: 'move-scan-item'; binCode: string }
  | ({ kind: 'move-key-qty'; free: number } & Named)
  | { kind: 'move-scan-to-bin'; qty: number }
  | { kind: 'move-scan-new-lot' }
  | { kind: 'moved'; qty: number; fromBinCode: string; toBinCode: string }
  | { kind: 'move-not-a-bin' }
  | { kind: 'move-unknown-bin'; binCode: string }
  | { kind: 'move-bin-empty'; binCode: string }
  | { kind: 'move-item-not-in-bin'; binCode: string }
  | { kind: 'move-lot-not-in-bin'; binCode: string; lot: string }
  | { kind: 'move-lot-label-needed' }
  | { kind: 'move-too-many'; free: number }
  | { kind: 'move-same-bin' }
  | { kind: 'move-wrong-check-digits'; binCode: string }
  | ({ kind: 'move-refused'; qty: number; fromBinCode: string } & Named);

type Templates = {
  [K in MovePrompt['kind']]: (p: Extract<MovePrompt, { kind: K }>) => {
    text: string;
    speech: string;
  };
};

const same = (text: string) => ({ text, speech: text });
/** A sentence with a bin code in it: shown as printed, spoken one character at a time. */
const withBin = (binCode: string, words: (bin: string) => string) => ({
  text: words(binCode),
  speech: words(spellCode(binCode)),
});

const en: Templates = {
  'move-start': () => same('Move stock. Scan the bin to take from.'),
  'move-scan-item': (p) => withBin(p.binCode, (bin) => `Bin ${bin}. Scan the item to move.`),
  'move-key-qty': (p) => same(`${p.name}: up to ${p.free} can move. Key the quantity.`),
  'move-scan-to-bin': (p) => same(`Scan the bin to put ${p.qty} in.`),
  'move-scan-new-lot': () => same('Scan the label with the right lot and expiry.'),
  moved: (p) => ({
    text: `${p.qty} moved from ${p.fromBinCode} to ${p.toBinCode}. Scan the next bin to take from.`,
    speech: `${p.qty} moved to ${spellCode(p.toBinCode)}.`,
  }),
  'move-not-a-bin': () => same('That is not a bin label. Scan the bin.'),
  'move-unknown-bin': (p) => withBin(p.binCode, (bin) => `Bin ${bin} is not in this warehouse.`),
  'move-bin-empty': (p) => withBin(p.binCode, (bin) => `Bin ${bin} has nothing free to move.`),
  'move-item-not-in-bin': (p) => withBin(p.binCode, (bin) => `This item is not in bin ${bin}.`),
  'move-lot-not-in-bin': (p) => withBin(p.binCode, (bin) => `Lot ${p.lot} is not in bin ${bin}.`),
  'move-lot-label-needed': () =>
    same('Several lots here: scan the label that shows the lot and expiry.'),
  'move-too-many': (p) => same(`Only ${p.free} can move from this bin.`),
  'move-same-bin': () => same('That is the bin you take from. Scan another bin.'),
  'move-wrong-check-digits': (p) =>
    withBin(p.binCode, (bin) => `Wrong check digits for bin ${bin}. Key them again.`),
  'move-refused': (p) =>
    withBin(
      p.fromBinCode,
      (bin) =>
        `Move refused: bin ${bin} did not have ${p.qty} of ${p.name} free. Nothing moved; ask a supervisor to count the bin.`,
    ),
};

const zhCN: Templates = {
  'move-start': () => same('移库：请扫描移出库位'),
  'move-scan-item': (p) => withBin(p.binCode, (bin) => `库位${bin}，请扫描要移的商品`),
  'move-key-qty': (p) => same(`${p.nameZh}，最多可移${p.free}件，请输入数量`),
  'move-scan-to-bin': (p) => same(`请扫描移入库位，数量${p.qty}件`),
  'move-scan-new-lot': () => same('请扫描正确批次和效期的标签'),
  moved: (p) => ({
    text: `已从${p.fromBinCode}移${p.qty}件到${p.toBinCode}，请扫描下一个移出库位`,
    speech: `已移${p.qty}件到库位 ${spellCode(p.toBinCode)}`,
  }),
  'move-not-a-bin': () => same('这不是库位标签，请扫描库位'),
  'move-unknown-bin': (p) => withBin(p.binCode, (bin) => `库位${bin}不在本仓`),
  'move-bin-empty': (p) => withBin(p.binCode, (bin) => `库位${bin}没有可移的库存`),
  'move-item-not-in-bin': (p) => withBin(p.binCode, (bin) => `库位${bin}没有这个商品`),
  'move-lot-not-in-bin': (p) => withBin(p.binCode, (bin) => `库位${bin}没有批次${p.lot}`),
  'move-lot-label-needed': () => same('这里有多个批次，请扫描带批次和效期的标签'),
  'move-too-many': (p) => same(`这个库位最多可移${p.free}件`),
  'move-same-bin': () => same('这是移出库位，请扫描另一个库位'),
  'move-wrong-check-digits': (p) => withBin(p.binCode, (bin) => `库位${bin}的校验码不对，请重输`),
  'move-refused': (p) =>
    withBin(
      p.fromBinCode,
      (bin) => `移库被拒：库位${bin}没有${p.qty}件${p.nameZh}可移，库存未动，请主管盘点该库位`,
    ),
};

const TEMPLATES: Record<Language, Templates> = { en, 'zh-CN': zhCN };

/**
 * A move prompt in the worker's language (bin codes spelled out in `speech`).
 *
 * @example
 * renderMovePrompt({ kind: 'move-scan-to-bin', qty: 3 }, 'zh-CN').text // → '请扫描移入库位，数量3件'
 */
export function renderMovePrompt(prompt: MovePrompt, language: Language): RenderedPrompt {
  const template = TEMPLATES[language][prompt.kind] as (p: MovePrompt) => {
    text: string;
    speech: string;
  };
  return { language, ...template(prompt) };
}
