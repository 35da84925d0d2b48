import type { Language, ReturnGrade } from '@wms/protocol';
import type { RenderedPrompt } from '../voice/prompts';
import { spellCode } from '../voice/spell-code';

/** Everything the handheld says on inbound work (issue 23); shown on screen too. */
export type InboundPrompt =
  | { kind: 'receive-start'; noticeCode: string }
  | {
      kind: 'received-units';
      qty: number;
      name: string;
      nameZh: string;
      received: number;
      expected: number;
    }
  | { kind: 'over-receipt'; received: number; expected: number }
  | { kind: 'qc-task'; name: string; nameZh: string; qty: number }
  | { kind: 'qc-recorded'; passed: number; failed: number }
  | { kind: 'put-away-task'; binCode: string; qty: number }
  | { kind: 'put-away-done'; binCode: string; qty: number }
  | { kind: 'return-start'; noticeCode: string }
  | {
      kind: 'return-graded';
      grade: ReturnGrade;
      qty: number;
      name: string;
      nameZh: string;
      graded: number;
      expected: number;
    }
  | { kind: 'blind-start' }
  | { kind: 'blind-received'; qty: number; name: string; nameZh: string; received: number };

type Templates = {
  [K in InboundPrompt['kind']]: (p: Extract<InboundPrompt, { kind: K }>) => {
    text: string;
    speech: string;
  };
};

const same = (text: string) => ({ text, speech: text });

const EN_GRADES: Record<ReturnGrade, string> = {
  resellable: 'Resellable, to put away',
  damaged: 'Damaged, to quarantine',
  'wrong-item': 'Wrong item, supervisor told',
};
const ZH_GRADES: Record<ReturnGrade, string> = {
  resellable: '可再售，待上架',
  damaged: '破损，隔离',
  'wrong-item': '错货，已通知主管',
};

const en: Templates = {
  'receive-start': (p) => ({
    text: `Receiving ${p.noticeCode}. Scan the carton label or an item.`,
    speech: 'Scan the carton label or an item.',
  }),
  'received-units': (p) => same(`${p.qty} received. ${p.name}: ${p.received} of ${p.expected}.`),
  'over-receipt': (p) =>
    same(`More than expected: ${p.received} of ${p.expected}. Choose the reason.`),
  'qc-task': (p) =>
    same(`Current task: red gear. Check the appearance of ${p.name}, ${p.qty} units.`),
  'qc-recorded': (p) => same(`QC recorded: ${p.passed} passed, ${p.failed} to quarantine.`),
  'put-away-task': (p) => ({
    text: `Current task: blue shelf. Bin ${p.binCode}, quantity ${p.qty}.`,
    speech: `Current task: blue shelf. Bin ${spellCode(p.binCode)}, quantity ${p.qty}.`,
  }),
  'put-away-done': (p) => ({
    text: `${p.qty} put away in ${p.binCode}.`,
    speech: `${p.qty} put away in ${spellCode(p.binCode)}.`,
  }),
  'return-start': (p) => ({
    text: `Return ${p.noticeCode}. Scan each item, then grade it.`,
    speech: 'Return. Scan each item, then grade it.',
  }),
  'return-graded': (p) =>
    same(`${EN_GRADES[p.grade]}: ${p.qty}. ${p.name}: ${p.graded} of ${p.expected} graded.`),
  'blind-start': () => same('Delivery without notice. Scan each item.'),
  'blind-received': (p) => same(`${p.qty} received. ${p.name}: ${p.received} in all.`),
};

const zhCN: Templates = {
  'receive-start': (p) => ({
    text: `收货单${p.noticeCode}，请扫箱标或商品`,
    speech: '请扫箱标或商品',
  }),
  'received-units': (p) => same(`已收${p.qty}件，${p.nameZh}共${p.received}/${p.expected}件`),
  'over-receipt': (p) => same(`超收：已收${p.received}件，应收${p.expected}件，请选择原因`),
  'qc-task': (p) => same(`当前任务：红色齿轮，请检查配件外观，${p.nameZh}，${p.qty}件`),
  'qc-recorded': (p) => same(`质检已记录：合格${p.passed}件，隔离${p.failed}件`),
  'put-away-task': (p) => ({
    text: `当前任务：蓝色货架，库位${p.binCode}，数量${p.qty}件`,
    speech: `当前任务：蓝色货架，库位 ${spellCode(p.binCode)}，数量${p.qty}件`,
  }),
  'put-away-done': (p) => ({
    text: `已上架${p.qty}件到库位${p.binCode}`,
    speech: `已上架${p.qty}件到库位 ${spellCode(p.binCode)}`,
  }),
  'return-start': (p) => ({
    text: `退货单${p.noticeCode}，请逐件扫描并评级`,
    speech: '退货，请逐件扫描并评级',
  }),
  'return-graded': (p) =>
    same(`${ZH_GRADES[p.grade]}${p.qty}件，${p.nameZh}已评级${p.graded}/${p.expected}件`),
  'blind-start': () => same('无预报到货，请逐件扫描商品'),
  'blind-received': (p) => same(`已收${p.qty}件，${p.nameZh}共${p.received}件`),
};

const TEMPLATES: Record<Language, Templates> = { en, 'zh-CN': zhCN };

/**
 * An inbound prompt in the worker's language (codes spelled out in `speech`).
 *
 * @example
 * renderInboundPrompt({ kind: 'qc-task', name: 'Headlamp', nameZh: '大灯总成', qty: 5 }, 'zh-CN').text
 * // → '当前任务：红色齿轮，请检查配件外观，大灯总成，5件'
 */
export function renderInboundPrompt(prompt: InboundPrompt, language: Language): RenderedPrompt {
  const template = TEMPLATES[language][prompt.kind] as (p: InboundPrompt) => {
    text: string;
    speech: string;
  };
  return { language, ...template(prompt) };
}

/** The inbound states, each with one colour and one icon (M1.4: not words alone). */
export type InboundState =
  | 'receiving'
  | 'returning'
  | 'blind'
  | 'awaiting-qc'
  | 'awaiting-put-away'
  | 'quarantined'
  | 'done';

/** Red gear = awaiting QC, blue shelf = awaiting put-away (the seeds' example), and the rest. */
export const INBOUND_SIGNALS: Record<InboundState, { colour: string; icon: string }> = {
  receiving: { colour: 'green', icon: '🚚' },
  returning: { colour: 'purple', icon: '↩' },
  blind: { colour: 'grey', icon: '📦' },
  'awaiting-qc': { colour: 'red', icon: '⚙' },
  'awaiting-put-away': { colour: 'blue', icon: '🗄' },
  quarantined: { colour: 'orange', icon: '⛔' },
  done: { colour: 'green', icon: '✔' },
};
