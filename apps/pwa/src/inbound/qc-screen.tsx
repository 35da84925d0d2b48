import { renderInboundPrompt } from '@wms/domain';
import type { InboundTask } from '@wms/protocol';
import { useEffect, useState } from 'react';
import { announceRendered } from '../device/speech/speech';
import { useLanguage, useMessages } from '../i18n/language';
import { reportError } from '../shell/problems';
import { db, type Session } from '../storage/database';
import { InboundFrame } from './inbound-frame';
import { recordQcDecision } from './record-inbound';
import { useTaskInHand } from './use-task-in-hand';

/** Quality check (red gear): the first open QC task; pass, fail with a reason, or part of each. */
export function QcScreen(props: { session: Session; tasks: InboundTask[]; onLeave: () => void }) {
  const { session, tasks, onLeave } = props;
  const t = useMessages();
  const language = useLanguage();
  const [passed, setPassed] = useState('');
  const [failed, setFailed] = useState('0');
  const [reason, setReason] = useState('');
  // A new task (or units of it decided) starts a fresh form, with every undecided unit passed.
  const { task, left, formKey } = useTaskInHand(tasks, (undecided) => {
    setPassed(String(undecided));
    setFailed('0');
    setReason('');
  });
  const skuName = task ? (language === 'zh-CN' ? task.skuNameZh : task.skuName) : '';
  useEffect(() => {
    if (formKey && task)
      announceRendered(
        renderInboundPrompt(
          { kind: 'qc-task', name: task.skuName, nameZh: task.skuNameZh, qty: left },
          language,
        ),
      );
  }, [formKey, language]); // eslint-disable-line react-hooks/exhaustive-deps -- once per task

  const record = async () => {
    if (!task) return;
    const pass = Number(passed || 0);
    const fail = Number(failed || 0);
    if (pass + fail === 0 || pass + fail > left || (fail > 0 && !reason.trim())) return;
    await recordQcDecision(db, session.user.id, {
      taskId: task.id,
      passedQty: pass,
      failedQty: fail,
      ...(fail > 0 ? { reason: reason.trim() } : {}),
    });
    announceRendered(
      renderInboundPrompt({ kind: 'qc-recorded', passed: pass, failed: fail }, language),
    );
  };

  return (
    <InboundFrame
      screen="inbound-qc"
      onBack={onLeave}
      state="awaiting-qc"
      title={t.inbound.qcTitle}
      noTasks={!task}
    >
      {task && (
        <div className="inbound-form" data-testid="qc-task" data-task={task.id}>
          <p>
            <strong>{skuName}</strong> · <span translate="no">{task.noticeCode}</span> · {left}
          </p>
          <label>
            {t.inbound.passed}
            <input
              data-manual-entry
              data-testid="qc-passed"
              inputMode="numeric"
              value={passed}
              onChange={(e) => setPassed(e.target.value.replace(/\D/g, ''))}
            />
          </label>
          <label>
            {t.inbound.failed}
            <input
              data-manual-entry
              data-testid="qc-failed"
              inputMode="numeric"
              value={failed}
              onChange={(e) => setFailed(e.target.value.replace(/\D/g, ''))}
            />
          </label>
          <label>
            {t.inbound.failReason}
            <input
              data-manual-entry
              data-testid="qc-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="button-primary inbound-red"
            data-testid="qc-record"
            onClick={() => void record().catch(reportError)}
          >
            {t.inbound.recordQc}
          </button>
        </div>
      )}
    </InboundFrame>
  );
}
