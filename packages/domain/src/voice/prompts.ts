import type { Language } from '@wms/protocol';
import { spellCode } from './spell-code';

/** Everything the handheld says aloud. Each prompt is also shown on screen (`text`). */
export type Prompt =
  /** `afterLineDone`: the line before was just finished ("Line done" leads this prompt). */
  | { kind: 'go-to-bin'; waveCode: string; binCode: string; qty: number; afterLineDone?: boolean }
  | { kind: 'scan-item'; binCode: string }
  | { kind: 'units-left'; left: number }
  /** The first scan of an item opened the quantity, prefilled with all that is left. */
  | { kind: 'qty-prefilled'; qty: number }
  | { kind: 'qty-too-many'; max: number }
  | { kind: 'line-done' }
  | { kind: 'wave-done'; waveCode: string; afterLineDone?: boolean }
  /** This picker's lines are done, and `movedLines` of the wave went to another picker. */
  | { kind: 'wave-part-done'; waveCode: string; movedLines: number; afterLineDone?: boolean }
  | { kind: 'wrong-bin'; expectedBin: string }
  /** `scanned`: what the scanned code is, when the device knows the SKU. */
  | { kind: 'wrong-item'; scanned?: { name: string; nameZh: string } }
  | { kind: 'lot-expired'; lot: string; expiry: string }
  | { kind: 'lot-label-needed' }
  | { kind: 'label-reprint-requested'; binCode: string }
  | { kind: 'short-recorded'; qty: number }
  | { kind: 'put-back'; binCode: string; qty: number }
  | { kind: 'switch-keyboard' }
  | { kind: 'shift-started' }
  | { kind: 'not-read' }
  | { kind: 'already-counted' }
  // Pack station (issue 22).
  /** The scanned item is not on the order being packed. */
  | { kind: 'pack-not-in-order'; scanned?: { name: string; nameZh: string } }
  /** Every unit of this SKU on the order is already packed. */
  | { kind: 'pack-extra-item'; name: string; nameZh: string }
  | { kind: 'pack-weight-mismatch'; expectedGrams: number; measuredGrams: number }
  | { kind: 'pack-parcel-done'; parcelNo: number; unitsLeft: number }
  | { kind: 'pack-signature-required' };

/** A prompt in one language: what the screen shows and what the speech engine gets. */
export interface RenderedPrompt {
  language: Language;
  text: string;
  speech: string;
}

type Template = (p: never) => { text: string; speech: string };
type Templates = {
  [K in Prompt['kind']]: (p: Extract<Prompt, { kind: K }>) => { text: string; speech: string };
};

const same = (text: string) => ({ text, speech: text });

/**
 * "Line done" said as the start of the next instruction, never alone: alone it was always cut
 * off a few milliseconds later by the next line's prompt, and never heard.
 */
function lineDone(
  p: { afterLineDone?: boolean },
  lead: string,
  rendered: { text: string; speech: string },
): { text: string; speech: string } {
  if (!p.afterLineDone) return rendered;
  return { text: lead + rendered.text, speech: lead + rendered.speech };
}

const en: Templates = {
  'go-to-bin': (p) =>
    lineDone(p, 'Line done. ', {
      text: `Wave ${p.waveCode}. Bin ${p.binCode}. Pick ${p.qty}.`,
      speech: `Wave ${spellCode(p.waveCode)}. Bin ${spellCode(p.binCode)}. Pick ${p.qty}.`,
    }),
  'scan-item': (p) => ({ text: `Bin ${p.binCode} OK. Scan the item.`, speech: 'Scan the item.' }),
  'units-left': (p) => same(`${p.left} more.`),
  'qty-prefilled': (p) => same(`Quantity ${p.qty}. Confirm, or scan each unit.`),
  'qty-too-many': (p) => same(`Too many. At most ${p.max}.`),
  'line-done': () => same('Line done.'),
  'wave-done': (p) =>
    lineDone(p, 'Line done. ', {
      text: `Wave ${p.waveCode} done.`,
      speech: `Wave ${spellCode(p.waveCode)} done.`,
    }),
  'wave-part-done': (p) => {
    const went = `${p.movedLines} ${p.movedLines === 1 ? 'line' : 'lines'} went to another picker.`;
    return lineDone(p, 'Line done. ', {
      text: `Your lines of wave ${p.waveCode} are done. ${went}`,
      speech: `Your lines of wave ${spellCode(p.waveCode)} are done. ${went}`,
    });
  },
  'wrong-bin': (p) => ({
    text: `Wrong bin. Go to ${p.expectedBin}.`,
    speech: `Wrong bin. Go to ${spellCode(p.expectedBin)}.`,
  }),
  'wrong-item': (p) =>
    same(
      p.scanned
        ? `Wrong item: that is ${p.scanned.name}. Put it back and scan the item shown.`
        : 'Wrong item. Put it back and scan the item shown.',
    ),
  'lot-expired': (p) => ({
    text: `Expired lot ${p.lot} (${p.expiry}). Do not pick it; take another lot.`,
    speech: 'Expired lot. Do not pick it. Take another lot.',
  }),
  'lot-label-needed': () => same('Scan the label with lot and expiry date.'),
  'label-reprint-requested': (p) => ({
    text: `Label of bin ${p.binCode} reported for reprint. Key in the check digits.`,
    speech: 'Label reported for reprint. Key in the check digits.',
  }),
  'short-recorded': (p) => same(`Short pick recorded. ${p.qty} missing.`),
  'put-back': (p) => ({
    text: `Stop. Put ${p.qty} back in bin ${p.binCode}.`,
    speech: `Stop. Put ${p.qty} back in bin ${spellCode(p.binCode)}.`,
  }),
  'switch-keyboard': () => same('Scan not read: switch to the scanner keyboard and scan again.'),
  'shift-started': () => same('Shift started. Voice prompts are on.'),
  'not-read': () => same('Not read. Scan again.'),
  'already-counted': () => same('Already counted.'),
  'pack-not-in-order': (p) =>
    same(
      p.scanned
        ? `Not on this order: ${p.scanned.name}. Put it aside.`
        : 'Not on this order. Put it aside.',
    ),
  'pack-extra-item': (p) => same(`Extra ${p.name}: all packed already. Put it aside.`),
  'pack-weight-mismatch': (p) =>
    same(
      `Weight wrong: ${p.measuredGrams} grams, expected ${p.expectedGrams}. Parcel stopped, check the items.`,
    ),
  'pack-parcel-done': (p) =>
    same(
      p.unitsLeft === 0
        ? `Parcel ${p.parcelNo} done. Order complete.`
        : `Parcel ${p.parcelNo} done. ${p.unitsLeft} left for the next parcel.`,
    ),
  'pack-signature-required': () => same('Signature required on delivery.'),
};

const zhCN: Templates = {
  'go-to-bin': (p) =>
    lineDone(p, '本行完成，', {
      text: `波次${p.waveCode}，库位${p.binCode}，数量${p.qty}件`,
      speech: `波次 ${spellCode(p.waveCode)}，库位 ${spellCode(p.binCode)}，数量${p.qty}件`,
    }),
  'scan-item': (p) => ({ text: `库位${p.binCode}正确，请扫商品`, speech: '库位正确，请扫商品' }),
  'units-left': (p) => same(`还差${p.left}件`),
  'qty-prefilled': (p) => same(`数量${p.qty}件，请确认或逐件扫描`),
  'qty-too-many': (p) => same(`数量太多，最多${p.max}件`),
  'line-done': () => same('本行完成'),
  'wave-done': (p) =>
    lineDone(p, '本行完成，', {
      text: `波次${p.waveCode}完成`,
      speech: `波次 ${spellCode(p.waveCode)} 完成`,
    }),
  'wave-part-done': (p) =>
    lineDone(p, '本行完成，', {
      text: `波次${p.waveCode}您的部分已完成，另有${p.movedLines}行已转给其他拣货员`,
      speech: `波次 ${spellCode(p.waveCode)} 您的部分已完成，另有${p.movedLines}行已转给其他拣货员`,
    }),
  'wrong-bin': (p) => ({
    text: `库位错误，请到${p.expectedBin}`,
    speech: `库位错误，请到 ${spellCode(p.expectedBin)}`,
  }),
  'wrong-item': (p) =>
    same(
      p.scanned
        ? `商品错误：这是${p.scanned.nameZh}，请放回，扫描屏幕上的商品`
        : '商品错误，请放回，扫描屏幕上的商品',
    ),
  'lot-expired': (p) => ({
    text: `批次${p.lot}已过期（${p.expiry}），不要拣，请换一个批次`,
    speech: '批次已过期，不要拣，请换一个批次',
  }),
  'lot-label-needed': () => same('请扫描带批号和有效期的标签'),
  'label-reprint-requested': (p) => ({
    text: `库位${p.binCode}标签已报重打，请输入校验码`,
    speech: '标签已报重打，请输入校验码',
  }),
  'short-recorded': (p) => same(`已记录缺货，少${p.qty}件`),
  'put-back': (p) => ({
    text: `停止，请把${p.qty}件放回库位${p.binCode}`,
    speech: `停止，请把${p.qty}件放回库位 ${spellCode(p.binCode)}`,
  }),
  'switch-keyboard': () => same('扫码未读取：请切换到扫描键盘后重扫'),
  'shift-started': () => same('开始上班，语音提示已打开'),
  'not-read': () => same('没有读到，请重扫'),
  'already-counted': () => same('已经计过了'),
  'pack-not-in-order': (p) =>
    same(
      p.scanned
        ? `不是本订单的商品：${p.scanned.nameZh}，请放到一边`
        : '不是本订单的商品，请放到一边',
    ),
  'pack-extra-item': (p) => same(`${p.nameZh}多了：已经全部装箱，请放到一边`),
  'pack-weight-mismatch': (p) =>
    same(`重量不符：称重${p.measuredGrams}克，应为${p.expectedGrams}克。包裹已停止，请复核商品`),
  'pack-parcel-done': (p) =>
    same(
      p.unitsLeft === 0
        ? `第${p.parcelNo}个包裹完成，订单已全部装箱`
        : `第${p.parcelNo}个包裹完成，还有${p.unitsLeft}件装下一个包裹`,
    ),
  'pack-signature-required': () => same('本订单需签收本人签字'),
};

const TEMPLATES: Record<Language, Templates> = { en, 'zh-CN': zhCN };

/**
 * A prompt in the picker's language. Codes are spelled character by character in `speech`
 * and shown as printed in `text`.
 *
 * @example
 * renderPrompt({ kind: 'go-to-bin', waveCode: 'B26-07', binCode: 'A-03-12', qty: 3 }, 'zh-CN').text
 * // → '波次B26-07，库位A-03-12，数量3件'
 */
export function renderPrompt(prompt: Prompt, language: Language): RenderedPrompt {
  const template = TEMPLATES[language][prompt.kind] as Template;
  return { language, ...template(prompt as never) };
}
