import { readReceiveScan, renderInboundPrompt } from '@wms/domain';
import type { InboundLine, InboundNotice, ReturnGrade } from '@wms/protocol';
import { useEffect, useState } from 'react';
import { useScanActions } from '../device/scanner/use-scan-actions';
import { announceRendered } from '../device/speech/speech';
import { useLanguage, useMessages } from '../i18n/language';
import { reportError } from '../shell/problems';
import { db, type Session } from '../storage/database';
import { InboundFrame } from './inbound-frame';
import { recordInboundClosed, recordReturnGrade } from './record-inbound';
import { unreadScanText, useScanProblem } from './use-scan-problem';

/** Each grade by colour and icon as well as by word (M1.4). */
const GRADES: { grade: ReturnGrade; icon: string; className: string }[] = [
  { grade: 'resellable', icon: '✔', className: 'inbound-green' },
  { grade: 'damaged', icon: '⛔', className: 'inbound-orange' },
  { grade: 'wrong-item', icon: '✖', className: 'inbound-red' },
];

/** Units of a return line graded so far, any grade. */
const gradedOf = (l: InboundLine) => l.receivedQty + l.wrongItemQty;

/**
 * Grading a customer's return (issue 23): scan a returned item (or tap its line), key how many,
 * and grade them: resellable (put away), damaged (quarantine) or wrong item (the supervisor
 * decides). An item not on the return is kept as the scanned code of a wrong item.
 */
export function ReturnScreen(props: {
  session: Session;
  notice: InboundNotice;
  onLeave: () => void;
}) {
  const { session, notice, onLeave } = props;
  const t = useMessages();
  const language = useLanguage();
  const [lineId, setLineId] = useState<string | null>(null);
  const [qty, setQty] = useState('1');
  const [scannedCode, setScannedCode] = useState<string | null>(null);
  const [problem, setProblem] = useScanProblem(language);
  const line = notice.lines.find((l) => l.id === lineId);
  useEffect(() => {
    announceRendered(
      renderInboundPrompt({ kind: 'return-start', noticeCode: notice.code }, language),
    );
  }, [notice.code, language]);

  const choose = (l: InboundLine, fromScan: boolean) => {
    setProblem(null);
    if (fromScan) setScannedCode(null);
    setQty((before) => (fromScan && l.id === lineId ? String(Number(before) + 1) : '1'));
    setLineId(l.id);
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
    if (found) return choose(found, true);
    setScannedCode((code ?? action.code).slice(0, 64));
    setProblem(t.inbound.notOnReturn(code ?? action.code));
  });

  const grade = async (chosen: ReturnGrade) => {
    const units = Number(qty);
    if (!line || !Number.isInteger(units) || units < 1) return;
    await recordReturnGrade(db, session.user.id, {
      noticeId: notice.id,
      lineId: line.id,
      qty: units,
      grade: chosen,
      ...(chosen === 'wrong-item' && scannedCode ? { scannedCode } : {}),
    });
    announceRendered(
      renderInboundPrompt(
        {
          kind: 'return-graded',
          grade: chosen,
          qty: units,
          name: line.skuName,
          nameZh: line.skuNameZh,
          graded: gradedOf(line) + units,
          expected: line.expectedQty,
        },
        language,
      ),
    );
    setLineId(null);
    setScannedCode(null);
    setProblem(null);
  };

  return (
    <InboundFrame
      screen="inbound-return"
      onBack={onLeave}
      state="returning"
      title={
        <>
          {t.inbound.returnTitle} <span translate="no">{notice.code}</span>
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
      <ul className="inbound-list">
        {(line ? [line] : notice.lines).map((l) => (
          <li key={l.id}>
            <button
              type="button"
              className={`button-secondary${l.id === lineId ? ' chosen' : ''}`}
              data-testid="return-line"
              data-sku={l.skuId}
              data-graded={gradedOf(l)}
              data-wrong={l.wrongItemQty}
              onClick={() => choose(l, false)}
            >
              {language === 'zh-CN' ? l.skuNameZh : l.skuName} ·{' '}
              {t.inbound.graded(gradedOf(l), l.expectedQty)}
            </button>
          </li>
        ))}
      </ul>
      {!line ? (
        <p className="hint" data-testid="return-hint">
          {t.inbound.returnHint}
        </p>
      ) : (
        <div className="inbound-form">
          <label>
            {t.inbound.qty}
            <input
              data-manual-entry
              data-testid="return-qty"
              inputMode="numeric"
              value={qty}
              onChange={(e) => setQty(e.target.value.replace(/\D/g, ''))}
            />
          </label>
          <div className="grade-buttons">
            {GRADES.map((g) => (
              <button
                key={g.grade}
                type="button"
                className={`button-primary ${g.className}`}
                data-testid={`grade-${g.grade}`}
                onClick={() => void grade(g.grade).catch(reportError)}
              >
                <span aria-hidden="true">{g.icon}</span> {t.inbound.grades[g.grade]}
              </button>
            ))}
          </div>
        </div>
      )}
    </InboundFrame>
  );
}
