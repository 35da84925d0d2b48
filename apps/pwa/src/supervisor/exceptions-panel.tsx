import type { PickerStatus, QueueAction, QueueItem } from '@wms/protocol';
import { useCallback, useEffect, useState } from 'react';
import { FileButton } from '../admin/file-button';
import { consoleWordsByLanguage, kindText } from '../i18n/console-words';
import { useFormats } from '../i18n/format';
import { useLanguage, useMessages } from '../i18n/language';
import { api } from '../sync/api-client';
import { useErrorText } from './error-text';
import { QueueEvidence } from './queue-evidence';

/** Where each action of a queue item goes, and with what body (`count` takes the count). */
function actionRequest(item: QueueItem, action: QueueAction, userId: string, counted: number) {
  const id = encodeURIComponent(item.id);
  const task = item.source === 'task';
  switch (action) {
    case 'resolve':
      return { path: task ? `/tasks/${id}/resolve` : `/exceptions/${id}/resolve`, body: {} };
    case 'refund':
    case 'no-refund':
      // A returned wrong item: resolved with its held refund decided.
      return { path: `/exceptions/${id}/resolve`, body: { refund: action === 'refund' } };
    case 'assign':
      return { path: task ? `/tasks/${id}/assign` : `/exceptions/${id}/assign`, body: { userId } };
    case 'count-task':
      return { path: `/exceptions/${id}/count-task`, body: {} };
    case 'count':
      return { path: `/tasks/${id}/count`, body: { countedQty: counted } };
    case 'release':
    case 'cancel':
      return { path: `/holds/orders/${id}/decision`, body: { decision: action } };
    case 'replay':
      return { path: `/exceptions/webhook-deliveries/${id}/replay`, body: {} };
    case 'reprint':
      return null;
  }
}

/**
 * The exceptions queue: over-picks, bins gone negative, shorts, tasks, held orders and failed
 * webhooks, each worded from its kind and evidence in the user's language, with its
 * opened/answered times and its actions (a count is typed in; a label reprints from its task).
 */
export function ExceptionsPanel(props: { token: string; pickers: readonly PickerStatus[] }) {
  const { token, pickers } = props;
  const t = useMessages();
  const c = t.console;
  const language = useLanguage();
  const words = consoleWordsByLanguage[language];
  const format = useFormats();
  const errorText = useErrorText();
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [assignee, setAssignee] = useState(pickers[0]?.userId ?? '');
  const [counts, setCounts] = useState<Record<string, string>>({});

  const load = useCallback(
    () =>
      api.exceptionQueue(token).then(
        (queue) => setItems(queue.items),
        (e: unknown) => setMessage(errorText(e)),
      ),
    [token, errorText],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (item: QueueItem, action: QueueAction) => {
    const counted = Number(counts[item.id] ?? '');
    const request = actionRequest(item, action, assignee, counted);
    if (!request) return;
    try {
      const reply = await api.queueAction(token, request.path, request.body);
      const result = reply as { before?: number; counted?: number };
      setMessage(
        action === 'count' && result.before !== undefined && result.counted !== undefined
          ? words.counted(result.before, result.counted)
          : c.done,
      );
    } catch (e) {
      setMessage(errorText(e));
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
        <p className="banner banner-info" role="status" data-testid="queue-message">
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
            data-id={item.id}
          >
            <strong>{kindText(words, item.kind)}</strong> {words.item(item)}
            <QueueEvidence
              evidence={item.evidence}
              words={words}
              format={format}
              language={language}
            />
            <small>
              {c.opened} {format.dateTime(item.openedAt)} · {c.answered}{' '}
              {item.answeredAt ? format.dateTime(item.answeredAt) : c.notAnswered}
              {item.assignedTo && ` · ${c.assignedTo} ${item.assignedTo}`}
            </small>
            <div className="queue-actions">
              {item.actions.includes('count') && (
                <label className="field queue-count">
                  {words.countLabel}
                  <input
                    type="number"
                    min={0}
                    inputMode="numeric"
                    data-manual-entry
                    data-testid="queue-count-qty"
                    value={counts[item.id] ?? ''}
                    onChange={(e) =>
                      setCounts((known) => ({ ...known, [item.id]: e.target.value }))
                    }
                  />
                </label>
              )}
              {item.actions.map((action) =>
                action === 'reprint' ? (
                  <FileButton
                    key={action}
                    token={token}
                    path={`/labels/bins.pdf?codes=${encodeURIComponent(String(item.evidence.bin))}`}
                    open
                    testId="queue-reprint"
                    className="button-secondary"
                  >
                    {words.actions.reprint}
                  </FileButton>
                ) : (
                  <button
                    key={action}
                    type="button"
                    className="button-secondary"
                    data-testid={`queue-${action}`}
                    disabled={action === 'count' && (counts[item.id] ?? '') === ''}
                    onClick={() => void act(item, action)}
                  >
                    {words.actions[action] ?? c.actions[action] ?? action}
                  </button>
                ),
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
