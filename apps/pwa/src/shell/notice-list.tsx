import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { announce } from '../device/speech/speech';
import { useLanguage, useMessages } from '../i18n/language';
import type { Messages } from '../i18n/messages-en';
import { db, type PutBackItem, type WaveNotice } from '../storage/database';
import { readMeta } from '../storage/meta';
import { dismissNotice } from '../sync/apply-pull';
import { deviceSync } from '../sync/device-sync';
import { PICK_DEBOUNCE_MS } from '../sync/sync-loop';
import { reportError } from './problems';

/** Waves a pull took off this device (reassigned, cancelled), until the picker dismisses them. */
export function NoticeList() {
  const t = useMessages();
  const notices = useLiveQuery(async () => (await readMeta(db, 'notices')) ?? []);
  if (!notices || notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className="banner banner-warning"
          data-testid="notice"
          data-reason={notice.reason}
          role="status"
        >
          <span>{noticeText(notice, t)}</span>
          {notice.putBack && notice.putBack.length > 0 && (
            <PutBackList code={notice.waveCode ?? ''} items={notice.putBack} />
          )}
          <button
            type="button"
            className="button-secondary"
            onClick={() =>
              void dismissNotice(db, notice.id)
                .then((recorded) => {
                  if (recorded.length > 0) deviceSync.requestSync(PICK_DEBOUNCE_MS);
                })
                .catch(reportError)
            }
          >
            {notice.putBack?.length ? t.putBack.done : t.notice.dismiss}
          </button>
        </div>
      ))}
    </div>
  );
}

/** "Stop, put back": each item picked for a cancelled wave, and the bin it goes back to. */
function PutBackList({ code, items }: { code: string; items: readonly PutBackItem[] }) {
  const t = useMessages();
  const language = useLanguage();
  useEffect(() => {
    const first = items[0];
    if (first) announce({ kind: 'put-back', binCode: first.binCode, qty: first.qty }, language);
  }, [items, language]);
  return (
    <div className="put-back" data-testid="put-back">
      <strong>✖ {t.putBack.title(code)}</strong>
      <ul>
        {items.map((item) => (
          <li key={`${item.binCode}:${item.skuName}:${item.lot ?? ''}`} data-testid="put-back-item">
            {t.putBack.line(
              item.qty,
              language === 'zh-CN' ? item.skuNameZh : item.skuName,
              item.binCode,
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function noticeText(notice: WaveNotice, t: Messages): string {
  const code = notice.waveCode ?? t.notice.unknownWave;
  switch (notice.reason) {
    case 'reassigned':
      return t.notice.reassigned(code, notice.assignedTo, notice.keptPicks ?? 0);
    case 'unassigned':
      return t.notice.unassigned(code);
    case 'cancelled':
      return t.notice.cancelled(code);
    case 'order-pulled':
      return t.notice.orderPulled(code, notice.orderId ?? '');
    case 'lines-moved':
      return t.notice.linesMoved(code, notice.movedLines ?? 0);
  }
}
