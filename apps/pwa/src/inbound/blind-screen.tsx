import { readReceiveScan, renderInboundPrompt } from '@wms/domain';
import type { InboundNotice, InboundSku, InboundWork } from '@wms/protocol';
import { useState } from 'react';
import { useScanActions } from '../device/scanner/use-scan-actions';
import { announceRendered } from '../device/speech/speech';
import { useLanguage, useMessages } from '../i18n/language';
import { reportError } from '../shell/problems';
import { db, type Session } from '../storage/database';
import { randomEventId } from '../storage/event-id';
import { InboundFrame } from './inbound-frame';
import { recordInboundClosed, recordReceipt } from './record-inbound';
import { unreadScanText, useScanProblem } from './use-scan-problem';

interface Draft {
  sku: InboundSku;
  qty: string;
  lot: string;
  expiry: string;
  damaged: boolean;
}

/**
 * A delivery that came without a notice (blind receipt, issue 23): the worker chooses the
 * supplier, then scans each item (GS1-128 lot and expiry read from the label) and keys how many;
 * each receipt makes its line. The device makes the notice id up; the server opens the notice,
 * flagged for a supervisor's review, on the first receipt. `notice` is the blind delivery being
 * received (from the view), null for a new one.
 */
export function BlindScreen(props: {
  session: Session;
  work: InboundWork;
  notice: InboundNotice | null;
  onStarted: (noticeId: string) => void;
  onLeave: () => void;
}) {
  const { session, work, notice, onStarted, onLeave } = props;
  const t = useMessages();
  const language = useLanguage();
  const [noticeId] = useState(() => notice?.id ?? randomEventId());
  const [supplierId, setSupplierId] = useState(notice?.supplierId ?? '');
  const [started, setStarted] = useState(notice !== null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problem, setProblem] = useScanProblem(language);

  useScanActions((action) => {
    const unread = unreadScanText(action, t);
    if (unread) return setProblem(unread);
    if (action.kind !== 'scan' || !started) return;
    const scan = readReceiveScan(action.code);
    if (scan.kind === 'unreadable') return setProblem(t.inbound.unreadable);
    const code = scan.lookupCode;
    const sku = work.skus.find(
      (s) => code !== undefined && (s.barcodes.includes(code) || s.id === code),
    );
    if (!sku) return setProblem(t.inbound.blindUnknownItem);
    setProblem(null);
    setDraft((before) => ({
      sku,
      qty:
        scan.kind === 'carton' && scan.qty
          ? String(scan.qty)
          : before?.sku.id === sku.id
            ? String(Number(before.qty) + 1)
            : '1',
      lot: scan.lot ?? (before?.sku.id === sku.id ? before.lot : ''),
      expiry: scan.expiry ?? (before?.sku.id === sku.id ? before.expiry : ''),
      damaged: false,
    }));
  });

  const start = () => {
    if (!supplierId) return;
    setStarted(true);
    announceRendered(renderInboundPrompt({ kind: 'blind-start' }, language));
  };

  const receive = async () => {
    if (!draft) return;
    const qty = Number(draft.qty);
    if (!Number.isInteger(qty) || qty < 1) return;
    if (draft.sku.lotTracked && !draft.lot.trim()) return setProblem(t.inbound.lotNeeded);
    await recordReceipt(db, session.user.id, {
      noticeId,
      skuId: draft.sku.id,
      qty,
      damaged: draft.damaged,
      reason: 'not-on-notice',
      blind: { supplierId },
      ...(draft.sku.lotTracked ? { lot: draft.lot.trim() } : {}),
      ...(draft.sku.lotTracked && /^\d{4}-\d{2}-\d{2}$/.test(draft.expiry)
        ? { expiry: draft.expiry }
        : {}),
    });
    const received = notice?.lines.find((l) => l.skuId === draft.sku.id)?.receivedQty ?? 0;
    announceRendered(
      renderInboundPrompt(
        {
          kind: 'blind-received',
          qty,
          name: draft.sku.name,
          nameZh: draft.sku.nameZh,
          received: received + qty,
        },
        language,
      ),
    );
    setDraft(null);
    setProblem(null);
    if (!notice) onStarted(noticeId);
  };

  return (
    <InboundFrame
      screen="inbound-blind"
      onBack={onLeave}
      state="blind"
      title={
        notice ? (
          <>
            {t.inbound.blindTitle} <span translate="no">{notice.code}</span>
          </>
        ) : (
          t.inbound.blindTitle
        )
      }
      problem={problem}
      footer={
        notice && (
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
        )
      }
    >
      {!started ? (
        <div className="inbound-form">
          <label>
            {t.inbound.blindSupplier}
            <select
              data-manual-entry
              data-testid="blind-supplier"
              value={supplierId}
              onChange={(e) => setSupplierId(e.target.value)}
            >
              <option value="">—</option>
              {work.suppliers.map((s) => (
                <option key={s.id} value={s.id}>
                  {language === 'zh-CN' && s.nameZh ? s.nameZh : s.name}
                </option>
              ))}
            </select>
          </label>
          <p className="hint">{t.inbound.blindReview}</p>
          <button
            type="button"
            className="button-primary"
            data-testid="blind-start"
            disabled={!supplierId}
            onClick={start}
          >
            {t.inbound.blindStart}
          </button>
        </div>
      ) : (
        <>
          {!draft && (
            <ul className="inbound-lines">
              {(notice?.lines ?? []).map((l) => (
                <li
                  key={l.id}
                  data-testid="inbound-line"
                  data-sku={l.skuId}
                  data-received={l.receivedQty}
                >
                  <span>{language === 'zh-CN' ? l.skuNameZh : l.skuName}</span>
                  <span>{l.receivedQty}</span>
                </li>
              ))}
            </ul>
          )}
          {!draft ? (
            <p className="hint" data-testid="inbound-scan-hint">
              {t.inbound.blindHint}
            </p>
          ) : (
            <BlindForm
              draft={draft}
              onChange={setDraft}
              onReceive={() => void receive().catch(reportError)}
            />
          )}
        </>
      )}
    </InboundFrame>
  );
}

function BlindForm(props: { draft: Draft; onChange: (d: Draft) => void; onReceive: () => void }) {
  const { draft, onChange, onReceive } = props;
  const t = useMessages();
  const language = useLanguage();
  return (
    <div className="inbound-form" data-testid="blind-form" data-sku={draft.sku.id}>
      <p>
        <strong>{language === 'zh-CN' ? draft.sku.nameZh : draft.sku.name}</strong>
      </p>
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
      {draft.sku.lotTracked && (
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
