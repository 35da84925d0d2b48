import type { OrderInput } from '@wms/protocol';
import { html } from 'hono/html';

export type PageLang = 'zh-CN' | 'en';

const TEXT = {
  'zh-CN': {
    title: '确认新的收货地址',
    intro: (orderId: string) => `您的订单 ${orderId} 申请修改收货地址。确认后我们按新地址发货。`,
    old: '原地址',
    next: '新地址',
    confirm: '确认修改',
    reject: '不修改，保留原地址',
    confirmed: '地址已修改，我们会按新地址发货。',
    rejected: '已保留原地址，订单照常发货。',
    dispatched: '订单已发出，无法修改地址，客服会联系您。',
    gone: '此链接已失效（已过期、已被新的申请取代或已处理）。',
    other: 'English',
  },
  en: {
    title: 'Confirm your new delivery address',
    intro: (orderId: string) =>
      `An address change was requested for your order ${orderId}. Once you confirm, we ship to the new address.`,
    old: 'Current address',
    next: 'New address',
    confirm: 'Confirm the change',
    reject: 'Keep my current address',
    confirmed: 'Your address is changed: we ship to the new address.',
    rejected: 'We keep your current address; the order ships as planned.',
    dispatched:
      'Your order has left the warehouse, so the address cannot change: we will contact you.',
    gone: 'This link no longer works (expired, replaced by a newer request, or already answered).',
    other: '中文',
  },
} as const;

export type PageMessage = 'confirmed' | 'rejected' | 'dispatched' | 'gone';

/** zh-CN unless `?lang=en`, or the browser prefers English over Chinese. */
export function pageLang(query: string | undefined, acceptLanguage: string | undefined): PageLang {
  if (query === 'en' || query === 'zh-CN') return query;
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q = 'q=1'] = part.trim().split(';');
      return { tag: tag.toLowerCase(), q: Number(q.replace('q=', '')) || 0 };
    })
    .filter((t) => t.tag.startsWith('zh') || t.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q)[0];
  return preferred?.tag.startsWith('en') ? 'en' : 'zh-CN';
}

/** The order's current address with the street part masked: region, first two characters, ****. */
export function maskedAddress(a: {
  province: string;
  city: string;
  district: string | null;
  addressDetail: string | null;
}) {
  const detail = a.addressDetail ?? '';
  return `${a.province}${a.city}${a.district ?? ''}${detail.slice(0, 2)}****`;
}

export function newAddressLine(a: OrderInput['address']) {
  return a.text ?? `${a.province}${a.city}${a.district}${a.detail}`;
}

const STYLE = `
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#f4f5f7}
main{max-width:480px;margin:0 auto;padding:16px}
h1{font-size:20px;margin:0 0 12px}
dl{background:#fff;border-radius:8px;padding:12px;margin:12px 0}
dt{font-size:14px;color:#555}dd{margin:0 0 8px;font-size:17px;word-break:break-all}
button{display:block;width:100%;min-height:52px;margin:10px 0;font-size:18px;border-radius:8px;border:0}
.confirm{background:#0a7d32;color:#fff}.reject{background:#fff;color:#1a1a1a;border:1px solid #999}
.lang{display:block;text-align:right;font-size:14px}`;

function layout(lang: PageLang, body: unknown) {
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${TEXT[lang].title}</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <main>${body}</main>
      </body>
    </html>`;
}

/** The page the customer opens: their masked current address, the new one, two buttons. */
export function confirmationPage(
  lang: PageLang,
  view: { orderId: string; oldAddress: string; newAddress: string },
) {
  const t = TEXT[lang];
  const other = lang === 'en' ? 'zh-CN' : 'en';
  return layout(
    lang,
    html`<a class="lang" href="?lang=${other}">${t.other}</a>
      <h1>${t.title}</h1>
      <p>${t.intro(view.orderId)}</p>
      <dl>
        <dt>${t.old}</dt>
        <dd data-testid="old-address">${view.oldAddress}</dd>
        <dt>${t.next}</dt>
        <dd data-testid="new-address">${view.newAddress}</dd>
      </dl>
      <form method="post">
        <input type="hidden" name="lang" value="${lang}" />
        <button class="confirm" name="decision" value="confirm">${t.confirm}</button>
        <button class="reject" name="decision" value="reject">${t.reject}</button>
      </form>`,
  );
}

/** What the customer reads after answering, or for a link that opens nothing. */
export function messagePage(lang: PageLang, message: PageMessage) {
  const t = TEXT[lang];
  return layout(
    lang,
    html`<h1>${t.title}</h1>
      <p data-testid="message">${t[message]}</p>`,
  );
}
