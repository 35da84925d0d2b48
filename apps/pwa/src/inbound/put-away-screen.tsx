import { isBinCheckDigits, looksLikeBinCode, renderInboundPrompt } from '@wms/domain';
import type { InboundTask, PutAwayPayload } from '@wms/protocol';
import { useEffect, useState } from 'react';
import { useScanActions } from '../device/scanner/use-scan-actions';
import { unreadScanText, useScanProblem } from './use-scan-problem';
import { announceRendered } from '../device/speech/speech';
import { useLanguage, useMessages } from '../i18n/language';
import { reportError } from '../shell/problems';
import { db, type Session } from '../storage/database';
import { InboundFrame } from './inbound-frame';
import { ReasonSelect } from './reason-select';
import { recordPutAway } from './record-inbound';
import { useTaskInHand } from './use-task-in-hand';

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
  const [binCode, setBinCode] = useState<string | null>(null);
  const [problem, setProblem] = useScanProblem(language);
  const [reason, setReason] = useState<OtherBinReason | ''>('');
  const [keyed, setKeyed] = useState('');
  // A new task starts with nothing scanned.
  const { task, left, formKey } = useTaskInHand(tasks, () => {
    setBinCode(null);
    setProblem(null);
    setReason('');
    setKeyed('');
  });
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
    const unread = unreadScanText(action, t);
    if (unread) return setProblem(unread);
    if (action.kind !== 'scan' || !task) return;
    if (!looksLikeBinCode(action.code)) return setProblem(t.inbound.notABin(action.code));
    setProblem(null);
    setBinCode(action.code);
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
    <InboundFrame
      screen="inbound-put-away"
      onBack={onLeave}
      state="awaiting-put-away"
      title={t.inbound.putAwayTitle}
      problem={problem}
      noTasks={!task}
    >
      {task && (
        <div className="inbound-form" data-testid="put-away-task" data-task={task.id}>
          <p>
            <strong>{language === 'zh-CN' ? task.skuNameZh : task.skuName}</strong> · {left}
            {task.lot && (
              <>
                {' · '}
                {t.inbound.lot} <span translate="no">{task.lot}</span>
              </>
            )}
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
            <ReasonSelect
              label={t.inbound.otherBinReason}
              testId="put-away-reason"
              value={reason}
              reasons={BIN_REASONS}
              wording={t.inbound.binReasons}
              onChange={setReason}
            />
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
    </InboundFrame>
  );
}
