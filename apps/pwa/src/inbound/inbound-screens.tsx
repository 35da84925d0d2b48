import './inbound.css';
import type { InboundNotice } from '@wms/protocol';
import { useState } from 'react';
import { useMessages } from '../i18n/language';
import type { Session } from '../storage/database';
import { InboundFrame } from './inbound-frame';
import { PutAwayScreen } from './put-away-screen';
import { BlindScreen } from './blind-screen';
import { QcScreen } from './qc-screen';
import { ReceiveScreen } from './receive-screen';
import { ReturnScreen } from './return-screen';
import { useInboundWork } from './use-inbound-work';

type Open =
  | { kind: 'home' }
  | { kind: 'receive'; noticeId: string }
  | { kind: 'blind'; noticeId: string | null }
  | { kind: 'qc' }
  | { kind: 'put-away' };

/**
 * Inbound on the handheld: deliveries to receive (a return is graded, a delivery without notice
 * received blind), then QC (red gear) and put-away (blue shelf).
 */
export function InboundScreens({ session, onLeave }: { session: Session; onLeave: () => void }) {
  const t = useMessages();
  const work = useInboundWork(session);
  const [open, setOpen] = useState<Open>({ kind: 'home' });
  const home = () => setOpen({ kind: 'home' });
  if (!work) return <p className="screen">{t.loading}</p>;
  if (open.kind === 'blind')
    return (
      <BlindScreen
        session={session}
        work={work}
        notice={work.notices.find((n) => n.id === open.noticeId) ?? null}
        onStarted={(noticeId) => setOpen({ kind: 'blind', noticeId })}
        onLeave={home}
      />
    );
  const notice = open.kind === 'receive' ? work.notices.find((n) => n.id === open.noticeId) : null;
  if (notice?.kind === 'return')
    return <ReturnScreen session={session} notice={notice} onLeave={home} />;
  if (notice) return <ReceiveScreen session={session} notice={notice} onLeave={home} />;
  if (open.kind === 'qc')
    return (
      <QcScreen
        session={session}
        tasks={work.tasks.filter((x) => x.kind === 'qc')}
        onLeave={home}
      />
    );
  if (open.kind === 'put-away')
    return (
      <PutAwayScreen
        session={session}
        tasks={work.tasks.filter((x) => x.kind === 'put-away')}
        onLeave={home}
      />
    );
  const qc = work.tasks.filter((x) => x.kind === 'qc').length;
  const putAway = work.tasks.filter((x) => x.kind === 'put-away').length;
  return (
    <InboundFrame
      screen="inbound"
      onBack={onLeave}
      headerAction={
        <button
          type="button"
          className="button-secondary"
          data-testid="open-blind"
          onClick={() => setOpen({ kind: 'blind', noticeId: null })}
        >
          📦 {t.inbound.blindOpen}
        </button>
      }
      state="receiving"
      title={t.inbound.notices}
      footer={
        <>
          <button
            type="button"
            className="button-primary inbound-red"
            data-testid="open-qc"
            onClick={() => setOpen({ kind: 'qc' })}
          >
            ⚙ {t.inbound.qcTasks(qc)}
          </button>
          <button
            type="button"
            className="button-primary inbound-blue"
            data-testid="open-put-away"
            onClick={() => setOpen({ kind: 'put-away' })}
          >
            🗄 {t.inbound.putAwayTasks(putAway)}
          </button>
        </>
      }
    >
      {work.notices.length === 0 ? (
        <p className="empty">{t.inbound.noNotices}</p>
      ) : (
        <ul className="inbound-list">
          {work.notices.map((n) => (
            <li key={n.id}>
              <button
                type="button"
                className="button-secondary"
                data-testid="inbound-notice"
                data-code={n.code}
                data-kind={n.kind}
                onClick={() =>
                  setOpen(
                    n.kind === 'blind'
                      ? { kind: 'blind', noticeId: n.id }
                      : { kind: 'receive', noticeId: n.id },
                  )
                }
              >
                {NOTICE_ICONS[n.kind]} <span translate="no">{n.code}</span> · {noticeProgress(n)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </InboundFrame>
  );
}

/** A return and a blind delivery look apart from a supplier's notice in the list. */
const NOTICE_ICONS: Record<InboundNotice['kind'], string> = {
  purchase: '🚚',
  return: '↩',
  blind: '📦',
};

function noticeProgress(notice: InboundNotice): string {
  const received = notice.lines.reduce((sum, l) => sum + l.receivedQty + l.wrongItemQty, 0);
  const expected = notice.lines.reduce((sum, l) => sum + l.expectedQty, 0);
  return `${received}/${expected}`;
}
