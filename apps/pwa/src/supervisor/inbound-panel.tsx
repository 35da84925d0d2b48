import type { InboundNotice, InboundTask, InboundWork, PickerStatus } from '@wms/protocol';
import { useCallback, useEffect, useState } from 'react';
import { useLanguage, useMessages } from '../i18n/language';
import { api } from '../sync/api-client';
import { secondsSince } from './board-age';
import { useErrorText } from './error-text';
import { InboundAssignDialog, type InboundAssignTarget } from './inbound-assign-dialog';
import { StageIcon } from './inbound-stage-signal';
import { ageText } from './move-dialog';

/**
 * The console's inbound work (issue 23): deliveries to receive and open QC and put-away tasks of
 * the warehouse, with who has each, and the action that gives it to a picker. Reloaded whenever
 * the board is (`refreshKey`: pokes, the poll), so a receipt on a handheld shows here at once.
 */
export function InboundPanel(props: {
  token: string;
  pickers: readonly PickerStatus[];
  nowMs: number;
  canAssign: boolean;
  refreshKey: string;
}) {
  const { token, pickers, nowMs, canAssign, refreshKey } = props;
  const c = useMessages().console;
  const w = c.inbound;
  const errorText = useErrorText();
  const [work, setWork] = useState<InboundWork | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [target, setTarget] = useState<InboundAssignTarget | null>(null);

  const load = useCallback(
    () =>
      api.inboundWork(token).then(setWork, (e: unknown) => {
        setMessage(errorText(e));
      }),
    [token, errorText],
  );
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  const open = (next: InboundAssignTarget) => {
    setMessage(null);
    setTarget(next);
  };
  return (
    <section className="board-card inbound-work" data-testid="inbound-work">
      {message && (
        <p className="banner banner-info" role="status" data-testid="inbound-message">
          {message}
        </p>
      )}
      <h2>{w.notices}</h2>
      {work && work.notices.length + work.tasks.length === 0 && <p className="empty">{w.none}</p>}
      <NoticeTable
        notices={work?.notices ?? []}
        nowMs={nowMs}
        canAssign={canAssign}
        onAssign={open}
      />
      <h2>{w.tasks}</h2>
      <TaskTable tasks={work?.tasks ?? []} nowMs={nowMs} canAssign={canAssign} onAssign={open} />
      {target && (
        <InboundAssignDialog
          token={token}
          target={target}
          pickers={pickers}
          onClose={(assigned) => {
            setTarget(null);
            if (assigned) {
              setMessage(assigned);
              void load();
            }
          }}
        />
      )}
    </section>
  );
}

function NoticeTable(props: {
  notices: readonly InboundNotice[];
  nowMs: number;
  canAssign: boolean;
  onAssign: (target: InboundAssignTarget) => void;
}) {
  const { notices, nowMs, canAssign, onAssign } = props;
  const c = useMessages().console;
  const w = c.inbound;
  return (
    <table>
      <thead>
        <tr>
          <th>{w.notice}</th>
          <th>{w.expectedOn}</th>
          <th>{w.received}</th>
          <th>{w.assignee}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {notices.map((n) => {
          const expected = n.lines.reduce((sum, l) => sum + l.expectedQty, 0);
          const received = n.lines.reduce((sum, l) => sum + l.receivedQty, 0);
          const since = secondsSince(n.firstReceivedAt ?? null, nowMs);
          const stage = n.firstReceivedAt ? 'receiving' : 'expected';
          return (
            <tr
              key={n.id}
              data-testid={`inbound-notice-${n.code}`}
              data-assignee={n.assigneeName ?? ''}
            >
              <td>
                <StageIcon stage={stage} /> <strong translate="no">{n.code}</strong>{' '}
                <small>{w.stage[stage]}</small>
              </td>
              <td>{n.expectedDate}</td>
              <td>
                {received}/{expected}
                {since !== null && (
                  <small>
                    {' '}
                    · {w.waiting} {ageText(since, c)}
                  </small>
                )}
              </td>
              <td>{n.assigneeName ?? w.anyone}</td>
              <td>
                <button
                  type="button"
                  className="button-secondary"
                  data-testid={`assign-notice-${n.code}`}
                  disabled={!canAssign}
                  onClick={() =>
                    onAssign({
                      kind: 'notice',
                      id: n.id,
                      label: `${w.kind.receiving} ${n.code}`,
                      assignedUserId: n.assignedUserId ?? null,
                    })
                  }
                >
                  {w.assign}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function TaskTable(props: {
  tasks: readonly InboundTask[];
  nowMs: number;
  canAssign: boolean;
  onAssign: (target: InboundAssignTarget) => void;
}) {
  const { tasks, nowMs, canAssign, onAssign } = props;
  const c = useMessages().console;
  const w = c.inbound;
  const language = useLanguage();
  return (
    <table>
      <thead>
        <tr>
          <th>{w.item}</th>
          <th>{w.left}</th>
          <th>{w.waiting}</th>
          <th>{w.assignee}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => {
          const name = language === 'zh-CN' ? task.skuNameZh : task.skuName;
          const waited = secondsSince(task.createdAt ?? null, nowMs);
          const stage = task.kind === 'qc' ? 'awaiting-qc' : 'awaiting-put-away';
          return (
            <tr
              key={task.id}
              data-testid="inbound-task"
              data-task-id={task.id}
              data-kind={task.kind}
              data-assignee={task.assigneeName ?? ''}
            >
              <td>
                <StageIcon stage={stage} /> <strong>{w.kind[task.kind]}</strong> {name}{' '}
                <small translate="no">{task.noticeCode}</small>
              </td>
              <td>{task.qty - task.doneQty}</td>
              <td>{waited === null ? '—' : ageText(waited, c)}</td>
              <td>{task.assigneeName ?? w.anyone}</td>
              <td>
                <button
                  type="button"
                  className="button-secondary"
                  data-testid="assign-task"
                  disabled={!canAssign}
                  onClick={() =>
                    onAssign({
                      kind: 'task',
                      id: task.id,
                      label: `${w.kind[task.kind]} ${name}`,
                      assignedUserId: task.assignedUserId ?? null,
                    })
                  }
                >
                  {w.assign}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
