import type { Language, QueueItem } from '@wms/protocol';

type Evidence = QueueItem['evidence'];
type Words = Record<string, string>;

/**
 * What the supervisor console words itself from the server's codes, in the user's language
 * (issue 24): exception, task, hold and alert kinds, evidence keys, wave statuses, the health
 * index's ratios, chart legends, and each queue item's sentence from its kind and evidence. The
 * server's `message` is English for logs; a Chinese console never shows it.
 */
export interface ConsoleWords {
  /** Between a label and what it labels: `: ` in English, `：` in Chinese. */
  colon: string;
  kind: Words;
  evidence: Words;
  waveStatus: Words;
  ratio: Words;
  detail: Words;
  /** Sales channels by their code (`taobao`), as the warehouse names them. */
  channel: Words;
  /** A task's detail: `3 attempts` (a label), a short reason, or the kind that opened it. */
  detailText: (detail: string) => string;
  alert: Words;
  series: { lines: string; units: string; time: string };
  actions: Words;
  countLabel: string;
  countSave: string;
  counted: (before: number, counted: number) => string;
  tooEarly: string;
  tooEarlyHint: (minutes: number) => string;
  closeDialog: string;
  labels: {
    title: string;
    selected: (n: number) => string;
    zone: string;
    aisle: string;
    pdf: string;
    zpl: string;
  };
  map: { title: string; orders: (n: number) => string; none: string; legend: string };
  item: (item: QueueItem) => string;
}

const str = (v: Evidence[string] | undefined) => (v === null || v === undefined ? '' : String(v));
/** `3 attempts` → `3`. */
const attempts = (detail: string) => /^(\d+)/.exec(detail)?.[1] ?? detail;

function detailIn(words: ConsoleWords, detail: string, times: (n: string) => string): string {
  if (/^\d+( attempts)?$/.test(detail)) return times(attempts(detail));
  return words.detail[detail] ?? words.kind[detail] ?? detail;
}

const en: ConsoleWords = {
  colon: ': ',
  kind: {
    'over-pick': 'Over-pick',
    'bin-negative': 'Bin below zero',
    'unknown-line': 'Unknown line',
    'short-unfilled': 'Short, not filled',
    'put-back': 'Put back',
    'address-change': 'Address change after dispatch',
    'reprint-label': 'Reprint label',
    'cycle-count': 'Cycle count',
    'webhook-dead': 'Webhook not delivered',
    'held-order': 'Held order',
    'events-lost': 'Scans lost on a handheld',
    'weight-mismatch': 'Parcel weight off',
    'platform-change': 'Platform changed the order',
    'return-wrong-item': 'Returned wrong item',
    'bin-over-capacity': 'Bin over capacity',
  },
  evidence: {
    wave: 'Wave',
    bin: 'Bin',
    sku: 'SKU',
    qty: 'Qty',
    line: 'Line',
    pickedBy: 'Picked by',
    device: 'Device',
    deviceTime: 'Device time',
    detail: 'Detail',
    order: 'Order',
    channel: 'Channel',
    paid: 'Paid',
    type: 'Type',
    attempts: 'Attempts',
    lastError: 'Last error',
  },
  waveStatus: { open: 'open', picking: 'picking', done: 'done', cancelled: 'cancelled' },
  ratio: {
    'on-time shipped / should ship': 'on-time shipped / should ship',
    'signed within 48 h / shipped': 'signed within 48 h / shipped',
    'exceptions answered within 15 min / exceptions':
      'exceptions answered within 15 min / exceptions',
    'mandatory fields filled / required': 'mandatory fields filled / required',
    'status syncs under 30 s / status syncs': 'status syncs under 30 s / status syncs',
    'customer status queries / orders': 'customer status queries / orders',
  },
  detail: { empty: 'bin empty', damaged: 'damaged', 'not-found': 'not found' },
  channel: {
    taobao: 'Taobao',
    tmall: 'Tmall',
    douyin: 'Douyin',
    pinduoduo: 'Pinduoduo',
    jd: 'JD',
    meituan: 'Meituan',
    'mini-program': 'Mini program',
    'wechat-shop': 'WeChat shop',
    'b2b-portal': 'B2B portal',
  },
  detailText: (detail) => detailIn(en, detail, (n) => `${n} attempts`),
  alert: {
    transfer: 'Transfer needed',
    replenish: 'Replenish',
    peak: 'Peak protection on',
    'orders-waiting': 'Too many orders waiting',
    'return-rate': 'Return rate rising',
    'sync-lag': 'Handhelds sync slowly',
  },
  series: { lines: 'lines', units: 'units', time: 'Time' },
  actions: {
    count: 'Record count',
    reprint: 'Reprint label',
    refund: 'Refund anyway',
    'no-refund': 'No refund',
  },
  countLabel: 'Counted',
  countSave: 'Save count',
  counted: (before, counted) => `Counted ${counted} (stock said ${before}).`,
  tooEarly: 'too early',
  tooEarlyHint: (minutes) => `Rates per hour after ${minutes} min of activity.`,
  closeDialog: 'Close',
  labels: {
    title: 'Print labels',
    selected: (n) => `Selected bins (${n})`,
    zone: 'Zone',
    aisle: 'Aisle',
    pdf: 'PDF',
    zpl: 'ZPL',
  },
  map: {
    title: 'Order destinations',
    orders: (n) => `${n} orders`,
    none: 'no orders',
    legend: 'Darker: more orders',
  },
  item: (item) => {
    const e = item.evidence;
    switch (item.kind) {
      case 'cycle-count':
        return `Count bin ${str(e.bin)}${e.sku ? ` (${str(e.sku)})` : ''}`;
      case 'reprint-label':
        return `Reprint the label of bin ${str(e.bin)}`;
      default:
        return item.message;
    }
  },
};

const zhCN: ConsoleWords = {
  colon: '：',
  kind: {
    'over-pick': '多拣',
    'bin-negative': '库位库存为负',
    'unknown-line': '未知拣货行',
    'short-unfilled': '缺货未补',
    'put-back': '放回',
    'address-change': '发货后改地址',
    'reprint-label': '重打标签',
    'cycle-count': '盘点',
    'webhook-dead': '回调未送达',
    'held-order': '暂停的订单',
    'events-lost': '手持终端扫描记录丢失',
    'weight-mismatch': '包裹重量不符',
    'platform-change': '平台变更订单',
    'return-wrong-item': '退货错货',
    'bin-over-capacity': '库位超容',
    manual: '人工暂停',
    'address-review': '地址待核',
    'channel-sku-unmapped': '渠道商品未对应',
    'closed-list': '取值不在列表中',
    'id-daily-orders': '同一身份证当日订单过多',
    'pickup-station-amount': '自提点金额异常',
    'signature-unit-price': '签收单价异常',
    'promo-cost-deviation': '促销成本偏差',
    'repeat-same-address': '同一地址重复下单',
    'address-keywords': '地址含关键词',
    'peak-protection': '高峰保护',
  },
  evidence: {
    wave: '波次',
    bin: '库位',
    sku: '商品',
    qty: '数量',
    line: '拣货行',
    pickedBy: '拣货人',
    device: '设备',
    deviceTime: '设备时间',
    detail: '详情',
    order: '订单',
    channel: '渠道',
    paid: '实付',
    type: '类型',
    attempts: '尝试次数',
    lastError: '最后错误',
  },
  waveStatus: { open: '待拣', picking: '拣货中', done: '已完成', cancelled: '已取消' },
  ratio: {
    'on-time shipped / should ship': '按时发货 / 应发货',
    'signed within 48 h / shipped': '48 小时内签收 / 已发货',
    'exceptions answered within 15 min / exceptions': '15 分钟内响应的异常 / 异常',
    'mandatory fields filled / required': '已填必填字段 / 必填字段',
    'status syncs under 30 s / status syncs': '30 秒内状态同步 / 状态同步',
    'customer status queries / orders': '客户查询状态次数 / 订单',
  },
  detail: { empty: '库位空', damaged: '破损', 'not-found': '找不到' },
  channel: {
    taobao: '淘宝',
    tmall: '天猫',
    douyin: '抖音',
    pinduoduo: '拼多多',
    jd: '京东',
    meituan: '美团',
    'mini-program': '小程序',
    'wechat-shop': '微信小店',
    'b2b-portal': '企业采购门户',
  },
  detailText: (detail) => detailIn(zhCN, detail, (n) => `${n} 次`),
  alert: {
    transfer: '需要调拨',
    replenish: '需要补货',
    peak: '高峰保护已开启',
    'orders-waiting': '待处理订单过多',
    'return-rate': '退货率上升',
    'sync-lag': '手持终端同步慢',
  },
  series: { lines: '行数', units: '件数', time: '时间' },
  actions: {
    resolve: '处理完成',
    assign: '指派',
    'count-task': '建盘点任务',
    release: '放行',
    cancel: '取消订单',
    replay: '重发',
    count: '录入盘点数',
    reprint: '重打标签',
    refund: '照常退款',
    'no-refund': '不予退款',
  },
  countLabel: '盘点数量',
  countSave: '保存盘点',
  counted: (before, counted) => `已盘点 ${counted}（系统库存 ${before}）。`,
  tooEarly: '数据不足',
  tooEarlyHint: (minutes) => `活动满 ${minutes} 分钟后才计算每小时效率。`,
  closeDialog: '关闭',
  labels: {
    title: '批量打印标签',
    selected: (n) => `所选库位（${n}）`,
    zone: '库区',
    aisle: '巷道',
    pdf: '打印文件',
    zpl: '斑马打印机文件',
  },
  map: {
    title: '订单去向',
    orders: (n) => `${n} 单`,
    none: '无订单',
    legend: '颜色越深，订单越多',
  },
  item: (item) => {
    const e = item.evidence;
    const bin = str(e.bin);
    const sku = str(e.sku);
    switch (item.kind) {
      case 'over-pick':
        return `请将 ${str(e.qty)} 件 ${sku} 放回库位 ${bin}：该拣货行已拣完`;
      case 'bin-negative':
        return `库位 ${bin} 的 ${sku} 库存为负：请盘点该库位`;
      case 'unknown-line':
        return `扫描的拣货行不存在:请核对 ${sku} ${bin}`;
      case 'short-unfilled':
        return `缺货未补${sku ? `：${sku}` : ''}，其他库位无货。请补货或通知客户`;
      case 'put-back':
        return `请将 ${str(e.qty)} 件 ${sku} 放回库位 ${bin}`;
      case 'address-change':
        return '订单发货后客户要求改地址：请联系承运商';
      case 'cycle-count':
        return `盘点库位 ${bin}${sku ? `(${sku})` : ''}`;
      case 'reprint-label':
        return `重打库位 ${bin} 的标签：连续 ${attempts(str(e.detail))} 次扫描失败`;
      case 'webhook-dead':
        return `回调 ${str(e.type)} 多次发送失败（${str(e.attempts)} 次）`;
      case 'bin-over-capacity':
        return `库位 ${bin} 的 ${sku} 超出容量 ${str(e.qty)} 件：请移到其他库位`;
      case 'return-wrong-item':
        return `退货收到的不是 ${sku}（${str(e.qty)} 件）：请决定是否退款`;
      default:
        return item.kind.startsWith('held:')
          ? `订单 ${str(e.order)} 已暂停，待审核`
          : (zhCN.kind[item.kind] ?? '异常');
    }
  },
};

export const consoleWordsByLanguage: Record<Language, ConsoleWords> = { en, 'zh-CN': zhCN };

/** A kind in words: held orders are `held:<rule>`, worded by their rule. */
export function kindText(words: ConsoleWords, kind: string): string {
  if (kind.startsWith('held:')) {
    const rule = kind.slice('held:'.length);
    return `${words.kind['held-order'] ?? 'Held'}${words.colon}${words.kind[rule] ?? rule}`;
  }
  return words.kind[kind] ?? kind;
}
