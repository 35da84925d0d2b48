import { isBinCheckDigits, looksLikeBinCode, renderInboundPrompt } from '@wms/domain';
import type { InboundTask, PutAwayPayload } from '@wms/protocol';
import { useEffect, useState } from 'react';
import { useScanActions } from '../device/scanner/use-scan-actions';
import { announceRendered } from '../device/speech/speech';
import { useLanguage, useMessages } from '../i18n/language';
import { PromptLine } from '../picker/prompt-line';
import { reportError } from '../shell/problems';
import { db, type Session } from '../storage/database';
import { InboundSignal } from './inbound-signal';
import { recordPutAway } from './record-inbound';

type OtherBinReason = NonNullable<PutAwayPayload['otherBinReason']>;
const BIN_REASONS: OtherBinReason[] = ['bin-full', 'bin-blocked', 'label-missing', 'other'];

/**
 * Put-away (blue shelf): the first open task; scan the suggested bin (or key in its check digits,
 * as in picking), or another bin with a reason; confirm the quantity.
 */
export function PutAwayScreen(props: {
  session: Session;
  tasks: InboundTask[];
  onLeave: () => void;
}) {
  const { session, tasks, onLeave } = props;
  const t = useMessages();
  const language = useLanguage();
  // The task in hand stays in hand while the list changes under it (a pull brings the server's
  // tasks, in another order): a scanned bin is never wiped by a background sync.
  const [inHand, setInHand] = useState<string | null>(null);
  const task = tasks.find((x) => x.id === inHand) ?? tasks[0];
  if (task && task.id !== inHand) setInHand(task.id);
  const left = task ? task.qty - task.doneQty : 0;
  const [binCode, setBinCode] = useState<string | null>(null);
  const [reason, setReason] = useState<OtherBinReason | ''>('');
  const [keyed, setKeyed] = useState('');
  // A new task starts with nothing scanned.
  const [formOf, setFormOf] = useState('');
  const formKey = task ? `${task.id}:${left}` : '';
  if (formKey !== formOf) {
    setFormOf(formKey);
    setBinCode(null);
    setReason('');
    setKeyed('');
  }
  useEffect(() => {
    if (formKey && task?.suggestedBinCode)
      announceRendered(
        renderInboundPrompt(
          { kind: 'put-away-task', binCode: task.suggestedBinCode, qty: left },
          language,
        ),
      );
  }, [formKey, language]); // eslint-disable-line react-hooks/exhaustive-deps -- once per task

  useScanActions((action) => {
    if (action.kind === 'scan' && looksLikeBinCode(action.code)) setBinCode(action.code);
  });

  const otherBin =
    binCode !== null && task?.suggestedBinCode !== null && binCode !== task?.suggestedBinCode;
  const keyDigits = (value: string) => {
    setKeyed(value);
    if (
      task?.suggestedBinCode &&
      task.suggestedCheckDigits &&
      isBinCheckDigits(task.suggestedCheckDigits, value)
    )
      setBinCode(task.suggestedBinCode);
  };
  const confirm = async () => {
    if (!task || !binCode || (otherBin && !reason)) return;
    await recordPutAway(db, session.user.id, {
      taskId: task.id,
      binCode,
      qty: left,
      ...(otherBin && reason ? { otherBinReason: reason } : {}),
    });
    announceRendered(renderInboundPrompt({ kind: 'put-away-done', binCode, qty: left }, language));
  };

  return (
    <section className="screen inbound-put-away">
      <div className="screen-header">
        <button
          type="button"
          className="button-secondary"
          data-testid="inbound-back"
          onClick={onLeave}
        >
          ← {t.inbound.back}
        </button>
      </div>
      <InboundSignal state="awaiting-put-away">{t.inbound.putAwayTitle}</InboundSignal>
      {!task ? (
        <p className="empty" data-testid="no-tasks">
          {t.inbound.noTasks}
        </p>
      ) : (
        <div className="inbound-form" data-testid="put-away-task" data-task={task.id}>
          <p>
            <strong>{language === 'zh-CN' ? task.skuNameZh : task.skuName}</strong> · {left}
            {task.lot ? ` · ${t.inbound.lotOf(task.lot)}` : ''}
          </p>
          <p className="pick-bin" data-testid="put-away-bin">
            {binCode ?? task.suggestedBinCode ?? '—'}
          </p>
          {binCode === null && (
            <label>
              {t.inbound.scanBin}
              <input
                data-manual-entry
                data-testid="put-away-check-digits"
                inputMode="numeric"
                value={keyed}
                onChange={(e) => keyDigits(e.target.value)}
              />
            </label>
          )}
          {otherBin && (
            <label>
              {t.inbound.otherBinReason}
              <select
                data-manual-entry
                data-testid="put-away-reason"
                value={reason}
                onChange={(e) => setReason(e.target.value as OtherBinReason)}
              >
                <option value="">—</option>
                {BIN_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t.inbound.binReasons[r]}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button
            type="button"
            className="button-primary inbound-blue"
            data-testid="put-away-confirm"
            disabled={!binCode || (otherBin && !reason)}
            onClick={() => void confirm().catch(reportError)}
          >
            {t.inbound.confirmPutAway}
          </button>
        </div>
      )}
      <PromptLine />
    </section>
  );
}
