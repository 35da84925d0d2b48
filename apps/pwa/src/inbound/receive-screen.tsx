import { readReceiveScan, renderInboundPrompt } from '@wms/domain';
import type { InboundLine, InboundNotice, OverUnderReason } from '@wms/protocol';
import { useState } from 'react';
import { useScanActions } from '../device/scanner/use-scan-actions';
import { unreadScanText, useScanProblem } from './use-scan-problem';
import { announceRendered } from '../device/speech/speech';
import { useLanguage, useMessages } from '../i18n/language';
import { reportError } from '../shell/problems';
import { db, type Session } from '../storage/database';
import { InboundFrame } from './inbound-frame';
import { ReasonSelect } from './reason-select';
import { recordInboundClosed, recordReceipt } from './record-inbound';

const REASONS: OverUnderReason[] = [
  'supplier-sent-more',
  'damaged-in-transit',
  'not-on-notice',
  'other',
];

interface Draft {
  lineId: string;
  qty: string;
  lot: string;
  expiry: string;
  damaged: boolean;
  reason: OverUnderReason | '';
  sscc?: string;
}

/** Receiving one delivery: scan a carton label or an item, check the count, receive. */
export function ReceiveScreen(props: {
  session: Session;
  notice: InboundNotice;
  onLeave: () => void;
}) {
  const { session, notice, onLeave } = props;
  const t = useMessages();
  const language = useLanguage();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problem, setProblem] = useScanProblem(language);
  // A missing over-receipt reason is marked on its field (the field is the message, in view).
  const [reasonMissing, setReasonMissing] = useState(false);
  const line = notice.lines.find((l) => l.id === draft?.lineId);

  const choose = (l: InboundLine, facts: Partial<Draft> = {}) => {
    setProblem(null);
    setReasonMissing(false);
    setDraft((before) => ({
      lineId: l.id,
      qty:
        before?.lineId === l.id && !facts.qty ? String(Number(before.qty) + 1) : (facts.qty ?? '1'),
      lot: facts.lot ?? (before?.lineId === l.id ? before.lot : ''),
      expiry: facts.expiry ?? (before?.lineId === l.id ? before.expiry : ''),
      damaged: false,
      reason: '',
      ...(facts.sscc ? { sscc: facts.sscc } : {}),
    }));
  };

  useScanActions((action) => {
    const unread = unreadScanText(action, t);
    if (unread) return setProblem(unread);
    if (action.kind !== 'scan') return;
    const scan = readReceiveScan(action.code);
    if (scan.kind === 'unreadable') return setProblem(t.inbound.unreadable);
    const code = scan.lookupCode;
    const found = notice.lines.find(
      (l) => code !== undefined && (l.barcodes.includes(code) || l.skuId === code),
    );
    if (!found) return setProblem(t.inbound.unknownItem);
    choose(found, {
      ...(scan.lot ? { lot: scan.lot } : {}),
      ...(scan.expiry ? { expiry: scan.expiry } : {}),
      ...(scan.kind === 'carton'
        ? { sscc: scan.sscc, ...(scan.qty ? { qty: String(scan.qty) } : {}) }
        : {}),
    });
  });

  const receive = async () => {
    if (!draft || !line) return;
    const qty = Number(draft.qty);
    if (!Number.isInteger(qty) || qty < 1) return;
    if (line.lotTracked && !draft.lot.trim()) return setProblem(t.inbound.lotNeeded);
    const over = line.receivedQty + qty > line.expectedQty;
    if (over && !draft.reason) return setReasonMissing(true);
    await recordReceipt(db, session.user.id, {
      noticeId: notice.id,
      lineId: line.id,
      skuId: line.skuId,
      qty,
      damaged: draft.damaged,
      ...(line.lotTracked ? { lot: draft.lot.trim() } : {}),
      ...(line.lotTracked && /^\d{4}-\d{2}-\d{2}$/.test(draft.expiry)
        ? { expiry: draft.expiry }
        : {}),
      ...(draft.reason ? { reason: draft.reason } : {}),
      ...(draft.sscc ? { sscc: draft.sscc } : {}),
    });
    announceRendered(
      renderInboundPrompt(
        over
          ? { kind: 'over-receipt', received: line.receivedQty + qty, expected: line.expectedQty }
          : {
              kind: 'received-units',
              qty,
              name: line.skuName,
              nameZh: line.skuNameZh,
              received: line.receivedQty + qty,
              expected: line.expectedQty,
            },
        language,
      ),
    );
    setDraft(null);
    setProblem(null);
    setReasonMissing(false);
  };

  // While a line's form is open only that line is listed: the form stays on the first screen.
  const shownLines = line ? [line] : notice.lines;
  return (
    <InboundFrame
      screen="inbound-receive"
      onBack={onLeave}
      state="receiving"
      title={
        <>
          {t.inbound.receiveTitle} <span translate="no">{notice.code}</span>
        </>
      }
      problem={problem}
      footer={
        <button
          type="button"
          className="button-secondary"
          data-testid="close-notice"
          onClick={() =>
            void recordInboundClosed(db, session.user.id, notice.id).then(onLeave, reportError)
          }
        >
          {t.inbound.closeNotice}
        </button>
      }
    >
      <ul className="inbound-lines">
        {shownLines.map((l) => (
          <li
            key={l.id}
            className={l.id === draft?.lineId ? 'chosen' : ''}
            data-testid="inbound-line"
            data-sku={l.skuId}
            data-received={l.receivedQty}
          >
            <span>{language === 'zh-CN' ? l.skuNameZh : l.skuName}</span>
            <span>{t.inbound.progress(l.receivedQty, l.expectedQty)}</span>
          </li>
        ))}
      </ul>
      {!draft || !line ? (
        <p className="hint" data-testid="inbound-scan-hint">
          {t.inbound.scanHint}
        </p>
      ) : (
        <ReceiveForm
          draft={draft}
          line={line}
          reasonMissing={reasonMissing}
          onChange={setDraft}
          onReceive={() => void receive().catch(reportError)}
        />
      )}
    </InboundFrame>
  );
}

function ReceiveForm(props: {
  draft: Draft;
  line: InboundLine;
  reasonMissing: boolean;
  onChange: (draft: Draft) => void;
  onReceive: () => void;
}) {
  const { draft, line, reasonMissing, onChange, onReceive } = props;
  const t = useMessages();
  const over = line.receivedQty + Number(draft.qty) > line.expectedQty;
  return (
    <div className="inbound-form">
      <div className="inbound-row">
        <label>
          {t.inbound.qty}
          <input
            data-manual-entry
            data-testid="inbound-qty"
            inputMode="numeric"
            value={draft.qty}
            onChange={(e) => onChange({ ...draft, qty: e.target.value.replace(/\D/g, '') })}
          />
        </label>
        <label className="check">
          <input
            data-manual-entry
            type="checkbox"
            data-testid="inbound-damaged"
            checked={draft.damaged}
            onChange={(e) => onChange({ ...draft, damaged: e.target.checked })}
          />
          {t.inbound.damaged}
        </label>
      </div>
      {line.lotTracked && (
        <div className="inbound-row">
          <label>
            {t.inbound.lot}
            <input
              data-manual-entry
              data-testid="inbound-lot"
              value={draft.lot}
              onChange={(e) => onChange({ ...draft, lot: e.target.value })}
            />
          </label>
          <label>
            {t.inbound.expiry}
            <input
              data-manual-entry
              data-testid="inbound-expiry"
              placeholder={t.inbound.expiryFormat}
              value={draft.expiry}
              onChange={(e) => onChange({ ...draft, expiry: e.target.value })}
            />
          </label>
        </div>
      )}
      {over && (
        <ReasonSelect
          label={t.inbound.overReason}
          testId="inbound-reason"
          value={draft.reason}
          reasons={REASONS}
          wording={t.inbound.reasons}
          missing={reasonMissing && !draft.reason}
          onChange={(reason) => onChange({ ...draft, reason })}
        />
      )}
      <button
        type="button"
        className="button-primary"
        data-testid="inbound-receive"
        onClick={onReceive}
      >
        {t.inbound.receive}
      </button>
    </div>
  );
}
