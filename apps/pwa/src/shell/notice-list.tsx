import { useLiveQuery } from 'dexie-react-hooks';
import { useMessages } from '../i18n/language';
import type { Messages } from '../i18n/messages-en';
import { db, type WaveNotice } from '../storage/database';
import { readMeta } from '../storage/meta';
import { dismissNotice } from '../sync/apply-pull';
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
          <button
            type="button"
            className="button-secondary"
            onClick={() => void dismissNotice(db, notice.id).catch(reportError)}
          >
            {t.notice.dismiss}
          </button>
        </div>
      ))}
    </div>
  );
}

function noticeText(notice: WaveNotice, t: Messages): string {
  const code = notice.waveCode ?? t.notice.unknownWave;
  switch (notice.reason) {
    case 'reassigned':
      return t.notice.reassigned(code, notice.assignedTo);
    case 'unassigned':
      return t.notice.unassigned(code);
    case 'cancelled':
      return t.notice.cancelled(code);
  }
}
