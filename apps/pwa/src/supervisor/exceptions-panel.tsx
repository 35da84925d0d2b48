import type { PickerStatus, QueueAction, QueueItem } from '@wms/protocol';
import { useCallback, useEffect, useState } from 'react';
import { useMessages } from '../i18n/language';
import { api, ApiError } from '../sync/api-client';

/** Where each action of a queue item goes, and with what body. */
function actionRequest(item: QueueItem, action: QueueAction, userId: string) {
  const id = encodeURIComponent(item.id);
  switch (action) {
    case 'resolve':
      return { path: `/exceptions/${id}/resolve`, body: {} };
    case 'assign':
      return { path: `/exceptions/${id}/assign`, body: { userId } };
    case 'count-task':
      return { path: `/exceptions/${id}/count-task`, body: {} };
    case 'release':
    case 'cancel':
      return { path: `/holds/orders/${id}/decision`, body: { decision: action } };
    case 'replay':
      return { path: `/webhooks/deliveries/${id}/replay`, body: {} };
  }
}

/**
 * The exceptions queue: over-picks, bins gone negative, shorts, tasks, held orders and failed
 * webhooks, each with its evidence, opened/answered times and its actions.
 */
export function ExceptionsPanel(props: { token: string; pickers: readonly PickerStatus[] }) {
  const { token, pickers } = props;
  const t = useMessages();
  const c = t.console;
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [assignee, setAssignee] = useState(pickers[0]?.userId ?? '');

  const load = useCallback(
    () =>
      api.exceptionQueue(token).then(
        (queue) => setItems(queue.items),
        (e: unknown) => setMessage(e instanceof ApiError ? e.message : String(e)),
      ),
    [token],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (item: QueueItem, action: QueueAction) => {
    const { path, body } = actionRequest(item, action, assignee);
    try {
      await api.queueAction(token, path, body);
      setMessage(c.done);
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e));
    }
    await load();
  };

  return (
    <section className="board-card" data-testid="exceptions-queue">
      <h2>{c.exceptions}</h2>
      <label className="field">
        {c.assignedTo}
        <select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
          {pickers.map((p) => (
            <option key={p.userId} value={p.userId}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {message && (
        <p className="banner banner-info" role="status">
          {message}
        </p>
      )}
      {items?.length === 0 && <p className="empty">{c.noExceptions}</p>}
      <ul className="queue">
        {items?.map((item) => (
          <li
            key={`${item.source}:${item.id}`}
            data-testid="queue-item"
            data-kind={item.kind}
            data-source={item.source}
          >
            <strong>{item.kind}</strong> {item.message}
            <dl className="evidence">
              {Object.entries(item.evidence)
                .filter(([, v]) => v !== null)
                .map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>{String(v)}</dd>
                  </div>
                ))}
            </dl>
            <small>
              {c.opened} {new Date(item.openedAt).toLocaleString()} · {c.answered}{' '}
              {item.answeredAt ? new Date(item.answeredAt).toLocaleString() : c.notAnswered}
              {item.assignedTo && ` · ${c.assignedTo} ${item.assignedTo}`}
            </small>
            <div className="queue-actions">
              {item.actions.map((action) => (
                <button
                  key={action}
                  type="button"
                  className="button-secondary"
                  data-testid={`queue-${action}`}
                  onClick={() => void act(item, action)}
                >
                  {c.actions[action] ?? action}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
