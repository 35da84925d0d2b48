import { renderInboundPrompt } from '@wms/domain';
import type { InboundTask } from '@wms/protocol';
import { useEffect, useState } from 'react';
import { announceRendered } from '../device/speech/speech';
import { useLanguage, useMessages } from '../i18n/language';
import { PromptLine } from '../picker/prompt-line';
import { reportError } from '../shell/problems';
import { db, type Session } from '../storage/database';
import { InboundSignal } from './inbound-signal';
import { recordQcDecision } from './record-inbound';

/** Quality check (red gear): the first open QC task; pass, fail with a reason, or part of each. */
export function QcScreen(props: { session: Session; tasks: InboundTask[]; onLeave: () => void }) {
  const { session, tasks, onLeave } = props;
  const t = useMessages();
  const language = useLanguage();
  // The task in hand stays in hand while a pull reorders the list: typed counts are not wiped.
  const [inHand, setInHand] = useState<string | null>(null);
  const task = tasks.find((x) => x.id === inHand) ?? tasks[0];
  if (task && task.id !== inHand) setInHand(task.id);
  const left = task ? task.qty - task.doneQty : 0;
  const [passed, setPassed] = useState('');
  const [failed, setFailed] = useState('0');
  const [reason, setReason] = useState('');
  // A new task (or units of it decided) starts a fresh form, with every undecided unit passed.
  const [formOf, setFormOf] = useState('');
  const formKey = task ? `${task.id}:${left}` : '';
  if (formKey !== formOf) {
    setFormOf(formKey);
    setPassed(String(left));
    setFailed('0');
    setReason('');
  }
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
    <section className="screen inbound-qc">
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
      <InboundSignal state="awaiting-qc">{t.inbound.qcTitle}</InboundSignal>
      {!task ? (
        <p className="empty" data-testid="no-tasks">
          {t.inbound.noTasks}
        </p>
      ) : (
        <div className="inbound-form" data-testid="qc-task" data-task={task.id}>
          <p>
            <strong>{skuName}</strong> · {task.noticeCode} · {left}
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
      <PromptLine />
    </section>
  );
}
